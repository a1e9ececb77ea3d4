//! Dates as CloudFront sees them: whole seconds since the Unix epoch, UTC.
//!
//! The core never reads the clock (`wasm32-unknown-unknown` has none):
//! whoever needs "now" passes it in.

use crate::error::{fail, ErrorKind, Result};

/// The largest expiry CloudFront documents: 2038-01-19T03:14:07Z.
pub const MAX_EPOCH_SECONDS: i64 = 2_147_483_647;

/// Numbers above this can only be milliseconds (year 5138 in seconds).
const MILLISECONDS_THRESHOLD: f64 = 1e11;

/// Converts a number of epoch seconds to whole seconds, flooring fractions.
///
/// Refuses NaN, infinities, negative values and numbers that can only be
/// milliseconds, with a message that says so.
///
/// ```
/// use cloudfront_signer::time::seconds_from_number;
/// assert_eq!(seconds_from_number(1767290400.9).unwrap(), 1767290400);
/// assert!(seconds_from_number(1767290400000.0).is_err());
/// ```
pub fn seconds_from_number(value: f64) -> Result<i64> {
    if !value.is_finite() {
        return fail(
            ErrorKind::InvalidDate,
            "the date is not a finite number of epoch seconds",
        );
    }
    if value > MILLISECONDS_THRESHOLD {
        // Shown as a whole number: what a millisecond clock gives, and
        // without the float formatting code that `{value}` would link.
        let shown = match value {
            v if v < 1e18 => (v.floor() as u64).to_string(),
            _ => "a number above 10^18".to_string(),
        };
        return fail(
            ErrorKind::InvalidDate,
            format!(
                "{shown} looks like milliseconds; CloudFront dates are epoch SECONDS (divide by 1000, or pass a Date)"
            ),
        );
    }
    if value < 0.0 {
        return fail(
            ErrorKind::InvalidDate,
            "the date is before 1970-01-01T00:00:00Z",
        );
    }
    Ok(value.floor() as i64)
}

/// Parses an ISO-8601 date or date-time into epoch seconds, flooring fractions.
///
/// Accepted: `YYYY-MM-DD` (midnight UTC), `YYYY-MM-DDThh:mm[:ss[.fff]]`
/// followed by `Z`, `±hh:mm`, `±hhmm` or nothing (read as UTC, as the AWS
/// CLI does), and a string of digits (epoch seconds).
///
/// ```
/// use cloudfront_signer::time::parse_date;
/// assert_eq!(parse_date("2026-01-01T18:00:00Z").unwrap(), 1767290400);
/// assert_eq!(parse_date("2026-01-01T20:00:00+02:00").unwrap(), 1767290400);
/// assert_eq!(parse_date("2026-01-01").unwrap(), 1767225600);
/// assert_eq!(parse_date("1767290400").unwrap(), 1767290400);
/// ```
pub fn parse_date(text: &str) -> Result<i64> {
    let text = text.trim();
    if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
        // Digits only: any count of them is a finite number, and past 18
        // of them far beyond the millisecond threshold.
        let digits = text.trim_start_matches('0');
        let value = match digits.len() {
            0 => 0.0,
            1..=18 => digits.parse::<u64>().map_or(f64::INFINITY, |n| n as f64),
            _ => 1e19,
        };
        return seconds_from_number(value);
    }
    parse_iso8601(text.as_bytes()).map_or_else(|| invalid_date(text), Ok)
}

fn invalid_date(text: &str) -> Result<i64> {
    let shown: String = text.chars().take(40).collect();
    fail(
        ErrorKind::InvalidDate,
        format!(
            "{shown:?} is not a date; use ISO-8601 (\"2030-01-01T00:00:00Z\"), a Date, or epoch seconds"
        ),
    )
}

fn parse_iso8601(s: &[u8]) -> Option<i64> {
    let mut cursor = Cursor { s, at: 0 };
    let year = cursor.digits(4)?;
    cursor.expect(b'-')?;
    let month = cursor.digits(2)?;
    cursor.expect(b'-')?;
    let day = cursor.digits(2)?;
    if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
        return None;
    }
    let date_seconds = days_from_civil(year, month, day) * 86_400;
    if cursor.done() {
        return Some(date_seconds);
    }
    if !matches!(cursor.next()?, b'T' | b't') {
        return None;
    }
    let hour = cursor.digits(2)?;
    cursor.expect(b':')?;
    let minute = cursor.digits(2)?;
    let mut second = 0;
    if cursor.peek() == Some(b':') {
        cursor.at += 1;
        second = cursor.digits(2)?;
        if cursor.peek() == Some(b'.') {
            cursor.at += 1;
            let start = cursor.at;
            while cursor.peek().is_some_and(|b| b.is_ascii_digit()) {
                cursor.at += 1;
            }
            if cursor.at == start {
                return None;
            }
        }
    }
    if hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    let offset = match cursor.next() {
        None => 0,
        Some(b'Z' | b'z') => 0,
        Some(sign @ (b'+' | b'-')) => {
            let hours = cursor.digits(2)?;
            if cursor.peek() == Some(b':') {
                cursor.at += 1;
            }
            let minutes = cursor.digits(2)?;
            if hours > 23 || minutes > 59 {
                return None;
            }
            let magnitude = hours * 3600 + minutes * 60;
            if sign == b'+' {
                magnitude
            } else {
                -magnitude
            }
        }
        Some(_) => return None,
    };
    if !cursor.done() {
        return None;
    }
    Some(date_seconds + hour * 3600 + minute * 60 + second - offset)
}

