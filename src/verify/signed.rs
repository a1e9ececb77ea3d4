//! The signing parameters of a request, from its URL or its cookies, and
//! what they grant (readable without any key).

use super::reason::{Reason, Refusal};
use crate::cookies::{
    COOKIE_EXPIRES, COOKIE_HASH_ALGORITHM, COOKIE_KEY_PAIR_ID, COOKIE_POLICY, COOKIE_SIGNATURE,
};
use crate::encoding;
use crate::hash::HashAlgorithm;
use crate::policy::{canned_policy, Policy};
use crate::url::{split_signing_parameters, MAX_URL_BYTES};

/// CloudFront's limit for a whole request, query string and headers
/// (cookies included) together, in bytes: a `Cookie` header cannot be
/// longer and still reach CloudFront.
pub const MAX_REQUEST_BYTES: usize = 20_480;

/// Where the signing parameters came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// Query parameters of a signed URL.
    Url,
    /// `CloudFront-*` cookies.
    Cookies,
}

impl Source {
    /// `"url"` or `"cookies"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Url => "url",
            Source::Cookies => "cookies",
        }
    }
}

/// A signed request taken apart, before anything is checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedRequest {
    /// URL parameters or cookies.
    pub source: Source,
    /// The `Key-Pair-Id`.
    pub key_pair_id: String,
    /// SHA-1 unless `Hash-Algorithm=SHA256`.
    pub hash_algorithm: HashAlgorithm,
    /// The `Expires` or `Policy` value.
    pub policy: SignedPolicy,
    /// The signature bytes.
    pub signature: Vec<u8>,
    /// The request URL without signing parameters, when known.
    pub url: Option<String>,
}

/// The policy a request carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignedPolicy {
    /// `Expires`: CloudFront rebuilds the policy from the request URL.
    Canned {
        /// Epoch seconds.
        expires: i64,
    },
    /// `Policy`: the policy itself, in CloudFront base64.
    Custom {
        /// The parameter or cookie value as sent.
        encoded: String,
    },
}

impl SignedRequest {
    /// Whether the policy is canned.
    pub fn is_canned(&self) -> bool {
        matches!(self.policy, SignedPolicy::Canned { .. })
    }

    /// The exact bytes the signature covers; for a canned policy they are
    /// rebuilt from the request URL, so `None` when the URL is unknown.
    pub fn policy_bytes(&self) -> Result<Option<Vec<u8>>, Refusal> {
        match &self.policy {
            SignedPolicy::Canned { expires } => Ok(self
                .url
                .as_deref()
                .map(|url| canned_policy(url, *expires).into_bytes())),
            SignedPolicy::Custom { encoded } => {
                encoding::decode(encoded).map(Some).ok_or_else(|| {
                    Refusal::new(Reason::MalformedPolicy, "Policy is not CloudFront base64")
                })
            }
        }
    }

    /// What the request grants: the parsed policy (a canned one's resource
    /// is the request URL, unknown for cookies without a URL).
    pub fn grant(&self) -> Result<Policy, Refusal> {
        match &self.policy {
            SignedPolicy::Canned { expires } => Ok(Policy {
                resource: self.url.clone(),
                expires: *expires,
                not_before: None,
                ip_address: None,
            }),
            SignedPolicy::Custom { .. } => {
                let bytes = self.policy_bytes()?.unwrap_or_default();
                Policy::parse(&bytes)
                    .map_err(|e| Refusal::new(Reason::MalformedPolicy, e.message().to_string()))
            }
        }
    }
}

/// Whether a URL carries any of CloudFront's reserved parameters, which
/// makes CloudFront treat it as a signed URL and ignore cookies.
pub fn has_signing_parameters(url: &str) -> bool {
    !split_signing_parameters(url).signing_parameters.is_empty()
}

/// Takes a signed URL apart.
///
/// ```
/// use cloudfront_signer::verify::parse_signed_url;
/// let parsed = parse_signed_url("https://a.example/x?Expires=2000000000&Signature=AAAA&Key-Pair-Id=K1").unwrap();
/// assert!(parsed.is_canned());
/// assert_eq!(parsed.grant().unwrap().expires, 2000000000);
/// ```
pub fn parse_signed_url(url: &str) -> Result<SignedRequest, Refusal> {
    if url.len() > MAX_URL_BYTES {
        return Err(Refusal::oversized("the URL", MAX_URL_BYTES));
    }
    let split = split_signing_parameters(url);
    if split.signing_parameters.is_empty() {
        return Err(Refusal::new(
            Reason::MissingParameters,
            "the URL has no signing parameters (Expires or Policy, Signature, Key-Pair-Id)",
        ));
    }
    let mut fields = Fields::default();
    for (name, value) in &split.signing_parameters {
        fields.set(name, value, "parameter")?;
    }
    fields.into_request(Source::Url, Some(split.resource))
}

