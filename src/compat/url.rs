//! The AWS package's URL handling: its path and query rewriting
//! (`getSignedUrl` only), its scheme check, and where the parameters go.

use super::encode::{
    decode_uri_component, encode_query_component, encode_uri_component, Malformed,
};
use super::rtmp::rtmp_hostname;
use super::text::{ascii, find, find_unit, JsText};

const SLASH: u16 = b'/' as u16;
const QUESTION: u16 = b'?' as u16;
const AMPERSAND: u16 = b'&' as u16;
const EQUALS: u16 = b'=' as u16;

/// Rewrites a URL the way `getSignedUrl` does before signing it.
///
/// The origin (everything before the first `/` after `//`) is kept
/// byte-for-byte. Each path segment is decoded with `decodeURIComponent` and
/// re-encoded with `encodeURIComponent` (if decoding fails, the raw segment
/// is encoded, so every `%` becomes `%25`); dot segments and `//` stay. The
/// query is split on `&`, empty pieces dropped, `=` always written, and keys
/// and values re-encoded keeping `%XX` and `+` (see
/// [`encode_query_component`]). A URL with no `/` after its authority is
/// returned unchanged, query included.
///
/// Fails (JS `URIError: URI malformed`) on a lone surrogate in the path.
///
/// ```
/// use cloudfront_signer::compat::url::normalize_url;
/// use cloudfront_signer::compat::JsText;
/// let n = |u: &str| normalize_url(&JsText::from(u)).unwrap().to_string();
/// assert_eq!(n("https://d.net/a b/%41%zz?q=a b+c&flag"), "https://d.net/a%20b/%2541%25zz?q=a%20b+c&flag=");
/// assert_eq!(n("https://d.net/./x#y?"), "https://d.net/./x%23y");
/// assert_eq!(n("https://d.net?a=b c"), "https://d.net?a=b c");
/// ```
pub fn normalize_url(url: &JsText) -> Result<JsText, Malformed> {
    let units = url.units();
    let Some(authority) = find(units, &ascii("//")) else {
        return Ok(url.clone());
    };
    let Some(path_start) = find_unit(units, SLASH, authority + 2) else {
        return Ok(url.clone());
    };
    let (origin, rest) = units.split_at(path_start);
    let (path, query) = match find_unit(rest, QUESTION, 0) {
        Some(at) => rest.split_at(at),
        None => (rest, &[][..]),
    };
    let mut out = Vec::with_capacity(units.len() + 16);
    out.extend_from_slice(origin);
    for (index, segment) in path.split(|&u| u == SLASH).enumerate() {
        if index > 0 {
            out.push(SLASH);
        }
        if segment.is_empty() {
            continue;
        }
        match decode_uri_component(segment) {
            Some(decoded) => encode_uri_component(&decoded, &mut out)?,
            None => encode_uri_component(segment, &mut out)?,
        }
    }
    let pairs = query.get(1..).unwrap_or_default();
    let mut first = true;
    for piece in pairs.split(|&u| u == AMPERSAND).filter(|p| !p.is_empty()) {
        out.push(if first { QUESTION } else { AMPERSAND });
        first = false;
        let (key, value) = match find_unit(piece, EQUALS, 0) {
            Some(at) => (piece.get(..at), piece.get(at + 1..)),
            None => (Some(piece), None),
        };
        encode_query_component(key.unwrap_or_default(), &mut out);
        out.push(EQUALS);
        encode_query_component(value.unwrap_or_default(), &mut out);
    }
    Ok(JsText::from_units(out))
}

/// Why [`scheme_check`] refused a URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SchemeProblem {
    /// Not `http:`, `https:`, `ws:`, `wss:` or `rtmp:` before the first `//`
    /// (JS: `Invalid URI scheme. Scheme must be one of http, https, or rtmp`).
    InvalidScheme,
    /// An `rtmp:` URL the WHATWG URL parser rejects (JS: `TypeError: Invalid URL`).
    InvalidRtmpUrl,
}

