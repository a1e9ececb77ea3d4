//! The JavaScript string built-ins the AWS package's output depends on,
//! reimplemented over UTF-16: `encodeURIComponent`, `decodeURIComponent`,
//! the "extended" parameter encoder, the query-component encoder and
//! `JSON.stringify` of a string.

/// `encodeURIComponent` met a lone surrogate (JS throws `URIError: URI malformed`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Malformed;

const UPPER_HEX: &[u8; 16] = b"0123456789ABCDEF";
const LOWER_HEX: &[u8; 16] = b"0123456789abcdef";

/// Characters `encodeURIComponent` leaves alone.
fn is_component_unreserved(unit: u16) -> bool {
    matches!(unit, 0x30..=0x39 | 0x41..=0x5A | 0x61..=0x7A)
        || matches!(
            u8::try_from(unit),
            Ok(b'-' | b'_' | b'.' | b'!' | b'~' | b'*' | b'\'' | b'(' | b')')
        )
}

/// RFC 3986 unreserved characters: what the parameter encoder leaves alone.
fn is_rfc3986_unreserved(unit: u16) -> bool {
    matches!(unit, 0x30..=0x39 | 0x41..=0x5A | 0x61..=0x7A)
        || matches!(u8::try_from(unit), Ok(b'-' | b'_' | b'.' | b'~'))
}

/// The hex digit of the low four bits of `nibble`.
fn hex_digit(table: &[u8; 16], nibble: u16) -> u16 {
    u16::from(
        table
            .get(usize::from(nibble & 0x0F))
            .copied()
            .unwrap_or(b'0'),
    )
}

fn push_percent_byte(out: &mut Vec<u16>, byte: u8) {
    out.push(u16::from(b'%'));
    out.push(hex_digit(UPPER_HEX, u16::from(byte >> 4)));
    out.push(hex_digit(UPPER_HEX, u16::from(byte)));
}

fn push_percent_char(out: &mut Vec<u16>, c: char) {
    let mut buffer = [0u8; 4];
    for &byte in c.encode_utf8(&mut buffer).as_bytes() {
        push_percent_byte(out, byte);
    }
}

/// Encodes with `keep` deciding which units stay literal; everything else is
/// written as uppercase `%XX` of its UTF-8 bytes. A lone surrogate fails.
fn encode_with(units: &[u16], keep: fn(u16) -> bool, out: &mut Vec<u16>) -> Result<(), Malformed> {
    for c in char::decode_utf16(units.iter().copied()) {
        let c = c.map_err(|_| Malformed)?;
        match u16::try_from(u32::from(c)) {
            Ok(unit) if keep(unit) => out.push(unit),
            _ => push_percent_char(out, c),
        }
    }
    Ok(())
}

/// JS `encodeURIComponent`: keeps `A–Z a–z 0–9 - _ . ! ~ * ' ( )`.
///
/// ```
/// use cloudfront_signer::compat::encode::encode_uri_component;
/// let mut out = Vec::new();
/// encode_uri_component(&"a b+é'".encode_utf16().collect::<Vec<_>>(), &mut out).unwrap();
/// assert_eq!(String::from_utf16(&out).unwrap(), "a%20b%2B%C3%A9'");
/// assert!(encode_uri_component(&[0xD800], &mut out).is_err());
/// ```
pub fn encode_uri_component(units: &[u16], out: &mut Vec<u16>) -> Result<(), Malformed> {
    encode_with(units, is_component_unreserved, out)
}

/// The AWS package's parameter-value encoder: `encodeURIComponent` that also
/// escapes `! ' ( ) *`, leaving only `A–Z a–z 0–9 - _ . ~` literal.
///
/// ```
/// use cloudfront_signer::compat::encode::encode_parameter_value;
/// let mut out = Vec::new();
/// encode_parameter_value(&"K a!'()*/+=".encode_utf16().collect::<Vec<_>>(), &mut out).unwrap();
/// assert_eq!(String::from_utf16(&out).unwrap(), "K%20a%21%27%28%29%2A%2F%2B%3D");
/// ```
pub fn encode_parameter_value(units: &[u16], out: &mut Vec<u16>) -> Result<(), Malformed> {
    encode_with(units, is_rfc3986_unreserved, out)
}

fn hex_value(unit: u16) -> Option<u8> {
    let byte = u8::try_from(unit).ok()?;
    match byte {
        b'0'..=b'9' => Some(byte - b'0'),
        b'a'..=b'f' => Some(byte - b'a' + 10),
        b'A'..=b'F' => Some(byte - b'A' + 10),
        _ => None,
    }
}

