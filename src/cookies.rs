//! Signed cookies: their names, values and `Set-Cookie` header lines.

use crate::error::{fail, ErrorKind, Result};

/// `CloudFront-Expires` (canned policies).
pub const COOKIE_EXPIRES: &str = "CloudFront-Expires";
/// `CloudFront-Policy` (custom policies).
pub const COOKIE_POLICY: &str = "CloudFront-Policy";
/// `CloudFront-Signature`.
pub const COOKIE_SIGNATURE: &str = "CloudFront-Signature";
/// `CloudFront-Key-Pair-Id`.
pub const COOKIE_KEY_PAIR_ID: &str = "CloudFront-Key-Pair-Id";
/// `CloudFront-Hash-Algorithm` (only for SHA-256).
pub const COOKIE_HASH_ALGORITHM: &str = "CloudFront-Hash-Algorithm";

/// The cookies of one signed cookie set, in the order they are set.
///
/// ```
/// use cloudfront_signer::SignedCookies;
/// let mut cookies = SignedCookies::default();
/// cookies.push("CloudFront-Expires", "1767290400".to_string());
/// assert_eq!(cookies.get("CloudFront-Expires"), Some("1767290400"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SignedCookies {
    entries: Vec<(&'static str, String)>,
}

impl SignedCookies {
    /// Adds a cookie.
    pub fn push(&mut self, name: &'static str, value: String) {
        self.entries.push((name, value));
    }

    /// The value of the cookie called `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.entries
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The `(name, value)` pairs in order.
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, &str)> {
        self.entries.iter().map(|(n, v)| (*n, v.as_str()))
    }
}

/// The `SameSite` cookie attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SameSite {
    /// `SameSite=Strict`.
    Strict,
    /// `SameSite=Lax`.
    Lax,
    /// `SameSite=None` (requires `Secure`).
    None,
}

impl std::str::FromStr for SameSite {
    type Err = crate::Error;

    fn from_str(text: &str) -> Result<Self> {
        match text.to_ascii_lowercase().as_str() {
            "strict" => Ok(SameSite::Strict),
            "lax" => Ok(SameSite::Lax),
            "none" => Ok(SameSite::None),
            _ => fail(
                ErrorKind::InvalidCookieOption,
                "sameSite must be \"Strict\", \"Lax\" or \"None\"",
            ),
        }
    }
}

/// Attributes for `Set-Cookie` lines. The defaults are the safe ones:
/// `Path=/`, `Secure`, `HttpOnly`, no `Domain`, no `Expires`/`Max-Age`
/// (session cookies, as AWS recommends).
///
/// ```
/// use cloudfront_signer::CookieAttributes;
/// assert_eq!(CookieAttributes::default().path, "/");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CookieAttributes {
    /// `Domain`, e.g. `d111111abcdef8.cloudfront.net` or `example.com`.
    pub domain: Option<String>,
    /// `Path`: a prefix, without wildcards.
    pub path: String,
    /// `Secure`.
    pub secure: bool,
    /// `HttpOnly`.
    pub http_only: bool,
    /// `SameSite`.
    pub same_site: Option<SameSite>,
    /// `Expires`, epoch seconds.
    pub expires: Option<i64>,
    /// `Max-Age`, seconds.
    pub max_age: Option<i64>,
}

impl Default for CookieAttributes {
    fn default() -> Self {
        CookieAttributes {
            domain: None,
            path: "/".to_string(),
            secure: true,
            http_only: true,
            same_site: None,
            expires: None,
            max_age: None,
        }
    }
}