struct Cursor<'a> {
    s: &'a [u8],
    at: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.at).copied()
    }
    fn next(&mut self) -> Option<u8> {
        let byte = self.peek()?;
        self.at += 1;
        Some(byte)
    }
    fn done(&self) -> bool {
        self.at == self.s.len()
    }
    fn expect(&mut self, byte: u8) -> Option<()> {
        (self.next()? == byte).then_some(())
    }
    fn digits(&mut self, count: usize) -> Option<i64> {
        let mut value = 0i64;
        for _ in 0..count {
            let byte = self.next()?;
            if !byte.is_ascii_digit() {
                return None;
            }
            value = value * 10 + i64::from(byte - b'0');
        }
        Some(value)
    }
}

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let shifted_month = (month + 9) % 12;
    let day_of_year = (153 * shifted_month + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// Formats epoch seconds as `YYYY-MM-DDThh:mm:ssZ`.
///
/// ```
/// use cloudfront_signer::time::format_utc;
/// assert_eq!(format_utc(1767290400), "2026-01-01T18:00:00Z");
/// ```
pub fn format_utc(seconds: i64) -> String {
    let days = seconds.div_euclid(86_400);
    let rest = seconds.rem_euclid(86_400);
    let (year, month, day) = civil_from_days(days);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// Describes a span of seconds in words: "3 minutes", "1 day", "45 seconds".
///
/// ```
/// use cloudfront_signer::time::describe_span;
/// assert_eq!(describe_span(180), "3 minutes");
/// assert_eq!(describe_span(1), "1 second");
/// ```
pub fn describe_span(seconds: i64) -> String {
    let seconds = seconds.unsigned_abs();
    let (amount, unit) = match seconds {
        0..=119 => (seconds, "second"),
        120..=7_199 => (seconds / 60, "minute"),
        7_200..=172_799 => (seconds / 3600, "hour"),
        _ => (seconds / 86_400, "day"),
    };
    if amount == 1 {
        format!("1 {unit}")
    } else {
        format!("{amount} {unit}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_documented_form() {
        assert_eq!(
            parse_date("2038-01-19T03:14:07Z").unwrap(),
            MAX_EPOCH_SECONDS
        );
        assert_eq!(
            parse_date("2038-01-19T03:14:07").unwrap(),
            MAX_EPOCH_SECONDS
        );
        assert_eq!(
            parse_date("2038-01-19T03:14:07.999Z").unwrap(),
            MAX_EPOCH_SECONDS
        );
        assert_eq!(
            parse_date("2038-01-19T04:14:07+0100").unwrap(),
            MAX_EPOCH_SECONDS
        );
        assert_eq!(
            parse_date("2038-01-18T22:14:07-05:00").unwrap(),
            MAX_EPOCH_SECONDS
        );
        assert_eq!(parse_date("1970-01-01").unwrap(), 0);
        assert_eq!(parse_date("2024-02-29T00:00Z").unwrap(), 1_709_164_800);
    }

    #[test]
    fn refuses_impossible_dates() {
        for bad in [
            "",
            "2030-1-01",
            "2030-13-01",
            "2030-02-29",
            "2030-01-01T24:00:00Z",
            "2030-01-01T10:00:00X",
            "2030-01-01T10:00:00.Z",
            "next tuesday",
            "2030-01-01T10:00:00+25:00",
            "99999999999999999999",
        ] {
            let err = parse_date(bad).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::InvalidDate, "{bad}");
        }
    }

    #[test]
    fn refuses_milliseconds_with_advice() {
        let err = seconds_from_number(1_767_290_400_000.0).unwrap_err();
        assert!(err
            .message()
            .starts_with("1767290400000 looks like milliseconds"));
        let err = seconds_from_number(1e30).unwrap_err();
        assert!(err.message().starts_with("a number above 10^18 looks like"));
        for digits in [
            "1767290400000",
            "000001767290400000",
            "9999999999999999999999",
        ] {
            assert!(parse_date(digits)
                .unwrap_err()
                .message()
                .contains("milliseconds"));
        }
        assert_eq!(parse_date("0001767290400"), Ok(1_767_290_400));
        assert_eq!(parse_date("0"), Ok(0));
        assert!(seconds_from_number(f64::NAN).is_err());
        assert!(seconds_from_number(-1.0).is_err());
    }

    #[test]
    fn formats_and_parses_back() {
        for seconds in [
            0,
            951_782_400,
            1_767_290_400,
            MAX_EPOCH_SECONDS,
            4_102_444_800,
        ] {
            assert_eq!(parse_date(&format_utc(seconds)).unwrap(), seconds);
        }
    }
}
