//! The AWS package's lenient IP rule: split on `/` and `.`, check each part
//! with JS `Number()`, and write the text back verbatim.

use super::text::JsText;

/// Why an `ipAddress` was refused; [`IpProblem::reason`] is the AWS text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IpProblem {
    /// An empty part around a `/` (`"1.2.3.4/"`, `"/24"`, `"1.2.3.4//24"`).
    MissingPart,
    /// The address does not split into four parts on `.` (IPv6 included).
    NotFourOctets,
    /// A part is not an integer from 0 to 255 under JS `Number()`.
    InvalidOctets,
    /// The mask is not an integer from 0 to 32 under JS `Number()`.
    InvalidMask,
}

impl IpProblem {
    /// The reason as the AWS package words it (the one for
    /// [`IpProblem::NotFourOctets`] ends in a period, hence its `..`).
    pub fn reason(self) -> &'static str {
        match self {
            IpProblem::MissingPart => "missing ip or mask part of CIDR",
            IpProblem::NotFourOctets => "IP does not contain four octets.",
            IpProblem::InvalidOctets => "invalid IP octets",
            IpProblem::InvalidMask => "invalid mask",
        }
    }
}

/// The `AWS:SourceIp` text the AWS package writes for `ip`: the address
/// part as given, `/`, and the mask as given (or `32` when there is no mask
/// or when there are two or more `/`, which skips the mask check).
///
/// ```
/// use cloudfront_signer::compat::ip::{source_ip, IpProblem};
/// use cloudfront_signer::compat::JsText;
/// let ok = |ip: &str| source_ip(&JsText::from(ip)).map(|t| t.to_string());
/// assert_eq!(ok("1.2.3.4"), Ok("1.2.3.4/32".into()));
/// assert_eq!(ok("0x7f..1.1/ 8"), Ok("0x7f..1.1/ 8".into()));
/// assert_eq!(ok("1.2.3.4/24/5"), Ok("1.2.3.4/32".into()));
/// assert_eq!(ok("::1"), Err(IpProblem::NotFourOctets));
/// assert_eq!(ok("1.2.3.4/33"), Err(IpProblem::InvalidMask));
/// ```
pub fn source_ip(ip: &JsText) -> Result<JsText, IpProblem> {
    let slash = u16::from(b'/');
    let parts: Vec<&[u16]> = ip.units().split(|&u| u == slash).collect();
    if parts.iter().any(|part| part.is_empty()) {
        return Err(IpProblem::MissingPart);
    }
    let address = parts.first().copied().unwrap_or_default();
    let octets: Vec<&[u16]> = address.split(|&u| u == u16::from(b'.')).collect();
    if octets.len() != 4 {
        return Err(IpProblem::NotFourOctets);
    }
    if !octets.iter().all(|octet| is_integer_in(octet, 255.0)) {
        return Err(IpProblem::InvalidOctets);
    }
    let mut source = JsText::from(address);
    source.push_str("/");
    match parts.as_slice() {
        [_, mask] => {
            if !is_integer_in(mask, 32.0) {
                return Err(IpProblem::InvalidMask);
            }
            source.push_units(mask);
        }
        _ => source.push_str("32"),
    }
    Ok(source)
}

/// Whether JS `Number(text)` is an integer from 0 to `max` (`-0` counts).
fn is_integer_in(text: &[u16], max: f64) -> bool {
    let value = js_number(text);
    value.is_finite() && value.fract() == 0.0 && (0.0..=max).contains(&value)
}

/// JS `Number(string)` (StringToNumber): white space trimmed, `""` is 0,
/// `0x`/`0o`/`0b` prefixes, an optional sign on decimals, `Infinity`,
/// exponents; anything else is NaN.
///
/// ```
/// use cloudfront_signer::compat::ip::js_number;
/// let n = |s: &str| js_number(&s.encode_utf16().collect::<Vec<_>>());
/// assert_eq!(n(" \u{a0}+1e2\n"), 100.0);
/// assert_eq!(n(""), 0.0);
/// assert_eq!(n("0x7F"), 127.0);
/// assert!(n("1_0").is_nan() && n("0x").is_nan() && n("-0x1").is_nan());
/// ```
pub fn js_number(text: &[u16]) -> f64 {
    let Some(start) = text.iter().position(|&u| !is_js_space(u)) else {
        return 0.0;
    };
    let end = text.iter().rposition(|&u| !is_js_space(u)).unwrap_or(start);
    let Some(trimmed) = text.get(start..=end) else {
        return f64::NAN;
    };
    let Some(ascii) = trimmed
        .iter()
        .map(|&u| u8::try_from(u).ok().filter(u8::is_ascii).map(char::from))
        .collect::<Option<String>>()
    else {
        return f64::NAN;
    };
    parse_numeric_literal(&ascii).unwrap_or(f64::NAN)
}