/// The byte of a `%XX` escape starting at `at`, if there is one.
fn escape_at(units: &[u16], at: usize) -> Option<u8> {
    if *units.get(at)? != u16::from(b'%') {
        return None;
    }
    let high = hex_value(*units.get(at + 1)?)?;
    let low = hex_value(*units.get(at + 2)?)?;
    Some(high << 4 | low)
}

/// JS `decodeURIComponent`; `None` where JS throws `URIError`: a `%` not
/// followed by two hex digits, or escapes that are not strict UTF-8
/// (overlong forms, encoded surrogates, values above U+10FFFF, truncation).
///
/// ```
/// use cloudfront_signer::compat::encode::decode_uri_component;
/// let units = |s: &str| s.encode_utf16().collect::<Vec<_>>();
/// assert_eq!(decode_uri_component(&units("caf%c3%a9%2F")), Some(units("café/")));
/// assert_eq!(decode_uri_component(&units("%C0%AF")), None);
/// assert_eq!(decode_uri_component(&units("100%")), None);
/// ```
pub fn decode_uri_component(units: &[u16]) -> Option<Vec<u16>> {
    let mut out = Vec::with_capacity(units.len());
    let mut at = 0;
    while let Some(&unit) = units.get(at) {
        if unit != u16::from(b'%') {
            out.push(unit);
            at += 1;
            continue;
        }
        let first = escape_at(units, at)?;
        at += 3;
        if first < 0x80 {
            out.push(u16::from(first));
            continue;
        }
        let length = first.leading_ones() as usize;
        if !(2..=4).contains(&length) {
            return None;
        }
        let mut octets = [first, 0, 0, 0];
        for slot in octets.iter_mut().take(length).skip(1) {
            let byte = escape_at(units, at)?;
            if byte & 0xC0 != 0x80 {
                return None;
            }
            *slot = byte;
            at += 3;
        }
        let text = std::str::from_utf8(octets.get(..length)?).ok()?;
        out.extend(text.encode_utf16());
    }
    Some(out)
}

/// The AWS package's encoding of a query key or value: lone surrogates
/// become U+FFFD, existing `%XX` escapes are kept with their hex uppercased
/// (not decoded), `+` is kept, and everything else goes through
/// `encodeURIComponent` with `'` escaped as `%27`.
///
/// ```
/// use cloudfront_signer::compat::encode::encode_query_component;
/// let mut out = Vec::new();
/// encode_query_component(&"a b+%2f%zz'!".encode_utf16().collect::<Vec<_>>(), &mut out);
/// assert_eq!(String::from_utf16(&out).unwrap(), "a%20b+%2F%25zz%27!");
/// ```
pub fn encode_query_component(units: &[u16], out: &mut Vec<u16>) {
    let text: Vec<char> = char::decode_utf16(units.iter().copied())
        .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect();
    let mut at = 0;
    while let Some(&c) = text.get(at) {
        if c == '%' {
            let high = text.get(at + 1).copied().filter(char::is_ascii_hexdigit);
            let low = text.get(at + 2).copied().filter(char::is_ascii_hexdigit);
            if let (Some(high), Some(low)) = (high, low) {
                out.push(u16::from(b'%'));
                out.push(high.to_ascii_uppercase() as u16);
                out.push(low.to_ascii_uppercase() as u16);
                at += 3;
                continue;
            }
        }
        match c {
            '+' => out.push(u16::from(b'+')),
            '\'' => out.extend("%27".encode_utf16()),
            _ => match u16::try_from(u32::from(c)) {
                Ok(unit) if is_component_unreserved(unit) => out.push(unit),
                _ => push_percent_char(out, c),
            },
        }
        at += 1;
    }
}