/// The AWS package's scheme check, which also turns an `rtmp:` URL into its
/// stream name.
///
/// The scheme is the text before the first `//`, compared case-sensitively.
/// With no `//` at all, JS's `slice(0, -1)` makes it the whole text minus its
/// last character, so `https:x` passes. `http`, `https`, `ws` and `wss` are
/// returned unchanged; for `rtmp` the first `"rtmp://" + hostname` units are
/// cut off (misaligned when there is user info or an encoded host) and the
/// first `(:digits)?/` is removed.
///
/// ```
/// use cloudfront_signer::compat::url::{scheme_check, SchemeProblem};
/// use cloudfront_signer::compat::JsText;
/// let check = |u: &str| scheme_check(&JsText::from(u)).map(|t| t.to_string());
/// assert_eq!(check("wss://h/a"), Ok("wss://h/a".into()));
/// assert_eq!(check("https:x"), Ok("https:x".into()));
/// assert_eq!(check("HTTPS://h/a"), Err(SchemeProblem::InvalidScheme));
/// assert_eq!(check("rtmp://s1.example.net:1935/cfx/st/a.mp4"), Ok("cfx/st/a.mp4".into()));
/// assert_eq!(check("rtmp://a b/x"), Err(SchemeProblem::InvalidRtmpUrl));
/// ```
pub fn scheme_check(url: &JsText) -> Result<JsText, SchemeProblem> {
    let units = url.units();
    let prefix = match find(units, &ascii("//")) {
        Some(at) => units.get(..at),
        None => units.get(..units.len().saturating_sub(1)),
    }
    .unwrap_or_default();
    if ["http:", "https:", "ws:", "wss:"]
        .iter()
        .any(|scheme| prefix == ascii(scheme).as_slice())
    {
        return Ok(url.clone());
    }
    if prefix != ascii("rtmp:").as_slice() {
        return Err(SchemeProblem::InvalidScheme);
    }
    let hostname = rtmp_hostname(units).ok_or(SchemeProblem::InvalidRtmpUrl)?;
    let origin_length = "rtmp://".len() + hostname.len();
    let rest = units.get(origin_length..).unwrap_or_default();
    Ok(JsText::from_units(remove_first_port_slash(rest)))
}

/// Removes the leftmost match of the JS regex `/(:\d+)?\//`.
fn remove_first_port_slash(units: &[u16]) -> Vec<u16> {
    let is_digit = |u: &u16| (u16::from(b'0')..=u16::from(b'9')).contains(u);
    for (at, &unit) in units.iter().enumerate() {
        let end = if unit == SLASH {
            Some(at + 1)
        } else if unit == u16::from(b':') {
            let digits = units
                .get(at + 1..)
                .map_or(0, |rest| rest.iter().take_while(|u| is_digit(u)).count());
            let slash = at + 1 + digits;
            (digits > 0 && units.get(slash) == Some(&SLASH)).then_some(slash + 1)
        } else {
            None
        };
        if let Some(end) = end {
            let mut out = units.get(..at).unwrap_or_default().to_vec();
            out.extend_from_slice(units.get(end..).unwrap_or_default());
            return out;
        }
    }
    units.to_vec()
}