fn parse_numeric_literal(text: &str) -> Option<f64> {
    let bytes = text.as_bytes();
    if let [b'0', prefix, digits @ ..] = bytes {
        let radix = match prefix {
            b'x' | b'X' => Some(16),
            b'o' | b'O' => Some(8),
            b'b' | b'B' => Some(2),
            _ => None,
        };
        if let Some(radix) = radix {
            if digits.is_empty() {
                return None;
            }
            let mut value = 0.0f64;
            for &digit in digits {
                value = value * f64::from(radix) + f64::from(char::from(digit).to_digit(radix)?);
            }
            return Some(value);
        }
    }
    let unsigned = text
        .strip_prefix('+')
        .or_else(|| text.strip_prefix('-'))
        .unwrap_or(text);
    if unsigned == "Infinity" {
        return Some(if text.starts_with('-') {
            f64::NEG_INFINITY
        } else {
            f64::INFINITY
        });
    }
    if !is_decimal_literal(unsigned.as_bytes()) {
        return None;
    }
    text.parse::<f64>().ok()
}

/// StrUnsignedDecimalLiteral without `Infinity`: `1`, `1.`, `.5`, `1.5e-3`.
fn is_decimal_literal(bytes: &[u8]) -> bool {
    let digits = |from: usize| {
        bytes.get(from..).map_or(0, |rest| {
            rest.iter().take_while(|b| b.is_ascii_digit()).count()
        })
    };
    let integer = digits(0);
    let mut at = integer;
    let mut fraction = 0;
    if bytes.get(at) == Some(&b'.') {
        fraction = digits(at + 1);
        at += 1 + fraction;
    }
    if integer == 0 && fraction == 0 {
        return false;
    }
    if matches!(bytes.get(at), Some(b'e' | b'E')) {
        at += 1;
        if matches!(bytes.get(at), Some(b'+' | b'-')) {
            at += 1;
        }
        let exponent = digits(at);
        if exponent == 0 {
            return false;
        }
        at += exponent;
    }
    at == bytes.len()
}

/// JS WhiteSpace and LineTerminator code points (what `String#trim` removes).
fn is_js_space(unit: u16) -> bool {
    matches!(
        unit,
        0x09..=0x0D
            | 0x20
            | 0xA0
            | 0x1680
            | 0x2000..=0x200A
            | 0x2028
            | 0x2029
            | 0x202F
            | 0x205F
            | 0x3000
            | 0xFEFF
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(text: &str) -> f64 {
        js_number(&text.encode_utf16().collect::<Vec<_>>())
    }

    #[test]
    fn number_follows_string_to_number() {
        for (text, value) in [
            ("0", 0.0),
            ("  12  ", 12.0),
            ("\t\u{feff}7\u{3000}", 7.0),
            ("+1", 1.0),
            ("1.", 1.0),
            (".5", 0.5),
            ("1e2", 100.0),
            ("1.e1", 10.0),
            ("0b101", 5.0),
            ("0O17", 15.0),
            ("0x10", 16.0),
            ("007", 7.0),
            ("255.00000000000000000001", 255.0),
            ("-Infinity", f64::NEG_INFINITY),
        ] {
            assert_eq!(n(text), value, "{text:?}");
        }
        assert!(n("-0").is_sign_negative());
        for bad in [
            ".",
            "e1",
            "1e",
            "1e+",
            "0x",
            "+0x1",
            "0xg",
            "1 2",
            "inf",
            "NaN",
            "infinity",
            "1,0",
            "١",
            "0b2",
            "--1",
            "+",
            "1__",
            "Infinityx",
        ] {
            assert!(n(bad).is_nan(), "{bad:?}");
        }
    }

    fn ip(text: &str) -> Result<String, IpProblem> {
        source_ip(&JsText::from(text)).map(|t| t.to_string())
    }

    #[test]
    fn ip_rule_is_lenient_and_verbatim() {
        assert_eq!(ip("1..2.3"), Ok("1..2.3/32".into()));
        assert_eq!(ip("..."), Ok(".../32".into()));
        assert_eq!(ip("\t1.2.3.4"), Ok("\t1.2.3.4/32".into()));
        assert_eq!(ip("+1.-0.1.1"), Ok("+1.-0.1.1/32".into()));
        assert_eq!(ip("1.2.3.4/8.0"), Ok("1.2.3.4/8.0".into()));
        assert_eq!(ip("1.2.3.4/0x10"), Ok("1.2.3.4/0x10".into()));
        assert_eq!(ip("1.2.3.4/-0"), Ok("1.2.3.4/-0".into()));
        assert_eq!(ip("1.2.3.4/abc/x"), Ok("1.2.3.4/32".into()));
        assert_eq!(ip("1.2.3.4/"), Err(IpProblem::MissingPart));
        assert_eq!(ip("1.2.3.4/8/"), Err(IpProblem::MissingPart));
        assert_eq!(ip("1.2.3"), Err(IpProblem::NotFourOctets));
        assert_eq!(ip("1.2.3.4.5"), Err(IpProblem::NotFourOctets));
        assert_eq!(ip("256.1.1.1"), Err(IpProblem::InvalidOctets));
        assert_eq!(ip("1.2.3.0x"), Err(IpProblem::InvalidOctets));
        assert_eq!(ip("1.2.3.1.5"), Err(IpProblem::NotFourOctets));
        assert_eq!(ip("1.2.3.4/-1"), Err(IpProblem::InvalidMask));
        assert_eq!(ip("1.2.3.4/32.5"), Err(IpProblem::InvalidMask));
    }
}
