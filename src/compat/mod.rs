//! The drop-in for `@aws-sdk/cloudfront-signer` (3.1166.0): `getSignedUrl`
//! and `getSignedCookies` with its input shape, giving byte-identical
//! output for every input it accepts, quirks included, and refusing what
//! it refuses, with its error class and message.
//!
//! The logic is here, in plain Rust, over JS strings as UTF-16 ([`JsText`]);
//! the wasm binding only converts JS values (it runs `new Date(value)` and
//! `JSON.parse` in the host, so dates and policy lookups follow the host's
//! exact JS semantics and time zone).
//!
//! Quirks reproduced (see the package's behaviour report):
//! - `getSignedUrl` rewrites the URL ([`url::normalize_url`]): path segments
//!   decoded and re-encoded, the query re-encoded keeping `%XX` and `+`, `=`
//!   always written, `#` treated as data, dot segments kept, the origin
//!   untouched; the signed resource is the rewritten URL.
//!   `getSignedCookies` signs its url as given.
//! - The scheme check ([`url::scheme_check`]): case-sensitive, accepts `ws`
//!   and `wss`, `slice(0, -1)` when there is no `//`, `rtmp` stream names.
//! - Dates: `Math.round(ms / 1000)`, 0 counts as no date, past and negative
//!   dates accepted, `dateGreaterThan` silently dropped when invalid and
//!   never compared with `dateLessThan`.
//! - IPs ([`ip::source_ip`]): JS `Number()` leniency, text written verbatim.
//! - Policy JSON ([`policy::Conditions`]): `DateLessThan`,
//!   `DateGreaterThan`, `IpAddress`; `JSON.stringify` escaping; canned
//!   unless there is a start date or an IP (wildcards stay canned).
//! - Parameters `Expires|Policy`, `Key-Pair-Id`, `Signature`,
//!   `Hash-Algorithm=SHA256` (only for the exact string `"SHA256"`),
//!   values encoded leaving only `A–Z a–z 0–9 - _ . ~`.
//! - The order in which checks fail, so the same error wins.
//!
//! ```
//! use cloudfront_signer::compat::{get_signed_url, DateArg, SignInput, UrlArg, KeyPairIdArg};
//! use cloudfront_signer::PrivateKey;
//!
//! let key = PrivateKey::from_pem(include_str!("../../tests/keys/rsa-pkcs1.pem"), None)?;
//! let input = SignInput {
//!     url: UrlArg::Text("https://d111111abcdef8.cloudfront.net/a b.jpg".into()),
//!     key_pair_id: KeyPairIdArg::Text("K2JCJMDEHXQW5F".into()),
//!     date_less_than: DateArg::Millis(1_893_456_000_000.0),
//!     ..SignInput::default()
//! };
//! let url = get_signed_url(&input, |hash, bytes| Ok(key.sign(hash, bytes)?))?;
//! assert!(url.to_string().starts_with(
//!     "https://d111111abcdef8.cloudfront.net/a%20b.jpg?Expires=1893456000&Key-Pair-Id=K2JCJMDEHXQW5F&Signature="
//! ));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod date;
pub mod encode;
mod error;
pub mod ip;
pub mod key;
pub mod policy;
pub mod rtmp;
mod text;
pub mod url;

pub use date::DateArg;
pub use error::{CompatError, ErrorClass};
pub use policy::FirstResource;
pub use text::JsText;

use crate::{encoding, ErrorKind, HashAlgorithm};
use policy::Conditions;
use url::{append_parameters, normalize_url, scheme_check, SchemeProblem};

/// The `url` option.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum UrlArg {
    /// Falsy (`undefined`, `null`, `""`, `0`, ...).
    #[default]
    Absent,
    /// A string (or `String` object).
    Text(JsText),
    /// A truthy value that is not a string (`url.indexOf is not a function`).
    NotAString,
}

