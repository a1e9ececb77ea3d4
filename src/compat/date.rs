//! Dates as the AWS package reads them: `new Date(value)` (done by the JS
//! host, in its time zone), then `Math.round(ms / 1000)`, with 0 meaning
//! "no date".

use super::CompatError;

/// A `dateLessThan`/`dateGreaterThan` argument after `new Date(value)`.
///
/// ```
/// use cloudfront_signer::compat::DateArg;
/// assert_eq!(DateArg::Millis(1500.0).epoch_seconds(), Ok(Some(2)));
/// assert_eq!(DateArg::Millis(f64::NAN).epoch_seconds(), Ok(None));
/// assert_eq!(DateArg::Absent.epoch_seconds(), Ok(None));
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub enum DateArg {
    /// The raw value was falsy (`undefined`, `null`, `""`, `0`, `NaN`, `false`).
    #[default]
    Absent,
    /// `new Date(value).getTime()`: whole milliseconds, or NaN for an Invalid Date.
    Millis(f64),
    /// `new Date(value)` threw (a BigInt, a Symbol, a throwing `valueOf`).
    Failed(CompatError),
}

impl DateArg {
    /// The epoch seconds the AWS package writes: `Math.round(ms / 1000)`;
    /// `None` for an absent or invalid date, or one that rounds to 0.
    pub fn epoch_seconds(&self) -> Result<Option<i64>, CompatError> {
        match self {
            DateArg::Absent => Ok(None),
            DateArg::Millis(millis) => Ok(epoch_seconds(*millis)),
            DateArg::Failed(error) => Err(error.clone()),
        }
    }

    /// Whether the raw value was truthy.
    pub fn is_present(&self) -> bool {
        !matches!(self, DateArg::Absent)
    }
}

/// `Math.round(millis / 1000)`, or `None` when that is NaN or zero.
///
/// ```
/// use cloudfront_signer::compat::date::epoch_seconds;
/// assert_eq!(epoch_seconds(1_893_456_000_500.0), Some(1_893_456_001));
/// assert_eq!(epoch_seconds(-1500.0), Some(-1), "ties go toward +∞");
/// assert_eq!(epoch_seconds(-500.0), None, "rounds to -0, which is falsy");
/// ```
pub fn epoch_seconds(millis: f64) -> Option<i64> {
    let seconds = js_math_round(millis / 1000.0);
    if !seconds.is_finite() || seconds == 0.0 || seconds.abs() > 9.0e15 {
        return None;
    }
    Some(seconds as i64)
}

/// JS `Math.round`: the nearest integer, ties toward +∞ (exact, unlike
/// `(x + 0.5).floor()` at 0.49999999999999994).
pub fn js_math_round(x: f64) -> f64 {
    if !x.is_finite() {
        return x;
    }
    let floor = x.floor();
    if x - floor >= 0.5 {
        floor + 1.0
    } else {
        floor
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounds_like_math_round() {
        for (x, expected) in [
            (0.5, 1.0),
            (1.5, 2.0),
            (2.5, 3.0),
            (-0.5, 0.0),
            (-1.5, -1.0),
            (-2.5, -2.0),
            (-2.6, -3.0),
            (0.499_999_999_999_999_94, 0.0),
            (4_503_599_627_370_495.5, 4_503_599_627_370_496.0),
        ] {
            assert_eq!(js_math_round(x), expected, "{x}");
        }
    }

    #[test]
    fn zero_and_nan_mean_no_date() {
        assert_eq!(epoch_seconds(499.0), None);
        assert_eq!(epoch_seconds(500.0), Some(1));
        assert_eq!(epoch_seconds(-501.0), Some(-1));
        assert_eq!(epoch_seconds(f64::NAN), None);
        assert_eq!(epoch_seconds(8.64e15), Some(8_640_000_000_000));
        assert_eq!(epoch_seconds(-8.64e15), Some(-8_640_000_000_000));
    }
}