/// Takes a signed cookie set apart; `url` is the request URL (needed to
/// rebuild a canned policy), when known.
pub fn parse_signed_cookies(
    cookies: &[(String, String)],
    url: Option<&str>,
) -> Result<SignedRequest, Refusal> {
    let mut fields = Fields::default();
    let mut seen = Vec::new();
    for (name, value) in cookies {
        let parameter = match name.as_str() {
            COOKIE_EXPIRES => "Expires",
            COOKIE_POLICY => "Policy",
            COOKIE_SIGNATURE => "Signature",
            COOKIE_KEY_PAIR_ID => "Key-Pair-Id",
            COOKIE_HASH_ALGORITHM => "Hash-Algorithm",
            _ => continue,
        };
        if let Some((_, earlier)) = seen.iter().find(|(n, _): &&(&str, &str)| *n == parameter) {
            if earlier != value {
                return Err(Refusal::new(
                    Reason::MalformedParameters,
                    format!("the {name} cookie is sent twice with different values (set at two paths or domains?)"),
                ));
            }
            continue;
        }
        seen.push((parameter, value.as_str()));
        fields.set(parameter, value, "cookie")?;
    }
    if seen.is_empty() {
        return Err(Refusal::new(
            Reason::MissingParameters,
            "there are no CloudFront cookies (CloudFront-Policy or CloudFront-Expires, CloudFront-Signature, CloudFront-Key-Pair-Id)",
        ));
    }
    let url = url.map(|u| split_signing_parameters(u).resource);
    fields.into_request(Source::Cookies, url)
}

/// Splits a `Cookie` header into `(name, value)` pairs, in order.
///
/// ```
/// use cloudfront_signer::verify::parse_cookie_header;
/// assert_eq!(parse_cookie_header("a=1; b=2=3;c"), [("a".into(), "1".into()), ("b".into(), "2=3".into())]);
/// ```
pub fn parse_cookie_header(header: &str) -> Vec<(String, String)> {
    header
        .split(';')
        .filter_map(|pair| {
            let (name, value) = pair.split_once('=')?;
            let value = value.trim();
            let value = value
                .strip_prefix('"')
                .and_then(|v| v.strip_suffix('"'))
                .unwrap_or(value);
            Some((name.trim().to_string(), value.to_string()))
        })
        .collect()
}

#[derive(Default)]
struct Fields<'a> {
    expires: Option<&'a str>,
    policy: Option<&'a str>,
    signature: Option<&'a str>,
    key_pair_id: Option<&'a str>,
    hash_algorithm: Option<&'a str>,
}

impl<'a> Fields<'a> {
    fn set(&mut self, name: &str, value: &'a str, kind: &str) -> Result<(), Refusal> {
        let slot = match name {
            "Expires" => &mut self.expires,
            "Policy" => &mut self.policy,
            "Signature" => &mut self.signature,
            "Key-Pair-Id" => &mut self.key_pair_id,
            _ => &mut self.hash_algorithm,
        };
        if slot.is_some() {
            return Err(Refusal::new(
                Reason::MalformedParameters,
                format!("the {name} {kind} appears twice"),
            ));
        }
        *slot = Some(value);
        Ok(())
    }

    fn into_request(self, source: Source, url: Option<String>) -> Result<SignedRequest, Refusal> {
        let key_pair_id = match self.key_pair_id {
            Some(id) if !id.is_empty() => id.to_string(),
            _ => {
                return Err(Refusal::new(
                    Reason::MissingParameters,
                    "Key-Pair-Id is missing or empty",
                ))
            }
        };
        let signature = match self.signature {
            Some(text) if !text.is_empty() => encoding::decode(text).ok_or_else(|| {
                Refusal::new(
                    Reason::MalformedParameters,
                    "Signature is not CloudFront base64 (was it percent-encoded or cut short?)",
                )
            })?,
            _ => {
                return Err(Refusal::new(
                    Reason::MissingParameters,
                    "Signature is missing or empty",
                ))
            }
        };
        let hash_algorithm = match self.hash_algorithm {
            None => HashAlgorithm::Sha1,
            Some("SHA256") => HashAlgorithm::Sha256,
            Some(other) => {
                let shown: String = other.chars().take(20).collect();
                return Err(Refusal::new(
                    Reason::MalformedParameters,
                    format!("Hash-Algorithm is {shown:?}; CloudFront accepts only SHA256 (or no parameter for SHA-1)"),
                ));
            }
        };
        let policy = match (self.expires, self.policy) {
            (Some(_), Some(_)) => {
                return Err(Refusal::new(
                    Reason::MalformedParameters,
                    "both Expires and Policy are present; a signed request carries exactly one",
                ))
            }
            (None, None) => {
                return Err(Refusal::new(
                    Reason::MissingParameters,
                    "neither Expires nor Policy is present",
                ))
            }
            (Some(expires), None) => SignedPolicy::Canned {
                expires: expires
                    .parse::<i64>()
                    .ok()
                    .filter(|s| {
                        expires.bytes().all(|b| b.is_ascii_digit()) && *s <= i64::from(u32::MAX)
                    })
                    .ok_or_else(|| {
                        Refusal::new(
                            Reason::MalformedParameters,
                            "Expires is not a whole number of epoch seconds",
                        )
                    })?,
            },
            (None, Some(encoded)) => SignedPolicy::Custom {
                encoded: encoded.to_string(),
            },
        };
        Ok(SignedRequest {
            source,
            key_pair_id,
            hash_algorithm,
            policy,
            signature,
            url,
        })
    }
}