/// Builds one `Set-Cookie` header value per cookie.
///
/// ```
/// use cloudfront_signer::{to_set_cookie_headers, CookieAttributes, SignedCookies};
/// let mut cookies = SignedCookies::default();
/// cookies.push("CloudFront-Key-Pair-Id", "K2JCJMDEHXQW5F".to_string());
/// let lines = to_set_cookie_headers(&cookies, &CookieAttributes::default()).unwrap();
/// assert_eq!(lines, ["CloudFront-Key-Pair-Id=K2JCJMDEHXQW5F; Path=/; Secure; HttpOnly"]);
/// ```
pub fn to_set_cookie_headers(
    cookies: &SignedCookies,
    attributes: &CookieAttributes,
) -> Result<Vec<String>> {
    let mut suffix = String::new();
    if let Some(domain) = &attributes.domain {
        let valid = !domain.is_empty()
            && domain.len() <= 253
            && domain
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-'));
        if !valid {
            return fail(
                ErrorKind::InvalidCookieOption,
                "domain must be a host name such as example.com (letters, digits, dots and dashes)",
            );
        }
        suffix.push_str("; Domain=");
        suffix.push_str(domain);
    }
    let path = &attributes.path;
    if !path.starts_with('/')
        || path
            .bytes()
            .any(|b| b == b';' || b.is_ascii_control() || !b.is_ascii() || b == b' ')
    {
        return fail(
            ErrorKind::InvalidCookieOption,
            "path must start with / and hold no spaces, ';' or control characters",
        );
    }
    if path.contains('*') {
        return fail(
            ErrorKind::InvalidCookieOption,
            "cookie paths are prefixes without wildcards; use \"/images/\" rather than \"/images/*\"",
        );
    }
    suffix.push_str("; Path=");
    suffix.push_str(path);
    if let Some(expires) = attributes.expires {
        suffix.push_str("; Expires=");
        suffix.push_str(&http_date(expires));
    }
    if let Some(max_age) = attributes.max_age {
        suffix.push_str(&format!("; Max-Age={max_age}"));
    }
    if attributes.secure {
        suffix.push_str("; Secure");
    }
    if attributes.http_only {
        suffix.push_str("; HttpOnly");
    }
    match attributes.same_site {
        Some(SameSite::Strict) => suffix.push_str("; SameSite=Strict"),
        Some(SameSite::Lax) => suffix.push_str("; SameSite=Lax"),
        Some(SameSite::None) if !attributes.secure => {
            return fail(
                ErrorKind::InvalidCookieOption,
                "sameSite \"None\" requires secure: browsers drop such cookies otherwise",
            )
        }
        Some(SameSite::None) => suffix.push_str("; SameSite=None"),
        None => {}
    }
    Ok(cookies
        .iter()
        .map(|(name, value)| format!("{name}={value}{suffix}"))
        .collect())
}

/// An IMF-fixdate, e.g. `Thu, 01 Jan 2026 18:00:00 GMT`.
fn http_date(seconds: i64) -> String {
    const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let iso = crate::time::format_utc(seconds);
    let weekday = DAYS[seconds.div_euclid(86_400).rem_euclid(7) as usize];
    let month: usize = iso[5..7].parse().unwrap_or(1);
    format!(
        "{weekday}, {} {} {} {} GMT",
        &iso[8..10],
        MONTHS[month - 1],
        &iso[0..4],
        &iso[11..19]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_http_dates() {
        assert_eq!(http_date(1_767_290_400), "Thu, 01 Jan 2026 18:00:00 GMT");
        assert_eq!(http_date(0), "Thu, 01 Jan 1970 00:00:00 GMT");
    }

    #[test]
    fn refuses_unsafe_attributes() {
        let cookies = SignedCookies::default();
        let with = |f: fn(&mut CookieAttributes)| {
            let mut attributes = CookieAttributes::default();
            f(&mut attributes);
            to_set_cookie_headers(&cookies, &attributes)
        };
        assert!(with(|a| a.domain = Some("a.example; x".into())).is_err());
        assert!(with(|a| a.path = "/images/*".into()).is_err());
        assert!(with(|a| a.path = "images".into()).is_err());
        assert!(with(|a| {
            a.secure = false;
            a.same_site = Some(SameSite::None);
        })
        .is_err());
    }
}