/// The `policy` option.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum PolicyArg {
    /// Falsy: the policy is built from the other options.
    #[default]
    Absent,
    /// A string, signed as its UTF-8 bytes (lone surrogates as U+FFFD).
    Text(JsText),
    /// A `Buffer`, typed array or `DataView`.
    Bytes {
        /// The view's raw bytes: what `sign.update` signs.
        signed: Vec<u8>,
        /// The bytes of `Buffer.from(value)`, which the `Policy` value
        /// encodes (the same for a `Buffer`/`Uint8Array`; element values
        /// truncated to bytes for other typed arrays; none for a `DataView`).
        buffer: Vec<u8>,
    },
    /// Any other truthy value: Node's `sign.update` refuses it with a
    /// `TypeError`; `received` describes it the way Node does.
    Other {
        /// E.g. `an instance of Object` or `type number (5)`.
        received: String,
    },
}

impl PolicyArg {
    fn is_present(&self) -> bool {
        !matches!(self, PolicyArg::Absent)
    }
}

/// The `ipAddress` option.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum IpArg {
    /// Falsy: no IP condition.
    #[default]
    Absent,
    /// A string (or `String` object).
    Text(JsText),
    /// A truthy non-string: refused with `cidrStr.split is not a function`;
    /// holds `String(value)` for the message, or the error that conversion threw.
    NotAString(Result<JsText, CompatError>),
}

/// The `keyPairId` option, as `getSignedUrl` uses it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum KeyPairIdArg {
    /// `undefined`: no `Key-Pair-Id` parameter at all.
    #[default]
    Undefined,
    /// `String(value)` (so `null` is `"null"`).
    Text(JsText),
    /// Converting the value to a string threw (a Symbol).
    Failed(CompatError),
}

/// The options of `getSignedUrl`/`getSignedCookies`, already read from JS.
#[derive(Debug, Clone, PartialEq)]
pub struct SignInput {
    /// `url`.
    pub url: UrlArg,
    /// `keyPairId` (the cookie function copies the raw JS value instead).
    pub key_pair_id: KeyPairIdArg,
    /// `dateLessThan`.
    pub date_less_than: DateArg,
    /// `dateGreaterThan`.
    pub date_greater_than: DateArg,
    /// `ipAddress`.
    pub ip_address: IpArg,
    /// `policy`.
    pub policy: PolicyArg,
    /// The first `Statement[].Resource` of `policy`, looked up by the host
    /// with `JSON.parse`. Only used by `getSignedUrl` without a url; when
    /// `None`, it is looked up here with [`FirstResource::from_policy_json`].
    pub policy_resource: Option<FirstResource>,
    /// SHA-256 when `algorithm === "SHA256"`, SHA-1 for anything else.
    pub algorithm: HashAlgorithm,
}

impl Default for SignInput {
    /// Every option absent, SHA-1.
    fn default() -> Self {
        SignInput {
            url: UrlArg::Absent,
            key_pair_id: KeyPairIdArg::Undefined,
            date_less_than: DateArg::Absent,
            date_greater_than: DateArg::Absent,
            ip_address: IpArg::Absent,
            policy: PolicyArg::Absent,
            policy_resource: None,
            algorithm: HashAlgorithm::Sha1,
        }
    }
}

/// What `getSignedCookies` returns besides `CloudFront-Key-Pair-Id` (which
/// the caller copies from the raw `keyPairId` value), in the AWS package's
/// key order: `CloudFront-Signature`, then `CloudFront-Expires` (a number)
/// or `CloudFront-Policy`, then `CloudFront-Hash-Algorithm`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CookieValues {
    /// `CloudFront-Signature`.
    pub signature: String,
    /// `CloudFront-Expires` (canned policies only), a JS number.
    pub expires: Option<i64>,
    /// `CloudFront-Policy` (custom policies only, and only when not empty).
    pub policy: Option<String>,
    /// `CloudFront-Hash-Algorithm`: `"SHA256"` when SHA-256 was asked for.
    pub hash_algorithm: Option<&'static str>,
}

/// The policy that gets signed, and how it travels.
enum Signed {
    Canned { bytes: Vec<u8>, expires: i64 },
    Custom { bytes: Vec<u8>, encoded: String },
}

