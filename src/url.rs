//! URLs: validating the caller's URL, appending the signing parameters after
//! the caller's own, and taking them off again for verification.

use crate::error::{fail, ErrorKind, Result};

/// The query parameters CloudFront reserves for signed URLs.
pub const RESERVED_PARAMETERS: [&str; 5] = [
    "Expires",
    "Policy",
    "Signature",
    "Key-Pair-Id",
    "Hash-Algorithm",
];

/// CloudFront's maximum URL length, in bytes.
pub const MAX_URL_BYTES: usize = 8192;

/// Checks that `url` can be signed byte-exact: an absolute `http`/`https` URL
/// with a host, printable ASCII only, no fragment, nothing a browser would
/// re-encode, and none of CloudFront's reserved parameters.
///
/// ```
/// use cloudfront_signer::url::validate_url;
/// assert!(validate_url("https://d111111abcdef8.cloudfront.net/a%20b.jpg?size=large").is_ok());
/// assert!(validate_url("https://d111111abcdef8.cloudfront.net/a b.jpg").is_err());
/// assert!(validate_url("https://d111111abcdef8.cloudfront.net/a.jpg?Expires=1").is_err());
/// ```
pub fn validate_url(url: &str) -> Result<()> {
    let shown = shorten(url);
    if url.len() > MAX_URL_BYTES {
        return fail(
            ErrorKind::InputTooLarge,
            format!(
                "the URL is {} bytes; CloudFront accepts at most {MAX_URL_BYTES}",
                url.len()
            ),
        );
    }
    let Some(rest) = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
    else {
        let lower = url.to_ascii_lowercase();
        let hint = if lower.starts_with("https://") || lower.starts_with("http://") {
            "write the scheme in lower case (CloudFront rebuilds the URL with a lower-case scheme)"
        } else {
            "use an absolute http:// or https:// URL"
        };
        return fail(
            ErrorKind::InvalidUrl,
            format!("{shown:?} cannot be signed: {hint}"),
        );
    };
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let authority = &rest[..authority_end];
    if authority.is_empty() {
        return fail(ErrorKind::InvalidUrl, format!("{shown:?} has no host"));
    }
    if authority.contains('@') {
        return fail(
            ErrorKind::InvalidUrl,
            format!("{shown:?} has user info (user@host); remove it"),
        );
    }
    check_characters(url, &shown)?;
    if let Some(name) = reserved_parameter_in(url) {
        return fail(
            ErrorKind::InvalidUrl,
            format!(
                "{shown:?} already has a {name:?} parameter, which CloudFront reserves for signing; rename that parameter (is the URL already signed?)"
            ),
        );
    }
    Ok(())
}

fn check_characters(url: &str, shown: &str) -> Result<()> {
    let bytes = url.as_bytes();
    for (index, &byte) in bytes.iter().enumerate() {
        let problem = match byte {
            b'#' => "has a fragment (#...), which browsers never send; remove it",
            b' ' => "has a space; percent-encode it as %20 (encodePath does this)",
            b'"' | b'\\' | b'<' | b'>' | b'`' | b'{' | b'}' => {
                "has a character that browsers percent-encode before sending, so the signature would not match; percent-encode it"
            }
            0..=0x1f | 0x7f => "has a control character; percent-encode it",
            0x80..=0xff => "has non-ASCII characters; percent-encode them as UTF-8 (encodePath does this)",
            b'%' => {
                let hex = |at: usize| bytes.get(at).is_some_and(u8::is_ascii_hexdigit);
                if hex(index + 1) && hex(index + 2) {
                    continue;
                }
                "has a '%' that is not followed by two hex digits; write a literal % as %25"
            }
            _ => continue,
        };
        return fail(ErrorKind::InvalidUrl, format!("{shown:?} {problem}"));
    }
    Ok(())
}

/// The first reserved parameter name in the URL's query, if any.
fn reserved_parameter_in(url: &str) -> Option<&'static str> {
    let (_, query) = url.split_once('?')?;
    query.split('&').find_map(|pair| {
        let name = pair.split('=').next().unwrap_or(pair);
        RESERVED_PARAMETERS
            .iter()
            .copied()
            .find(|reserved| *reserved == name)
    })
}

/// Appends `name=value` pairs after the URL's own query (`?` or `&`).
///
/// ```
/// use cloudfront_signer::url::append_parameters;
/// assert_eq!(append_parameters("https://a.example/x?y=1", &[("Expires", "5")]), "https://a.example/x?y=1&Expires=5");
/// assert_eq!(append_parameters("https://a.example/x", &[("Expires", "5")]), "https://a.example/x?Expires=5");
/// ```
pub fn append_parameters(url: &str, parameters: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(url.len() + 600);
    out.push_str(url);
    let mut separator = if url.contains('?') { '&' } else { '?' };
    for (name, value) in parameters {
        out.push(separator);
        out.push_str(name);
        out.push('=');
        out.push_str(value);
        separator = '&';
    }
    out
}

