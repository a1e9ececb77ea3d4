//! `JsText`: a JavaScript string as UTF-16 code units.
//!
//! `@aws-sdk/cloudfront-signer` works on JS strings, which may hold lone
//! surrogates that a Rust `String` cannot. Its quirks depend on them (a lone
//! surrogate in a URL path throws `URIError`, one in the host is copied raw
//! into the URL and written as `\udxxx` into the policy JSON), so the
//! drop-in keeps the caller's text as UTF-16 until the bytes are signed.

use std::fmt;

/// A JavaScript string: UTF-16 code units, lone surrogates allowed.
///
/// ```
/// use cloudfront_signer::compat::JsText;
/// let text = JsText::from("café");
/// assert_eq!(text.len(), 4);
/// assert_eq!(text.to_string(), "café");
/// assert!(JsText::from_units(vec![0xD800]).to_string_strict().is_none());
/// ```
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct JsText(Vec<u16>);

impl JsText {
    /// Wraps UTF-16 code units (any sequence, lone surrogates included).
    pub fn from_units(units: Vec<u16>) -> Self {
        JsText(units)
    }

    /// The code units.
    pub fn units(&self) -> &[u16] {
        &self.0
    }

    /// The length in UTF-16 code units, as JS `length` counts.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether the string is empty (the only falsy string in JS).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether every surrogate is paired (the string is valid Unicode).
    pub fn is_well_formed(&self) -> bool {
        char::decode_utf16(self.0.iter().copied()).all(|c| c.is_ok())
    }

    /// The text as a Rust `String`, or `None` if it holds a lone surrogate.
    pub fn to_string_strict(&self) -> Option<String> {
        String::from_utf16(&self.0).ok()
    }

    /// The UTF-8 bytes Node writes for this string: lone surrogates become
    /// U+FFFD (`EF BF BD`), as `Buffer.from(text)` and `sign.update(text)` do.
    pub fn to_utf8_lossy(&self) -> Vec<u8> {
        self.to_string().into_bytes()
    }

    pub(crate) fn push_str(&mut self, text: &str) {
        self.0.extend(text.encode_utf16());
    }

    pub(crate) fn push_units(&mut self, units: &[u16]) {
        self.0.extend_from_slice(units);
    }
}

impl From<&str> for JsText {
    fn from(text: &str) -> Self {
        JsText(text.encode_utf16().collect())
    }
}

impl From<String> for JsText {
    fn from(text: String) -> Self {
        JsText::from(text.as_str())
    }
}

impl From<&[u16]> for JsText {
    fn from(units: &[u16]) -> Self {
        JsText(units.to_vec())
    }
}

/// Lossy: lone surrogates are shown as U+FFFD.
impl fmt::Display for JsText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for c in char::decode_utf16(self.0.iter().copied()) {
            fmt::Write::write_char(f, c.unwrap_or(char::REPLACEMENT_CHARACTER))?;
        }
        Ok(())
    }
}

impl fmt::Debug for JsText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.to_string())
    }
}

/// The position of the first occurrence of `needle` in `haystack`.
pub(crate) fn find(haystack: &[u16], needle: &[u16]) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The position of the first `unit` at or after `from`.
pub(crate) fn find_unit(haystack: &[u16], unit: u16, from: usize) -> Option<usize> {
    haystack
        .get(from..)?
        .iter()
        .position(|&u| u == unit)
        .map(|at| at + from)
}

/// ASCII text as UTF-16 code units (for comparisons with literals).
pub(crate) fn ascii(text: &str) -> Vec<u16> {
    text.bytes().map(u16::from).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_lone_surrogates() {
        let text = JsText::from_units(vec![0x61, 0xD800, 0x62]);
        assert!(!text.is_well_formed());
        assert_eq!(text.to_string(), "a\u{FFFD}b");
        assert_eq!(text.to_utf8_lossy(), b"a\xEF\xBF\xBDb");
        assert_eq!(
            JsText::from("😀").units(),
            &[0xD83D, 0xDE00],
            "astral characters are two units"
        );
        assert!(JsText::from("😀").is_well_formed());
    }

    #[test]
    fn finds_like_index_of() {
        let text = ascii("https://a//b");
        assert_eq!(find(&text, &ascii("//")), Some(6));
        assert_eq!(find(&text, &ascii("?")), None);
        assert_eq!(find_unit(&text, u16::from(b'/'), 8), Some(9));
        assert_eq!(find_unit(&text, u16::from(b'/'), 99), None);
    }
}
