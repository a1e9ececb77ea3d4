//! Lenient PEM reading: keys pasted from environment variables, files with
//! CRLF line ends, indented heredocs, several blocks in one text.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use zeroize::Zeroizing;

use crate::error::{fail, ErrorKind, Result};

/// One `-----BEGIN label-----` block, decoded.
pub(crate) struct PemBlock {
    pub label: String,
    pub der: Zeroizing<Vec<u8>>,
    /// RFC 1421 headers such as `Proc-Type: 4,ENCRYPTED` were present.
    pub has_headers: bool,
}

/// Whether the bytes look like PEM text rather than DER.
pub(crate) fn looks_like_pem(bytes: &[u8]) -> bool {
    bytes.windows(11).any(|w| w == b"-----BEGIN ")
}

/// Decodes every PEM block in `text`.
///
/// Literal `\n` (and `\r\n`) sequences become line breaks; leading and
/// trailing white space on each line is ignored. Every copy of the key text
/// lives in a buffer allocated once at its final size and wiped on drop.
pub(crate) fn parse_blocks(text: &str) -> Result<Vec<PemBlock>> {
    let normalized = unescape_line_breaks(text);
    let mut blocks = Vec::new();
    let mut current: Option<(String, Zeroizing<String>, bool)> = None;
    for raw_line in normalized.lines() {
        let line = raw_line.trim();
        if line.is_empty() {
            continue;
        }
        if let Some(label) = delimited(line, "-----BEGIN ") {
            let body = Zeroizing::new(String::with_capacity(normalized.len()));
            current = Some((label.to_string(), body, false));
        } else if let Some(label) = delimited(line, "-----END ") {
            let Some((begin_label, body, has_headers)) = current.take() else {
                return malformed("an END line without a BEGIN line");
            };
            if begin_label != label {
                return malformed("BEGIN and END labels differ");
            }
            let der = STANDARD.decode(body.as_bytes()).map_err(|_| {
                crate::Error::new(
                    ErrorKind::InvalidKey,
                    pem_advice("its base64 body is corrupt"),
                )
            })?;
            blocks.push(PemBlock {
                label: begin_label,
                der: Zeroizing::new(der),
                has_headers,
            });
        } else if let Some((_, body, has_headers)) = current.as_mut() {
            if line.contains(':') {
                *has_headers = true;
            } else {
                body.push_str(line);
            }
        }
    }
    if current.is_some() {
        return malformed("a BEGIN line without an END line (was the key cut short?)");
    }
    if blocks.is_empty() {
        return malformed("no -----BEGIN ...----- block");
    }
    Ok(blocks)
}

/// `text` with literal `\r\n` and `\n` sequences turned into line feeds, in
/// one wiped-on-drop buffer that never grows (the result is never longer).
fn unescape_line_breaks(text: &str) -> Zeroizing<String> {
    let mut out = Zeroizing::new(String::with_capacity(text.len()));
    let mut rest = text;
    while let Some(at) = rest.find('\\') {
        out.push_str(&rest[..at]);
        let escape = &rest[at..];
        match escape
            .strip_prefix("\\r\\n")
            .or_else(|| escape.strip_prefix("\\n"))
        {
            Some(after) => {
                out.push('\n');
                rest = after;
            }
            None => {
                out.push('\\');
                rest = &escape[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// `der` as a PEM block with `label`: base64 in lines of 64 characters,
/// LF line ends (the form OpenSSL and the AWS console write).
pub(crate) fn encode(label: &str, der: &[u8]) -> String {
    let body = STANDARD.encode(der);
    let mut pem = String::with_capacity(body.len() + body.len() / 64 + 2 * label.len() + 40);
    pem.push_str("-----BEGIN ");
    pem.push_str(label);
    pem.push_str("-----\n");
    for line in body.as_bytes().chunks(64) {
        // Base64 is ASCII, so every chunk is UTF-8.
        pem.push_str(std::str::from_utf8(line).unwrap_or_default());
        pem.push('\n');
    }
    pem.push_str("-----END ");
    pem.push_str(label);
    pem.push_str("-----\n");
    pem
}

fn delimited<'a>(line: &'a str, prefix: &str) -> Option<&'a str> {
    line.strip_prefix(prefix)?.strip_suffix("-----")
}

fn pem_advice(problem: &str) -> String {
    format!("the PEM text is not a key: {problem}")
}

fn malformed<T>(problem: &str) -> Result<T> {
    fail(ErrorKind::InvalidKey, pem_advice(problem))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_pasted_and_indented_blocks() {
        let text = "  -----BEGIN EC PARAMETERS-----\\n  BggqhkjOPQMBBw==\\n  -----END EC PARAMETERS-----\\n-----BEGIN X-----\r\nAAEC\r\n-----END X-----";
        let blocks = parse_blocks(text).unwrap();
        assert_eq!(blocks.len(), 2);
        assert_eq!(blocks[1].label, "X");
        assert_eq!(&blocks[1].der[..], &[0, 1, 2]);
    }

    #[test]
    fn encodes_as_openssl_writes() {
        let pem = include_str!("../../tests/keys/rsa-public.pem");
        let der = &parse_blocks(pem).unwrap()[0].der;
        assert_eq!(encode("PUBLIC KEY", der), pem);
        assert_eq!(encode("X", &[]), "-----BEGIN X-----\n-----END X-----\n");
    }

    #[test]
    fn unescapes_pasted_line_breaks_only() {
        assert_eq!(
            &*unescape_line_breaks("a\\nb\\r\\nc\\\\d\\re\\"),
            "a\nb\nc\\\\d\\re\\"
        );
    }

    #[test]
    fn notices_legacy_encryption_headers() {
        let text = "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\nAAEC\n-----END RSA PRIVATE KEY-----\n";
        assert!(parse_blocks(text).unwrap()[0].has_headers);
    }

    #[test]
    fn refuses_broken_text() {
        for bad in [
            "",
            "hello",
            "-----BEGIN X-----\nAAEC",
            "-----BEGIN X-----\n!!\n-----END X-----",
            "-----BEGIN X-----\n-----END Y-----",
        ] {
            assert_eq!(
                parse_blocks(bad).err().unwrap().kind(),
                ErrorKind::InvalidKey,
                "{bad}"
            );
        }
    }
}