/// A URL split into the URL CloudFront checks (signing parameters removed,
/// everything else in its original order and spelling) and those parameters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplitUrl {
    /// The URL without signing parameters (and without `?` if nothing is left).
    pub resource: String,
    /// The reserved parameters found, in order, raw.
    pub signing_parameters: Vec<(String, String)>,
}

/// Takes CloudFront's reserved parameters out of a URL.
///
/// ```
/// use cloudfront_signer::url::split_signing_parameters;
/// let split = split_signing_parameters("https://a.example/x?a=1&Expires=5&b=2&Signature=s&Key-Pair-Id=K");
/// assert_eq!(split.resource, "https://a.example/x?a=1&b=2");
/// assert_eq!(split.signing_parameters.len(), 3);
/// ```
pub fn split_signing_parameters(url: &str) -> SplitUrl {
    let url = url.split('#').next().unwrap_or(url);
    let Some((base, query)) = url.split_once('?') else {
        return SplitUrl {
            resource: url.to_string(),
            signing_parameters: Vec::new(),
        };
    };
    let mut kept = Vec::new();
    let mut signing_parameters = Vec::new();
    for pair in query.split('&') {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        if RESERVED_PARAMETERS.contains(&name) {
            signing_parameters.push((name.to_string(), value.to_string()));
        } else {
            kept.push(pair);
        }
    }
    let resource = if kept.is_empty() {
        base.to_string()
    } else {
        format!("{base}?{}", kept.join("&"))
    };
    SplitUrl {
        resource,
        signing_parameters,
    }
}

/// Percent-encodes a raw path (or S3 key) as UTF-8, leaving `/` and the
/// RFC 3986 unreserved characters as they are; `%` itself is encoded.
///
/// ```
/// use cloudfront_signer::url::encode_path;
/// assert_eq!(encode_path("/reports/Q1 2026/résumé+final.pdf"), "/reports/Q1%202026/r%C3%A9sum%C3%A9%2Bfinal.pdf");
/// ```
pub fn encode_path(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len() * 3);
    for byte in raw.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'/' | b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

fn shorten(text: &str) -> String {
    let mut shown: String = text.chars().take(80).collect();
    if text.chars().nth(80).is_some() {
        shown.push('…');
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_urls_that_are_already_wire_ready() {
        for ok in [
            "https://d111111abcdef8.cloudfront.net/image.jpg",
            "http://cdn.example.com:8080/a/./b/../c?x=1&y=%2B&z",
            "https://d111111abcdef8.cloudfront.net",
            "https://a.example/?",
            "https://a.example/x?response-content-disposition=attachment%3B%20filename%2A%3DUTF-8%27%27r%C3%A9sum%C3%A9.pdf",
            "https://a.example/x?Expiresx=1&myPolicy=2",
        ] {
            assert!(validate_url(ok).is_ok(), "{ok}");
        }
    }

    #[test]
    fn refuses_what_would_not_match_at_the_edge() {
        for (bad, kind) in [
            ("/relative.jpg", ErrorKind::InvalidUrl),
            ("ftp://a.example/x", ErrorKind::InvalidUrl),
            ("HTTPS://a.example/x", ErrorKind::InvalidUrl),
            ("https:///x", ErrorKind::InvalidUrl),
            ("https://user@a.example/x", ErrorKind::InvalidUrl),
            ("https://a.example/x#top", ErrorKind::InvalidUrl),
            ("https://a.example/é", ErrorKind::InvalidUrl),
            ("https://a.example/x\"", ErrorKind::InvalidUrl),
            ("https://a.example/x\n", ErrorKind::InvalidUrl),
            ("https://a.example/100%", ErrorKind::InvalidUrl),
            ("https://a.example/x?Signature=abc", ErrorKind::InvalidUrl),
            (
                "https://a.example/x?a=1&Hash-Algorithm",
                ErrorKind::InvalidUrl,
            ),
        ] {
            assert_eq!(validate_url(bad).unwrap_err().kind(), kind, "{bad}");
        }
        let long = format!("https://a.example/{}", "a".repeat(MAX_URL_BYTES));
        assert_eq!(
            validate_url(&long).unwrap_err().kind(),
            ErrorKind::InputTooLarge
        );
    }

    #[test]
    fn split_keeps_order_and_spelling() {
        let split = split_signing_parameters("https://a.example/x?b=%2B&Policy=p&a=+&Signature=s&Key-Pair-Id=K&Hash-Algorithm=SHA256");
        assert_eq!(split.resource, "https://a.example/x?b=%2B&a=+");
        let names: Vec<&str> = split
            .signing_parameters
            .iter()
            .map(|(n, _)| n.as_str())
            .collect();
        assert_eq!(
            names,
            ["Policy", "Signature", "Key-Pair-Id", "Hash-Algorithm"]
        );
        assert_eq!(
            split_signing_parameters("https://a.example/x?Expires=1").resource,
            "https://a.example/x"
        );
    }
}