/// `JSON.stringify` of a string, quotes included: `"` and `\` escaped,
/// `\b \f \n \r \t`, other controls as `\u00xx`, lone surrogates as `\udxxx`
/// (lowercase hex); everything else, `/` and non-ASCII included, raw.
///
/// ```
/// use cloudfront_signer::compat::encode::json_quote;
/// let mut out = Vec::new();
/// json_quote(&[0x61, 0x22, 0x09, 0x01, 0xD800, 0xE9], &mut out);
/// assert_eq!(String::from_utf16(&out).unwrap(), "\"a\\\"\\t\\u0001\\ud800é\"");
/// ```
pub fn json_quote(units: &[u16], out: &mut Vec<u16>) {
    out.push(u16::from(b'"'));
    let mut at = 0;
    while let Some(&unit) = units.get(at) {
        let next = units.get(at + 1).copied();
        match unit {
            0x22 => out.extend("\\\"".encode_utf16()),
            0x5C => out.extend("\\\\".encode_utf16()),
            0x08 => out.extend("\\b".encode_utf16()),
            0x0C => out.extend("\\f".encode_utf16()),
            0x0A => out.extend("\\n".encode_utf16()),
            0x0D => out.extend("\\r".encode_utf16()),
            0x09 => out.extend("\\t".encode_utf16()),
            0x00..=0x1F => push_unicode_escape(out, unit),
            0xD800..=0xDBFF if next.is_some_and(|n| (0xDC00..=0xDFFF).contains(&n)) => {
                out.push(unit);
                out.extend(next);
                at += 1;
            }
            0xD800..=0xDFFF => push_unicode_escape(out, unit),
            _ => out.push(unit),
        }
        at += 1;
    }
    out.push(u16::from(b'"'));
}

fn push_unicode_escape(out: &mut Vec<u16>, unit: u16) {
    out.extend("\\u".encode_utf16());
    for shift in [12, 8, 4, 0] {
        out.push(hex_digit(LOWER_HEX, unit >> shift));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn units(text: &str) -> Vec<u16> {
        text.encode_utf16().collect()
    }

    fn text(units: &[u16]) -> String {
        String::from_utf16(units).unwrap()
    }

    #[test]
    fn encode_uri_component_matches_js() {
        let mut out = Vec::new();
        encode_uri_component(
            &units("A-Z_a.z~0!9*'() :/?#[]@$&+,;=%\"<>\\^`{|}é日😀"),
            &mut out,
        )
        .unwrap();
        assert_eq!(
            text(&out),
            "A-Z_a.z~0!9*'()%20%3A%2F%3F%23%5B%5D%40%24%26%2B%2C%3B%3D%25%22%3C%3E%5C%5E%60%7B%7C%7D%C3%A9%E6%97%A5%F0%9F%98%80"
        );
        assert_eq!(
            encode_uri_component(&[0x61, 0xDC00], &mut out),
            Err(Malformed)
        );
    }

    #[test]
    fn decode_uri_component_matches_js() {
        let ok = |input: &str, expected: &str| {
            assert_eq!(
                decode_uri_component(&units(input)).map(|u| text(&u)),
                Some(expected.to_string()),
                "{input}"
            )
        };
        ok("%41%42", "AB");
        ok("%7e%2F%20", "~/ ");
        ok("%F0%9F%98%80x", "😀x");
        ok("plain", "plain");
        ok("%25zz", "%zz");
        for bad in [
            "%",
            "%4",
            "%zz",
            "a%zz%20b",
            "%ff",
            "%C0%AF",
            "%ED%A0%80",
            "%F4%90%80%80",
            "%E6%97",
            "%E6%97%41",
            "%C3x",
            "%80",
            "%F8%80%80%80%80",
        ] {
            assert_eq!(decode_uri_component(&units(bad)), None, "{bad}");
        }
        // Unescaped lone surrogates pass through; re-encoding them fails.
        assert_eq!(decode_uri_component(&[0xD800]), Some(vec![0xD800]));
    }

    #[test]
    fn query_components_keep_escapes_and_plus() {
        let mut out = Vec::new();
        encode_query_component(&units("q=a b+c%20d%c3%a9#/?:[]!()*~'"), &mut out);
        assert_eq!(
            text(&out),
            "q%3Da%20b+c%20d%C3%A9%23%2F%3F%3A%5B%5D!()*~%27"
        );
        out.clear();
        encode_query_component(&[0xD800, 0x78], &mut out);
        assert_eq!(text(&out), "%EF%BF%BDx");
        out.clear();
        encode_query_component(&units("100%&%z"), &mut out);
        assert_eq!(text(&out), "100%25%26%25z");
    }

    #[test]
    fn json_quote_matches_json_stringify() {
        let mut out = Vec::new();
        json_quote(
            &units("\u{8}\u{c}\n\r\t\u{0}\u{1f}\u{7f}/é\u{2028}😀"),
            &mut out,
        );
        assert_eq!(
            text(&out),
            "\"\\b\\f\\n\\r\\t\\u0000\\u001f\u{7f}/é\u{2028}😀\""
        );
        out.clear();
        json_quote(&[0xDC00, 0xD83D], &mut out);
        assert_eq!(text(&out), "\"\\udc00\\ud83d\"");
    }
}