/// `getSignedUrl(input)`: the signed URL, or the error the AWS package throws.
///
/// `sign` signs policy bytes with the caller's key; it is called once,
/// after every check on the options, where the AWS package signs (so key
/// errors come after URL, date and IP errors, as there).
pub fn get_signed_url(
    input: &SignInput,
    sign: impl FnOnce(HashAlgorithm, &[u8]) -> Result<Vec<u8>, CompatError>,
) -> Result<JsText, CompatError> {
    if input.url == UrlArg::Absent && !input.policy.is_present() {
        return Err(CompatError::error(
            ErrorKind::InvalidArgument,
            "@aws-sdk/cloudfront-signer: Please provide 'url' or 'policy'.",
        ));
    }
    let base_url = match &input.url {
        UrlArg::Text(url) => {
            normalize_url(url).map_err(|_| CompatError::uri_malformed(ErrorKind::InvalidUrl))?
        }
        UrlArg::NotAString => return Err(not_a_string("url")),
        UrlArg::Absent => match &input.policy_resource {
            Some(resource) => resource.base_url()?,
            None => derived_resource(&input.policy).base_url()?,
        },
    };
    let signed = if input.policy.is_present() {
        verbatim(&input.policy)?
    } else {
        if !input.date_less_than.is_present() {
            return Err(invalid_policy(ErrorKind::InvalidDate));
        }
        let resource = scheme_check(&base_url).map_err(scheme_error)?;
        build(input, resource)?
    };
    let (parameter, value, bytes) = match &signed {
        Signed::Canned { bytes, expires } => ("Expires", expires.to_string(), bytes),
        Signed::Custom { bytes, encoded } => ("Policy", encoded.clone(), bytes),
    };
    let signature = encoding::encode(&sign(input.algorithm, bytes)?);
    let key_pair_id = match &input.key_pair_id {
        KeyPairIdArg::Undefined => None,
        KeyPairIdArg::Text(id) => {
            let mut encoded = Vec::with_capacity(id.len());
            encode::encode_parameter_value(id.units(), &mut encoded)
                .map_err(|_| CompatError::uri_malformed(ErrorKind::InvalidKeyPairId))?;
            Some(encoded)
        }
        KeyPairIdArg::Failed(error) => return Err(error.clone()),
    };
    let value: Vec<u16> = value.encode_utf16().collect();
    let signature_units: Vec<u16> = signature.encode_utf16().collect();
    let sha256: Vec<u16> = "SHA256".encode_utf16().collect();
    let mut parameters: Vec<(&str, &[u16])> = vec![(parameter, &value)];
    if let Some(id) = &key_pair_id {
        parameters.push(("Key-Pair-Id", id));
    }
    parameters.push(("Signature", &signature_units));
    if input.algorithm == HashAlgorithm::Sha256 {
        parameters.push(("Hash-Algorithm", &sha256));
    }
    scheme_check(&append_parameters(&base_url, &parameters)).map_err(scheme_error)
}

/// `getSignedCookies(input)`: the cookie values, or the error the AWS
/// package throws. The url is signed as given (no rewriting); with a
/// `policy`, the url is ignored entirely.
pub fn get_signed_cookies(
    input: &SignInput,
    sign: impl FnOnce(HashAlgorithm, &[u8]) -> Result<Vec<u8>, CompatError>,
) -> Result<CookieValues, CompatError> {
    let signed = if input.policy.is_present() {
        verbatim(&input.policy)?
    } else if input.url == UrlArg::Absent {
        return Err(invalid_policy(ErrorKind::InvalidUrl));
    } else if !input.date_less_than.is_present() {
        return Err(invalid_policy(ErrorKind::InvalidDate));
    } else {
        let resource = match &input.url {
            UrlArg::Text(url) => scheme_check(url).map_err(scheme_error)?,
            _ => return Err(not_a_string("urlString")),
        };
        build(input, resource)?
    };
    let (expires, policy, bytes) = match &signed {
        Signed::Canned { bytes, expires } => (Some(*expires), None, bytes),
        Signed::Custom { bytes, encoded } => {
            (None, Some(encoded.clone()).filter(|p| !p.is_empty()), bytes)
        }
    };
    let signature = encoding::encode(&sign(input.algorithm, bytes)?);
    Ok(CookieValues {
        signature,
        expires,
        policy,
        hash_algorithm: (input.algorithm == HashAlgorithm::Sha256).then_some("SHA256"),
    })
}