/// Appends `name=value` pairs after `base`, with `&` if `base` holds a `?`
/// anywhere, else `?`. Values must already be encoded.
pub(crate) fn append_parameters(base: &JsText, parameters: &[(&str, &[u16])]) -> JsText {
    let mut out = base.clone();
    let mut separator = if base.units().contains(&QUESTION) {
        "&"
    } else {
        "?"
    };
    for (name, value) in parameters {
        out.push_str(separator);
        out.push_str(name);
        out.push_str("=");
        out.push_units(value);
        separator = "&";
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(url: &str) -> String {
        normalize_url(&JsText::from(url)).unwrap().to_string()
    }

    #[test]
    fn normalizes_paths_like_the_aws_package() {
        let cases = [
            ("https://d.net/a b/c d.jpg", "https://d.net/a%20b/c%20d.jpg"),
            (
                "https://d.net/café/日本.png",
                "https://d.net/caf%C3%A9/%E6%97%A5%E6%9C%AC.png",
            ),
            ("https://d.net/it's!()*~-_.x", "https://d.net/it's!()*~-_.x"),
            (
                "https://d.net/a:b@c,d;e=f&g$h+",
                "https://d.net/a%3Ab%40c%2Cd%3Be%3Df%26g%24h%2B",
            ),
            (
                "https://d.net/caf%c3%a9%2F%41",
                "https://d.net/caf%C3%A9%2FA",
            ),
            (
                "https://d.net/a%zz%20b/100%",
                "https://d.net/a%25zz%2520b/100%25",
            ),
            ("https://d.net/%C0%AF/%ff", "https://d.net/%25C0%25AF/%25ff"),
            ("https://d.net//a//b/", "https://d.net//a//b/"),
            ("https://d.net/a.jpg ", "https://d.net/a.jpg%20"),
            (
                "https://u:p%20w@D.NET:8443/A B",
                "https://u:p%20w@D.NET:8443/A%20B",
            ),
            ("https://d\"q.net/x", "https://d\"q.net/x"),
            ("https://d.net", "https://d.net"),
            ("https://d.net?x=/y z", "https://d.net?x=/y%20z"),
            ("https://d.net?", "https://d.net?"),
            ("https://", "https://"),
            ("https:///a b", "https:///a%20b"),
            ("/a b", "/a b"),
        ];
        for (input, expected) in cases {
            assert_eq!(n(input), expected, "{input}");
        }
    }

    #[test]
    fn normalizes_queries_like_the_aws_package() {
        let cases = [
            ("https://d.net/a.jpg?", "https://d.net/a.jpg"),
            ("https://d.net/a.jpg?&&", "https://d.net/a.jpg"),
            ("https://d.net/a.jpg?flag&x", "https://d.net/a.jpg?flag=&x="),
            (
                "https://d.net/a?a=b=c&=x&&y",
                "https://d.net/a?a=b%3Dc&=x&y=",
            ),
            ("https://d.net/a??x=1", "https://d.net/a?%3Fx=1"),
            ("https://d.net/a?q=it's!()*", "https://d.net/a?q=it%27s!()*"),
            (
                "https://d.net/a?q=100%&r=%zz",
                "https://d.net/a?q=100%25&r=%25zz",
            ),
            (
                "https://d.net/a?e=😀&f=%ff",
                "https://d.net/a?e=%F0%9F%98%80&f=%FF",
            ),
            (
                "https://d.net/a b?c d#e f",
                "https://d.net/a%20b?c%20d%23e%20f=",
            ),
        ];
        for (input, expected) in cases {
            assert_eq!(n(input), expected, "{input}");
        }
    }

    #[test]
    fn lone_surrogates() {
        let mut path = JsText::from("https://d.net/a");
        path.push_units(&[0xD800]);
        assert_eq!(normalize_url(&path), Err(Malformed));
        let mut query = JsText::from("https://d.net/a?q=");
        query.push_units(&[0xD800]);
        assert_eq!(
            normalize_url(&query).unwrap().to_string(),
            "https://d.net/a?q=%EF%BF%BD"
        );
        let mut host = JsText::from("https://d");
        host.push_units(&[0xD800]);
        host.push_str("/a b");
        let normalized = normalize_url(&host).unwrap();
        assert_eq!(normalized.units().get(9), Some(&0xD800));
    }

    fn check(url: &str) -> Result<String, SchemeProblem> {
        scheme_check(&JsText::from(url)).map(|t| t.to_string())
    }

    #[test]
    fn scheme_check_quirks() {
        for ok in [
            "http://a", "https://", "ws://a", "wss://a", "https:x", "http:/", "ws:a", "http:///",
        ] {
            assert_eq!(check(ok), Ok(ok.to_string()), "{ok}");
        }
        for bad in [
            "HTTPS://a",
            "ftp://a",
            "/a",
            "//a/x",
            "https:",
            "https:host",
            "https:/x",
            "*",
            " https://a",
            "wss:ab",
            "",
        ] {
            assert_eq!(check(bad), Err(SchemeProblem::InvalidScheme), "{bad}");
        }
    }

    #[test]
    fn rtmp_stream_names() {
        let cases = [
            (
                "rtmp://s1.cloudfront.net/cfx/st/mp4%3Avideo.mp4",
                "cfx/st/mp4%3Avideo.mp4",
            ),
            (
                "rtmp://s1.cloudfront.net:1935/cfx/st/a%20b.mp4",
                "cfx/st/a%20b.mp4",
            ),
            ("rtmp://u:p@s1.cloudfront.net/a.mp4", ".neta.mp4"),
            ("rtmp://s1.cloudfront.net", ""),
            ("rtmp://a:/x", ":x"),
            ("rtmp://@a/x", "ax"),
            ("rtmp://a#b/x", "#bx"),
            ("rtmp://a/x:12/y", "x:12/y"),
            ("rtmp://a/x%3A12/y", "x%3A12/y"),
            ("rtmp:Z", ""),
        ];
        for (input, expected) in cases {
            assert_eq!(check(input), Ok(expected.to_string()), "{input}");
        }
        for bad in [
            "rtmp://a b/x",
            "rtmp://a.b.c:7x",
            "rtmp://a:99x/c",
            "rtmp://a@/x",
            "rtmp://a:65536/x",
        ] {
            assert_eq!(check(bad), Err(SchemeProblem::InvalidRtmpUrl), "{bad}");
        }
    }

    #[test]
    fn appends_with_the_right_separator() {
        let value: Vec<u16> = ascii("1");
        let params = [
            ("Expires", value.as_slice()),
            ("Key-Pair-Id", value.as_slice()),
        ];
        assert_eq!(
            append_parameters(&JsText::from("https://h?"), &params).to_string(),
            "https://h?&Expires=1&Key-Pair-Id=1"
        );
        assert_eq!(
            append_parameters(&JsText::from("https://h/a"), &params).to_string(),
            "https://h/a?Expires=1&Key-Pair-Id=1"
        );
    }
}
