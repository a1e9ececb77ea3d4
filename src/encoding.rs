//! CloudFront's base64 variant: standard base64 with padding, then
//! `+` → `-`, `=` → `_`, `/` → `~`.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;

/// Encodes bytes in CloudFront's base64 variant (always one line, padded).
///
/// ```
/// use cloudfront_signer::encoding::encode;
/// assert_eq!(encode(&[0xfb, 0xff]), "-~8_");
/// ```
pub fn encode(bytes: &[u8]) -> String {
    STANDARD
        .encode(bytes)
        .chars()
        .map(|c| match c {
            '+' => '-',
            '=' => '_',
            '/' => '~',
            other => other,
        })
        .collect()
}

/// Decodes CloudFront's base64 variant; `None` when the text is not valid.
///
/// Only the canonical alphabet is accepted (CloudFront's tolerance of other
/// spellings is undocumented).
///
/// ```
/// use cloudfront_signer::encoding::decode;
/// assert_eq!(decode("-~8_"), Some(vec![0xfb, 0xff]));
/// assert_eq!(decode("+/8="), None);
/// ```
pub fn decode(text: &str) -> Option<Vec<u8>> {
    let mut standard = String::with_capacity(text.len());
    for c in text.chars() {
        standard.push(match c {
            '-' => '+',
            '_' => '=',
            '~' => '/',
            '+' | '=' | '/' => return None,
            other => other,
        });
    }
    STANDARD.decode(standard).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_every_byte_value() {
        let bytes: Vec<u8> = (0..=255).collect();
        let text = encode(&bytes);
        assert!(!text.contains(['+', '=', '/', '\n']));
        assert_eq!(decode(&text).unwrap(), bytes);
    }

    #[test]
    fn keeps_padding_as_underscores() {
        assert_eq!(encode(b"a"), "YQ__");
        assert_eq!(encode(b"ab"), "YWI_");
    }

    #[test]
    fn refuses_garbage() {
        assert_eq!(decode("YQ"), None);
        assert_eq!(decode("Y Q__"), None);
        assert_eq!(decode("é"), None);
    }
}