/// Builds the policy from the dates and IP, in the AWS package's order:
/// `dateLessThan`, `dateGreaterThan`, then the IP.
fn build(input: &SignInput, resource: JsText) -> Result<Signed, CompatError> {
    let Some(expires) = input.date_less_than.epoch_seconds()? else {
        return Err(CompatError::error(
            ErrorKind::InvalidDate,
            "dateLessThan is invalid. Ensure the date value is compatible with the Date constructor.",
        ));
    };
    let not_before = input.date_greater_than.epoch_seconds()?;
    let source_ip = match &input.ip_address {
        IpArg::Absent => None,
        IpArg::Text(ip) => {
            Some(ip::source_ip(ip).map_err(|problem| ip_error(ip, problem.reason()))?)
        }
        IpArg::NotAString(shown) => {
            let shown = shown.clone()?;
            return Err(ip_error(&shown, "cidrStr.split is not a function"));
        }
    };
    let conditions = Conditions {
        resource,
        expires,
        not_before,
        source_ip,
    };
    let bytes = conditions.to_json().to_utf8_lossy();
    Ok(if conditions.is_canned() {
        Signed::Canned { bytes, expires }
    } else {
        let encoded = encoding::encode(&bytes);
        Signed::Custom { bytes, encoded }
    })
}

/// The resource lookup for a policy given without a url, done here.
fn derived_resource(policy: &PolicyArg) -> FirstResource {
    match policy {
        PolicyArg::Text(text) => FirstResource::from_policy_json(&text.to_string()),
        _ => FirstResource::Missing,
    }
}

/// A policy given as an option: signed verbatim, always a custom policy.
fn verbatim(policy: &PolicyArg) -> Result<Signed, CompatError> {
    match policy {
        PolicyArg::Text(text) => {
            let bytes = text.to_utf8_lossy();
            let encoded = encoding::encode(&bytes);
            Ok(Signed::Custom { bytes, encoded })
        }
        PolicyArg::Bytes { signed, buffer } => Ok(Signed::Custom {
            bytes: signed.clone(),
            encoded: encoding::encode(buffer),
        }),
        PolicyArg::Other { received } => Err(CompatError::type_error(
            ErrorKind::InvalidPolicy,
            format!("The \"data\" argument must be of type string or an instance of Buffer, TypedArray, or DataView. Received {received}"),
        )),
        PolicyArg::Absent => Ok(Signed::Custom {
            bytes: Vec::new(),
            encoded: String::new(),
        }),
    }
}

fn invalid_policy(kind: ErrorKind) -> CompatError {
    CompatError::error(kind, "Invalid policy")
}

fn not_a_string(name: &str) -> CompatError {
    CompatError::type_error(
        ErrorKind::InvalidUrl,
        format!("{name}.indexOf is not a function"),
    )
}

fn scheme_error(problem: SchemeProblem) -> CompatError {
    match problem {
        SchemeProblem::InvalidScheme => CompatError::error(
            ErrorKind::InvalidUrl,
            "Invalid URI scheme. Scheme must be one of http, https, or rtmp",
        ),
        SchemeProblem::InvalidRtmpUrl => {
            CompatError::type_error(ErrorKind::InvalidUrl, "Invalid URL")
        }
    }
}

fn ip_error(ip: &JsText, reason: &str) -> CompatError {
    let mut message = JsText::from("IP address \"");
    message.push_units(ip.units());
    message.push_str(&format!("\" is invalid due to {reason}."));
    CompatError::with_text(ErrorKind::InvalidIp, ErrorClass::Error, message)
}

#[cfg(test)]
mod tests;
