//! `Signer`: a parsed private key, its key-pair id and a hash algorithm.

use std::fmt;

use crate::cookies::SignedCookies;
use crate::engine::SigningEngine;
use crate::error::{fail, Error, ErrorKind, Result};
use crate::hash::HashAlgorithm;
use crate::ip::Ipv4Cidr;
use crate::key::{KeyType, PrivateKey};
use crate::policy::{canned_policy, validate_expiry, Policy};
use crate::signing_key::SigningKey;
use crate::time::{describe_span, format_utc};
use crate::unsigned::Unsigned;
use crate::url::validate_url;

/// What to grant: the conditions of a signed URL or cookie set.
///
/// ```
/// use cloudfront_signer::SignOptions;
/// let options = SignOptions::expiring_at(1767290400).with_not_before(1767200000);
/// assert_eq!(options.not_before, Some(1767200000));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SignOptions {
    /// `DateLessThan`, epoch seconds. Required unless `policy` is given.
    pub expires: Option<i64>,
    /// `DateGreaterThan`, epoch seconds.
    pub not_before: Option<i64>,
    /// `IpAddress`: one IPv4 address or CIDR range.
    pub ip_address: Option<Ipv4Cidr>,
    /// A resource pattern that differs from the URL (may hold `*` and `?`).
    pub resource: Option<String>,
    /// A complete policy JSON to sign verbatim instead of building one.
    pub policy: Option<String>,
    /// The current time, epoch seconds; when given, expiries in the past are refused.
    pub now: Option<i64>,
}

impl SignOptions {
    /// Options that grant access until `expires` (epoch seconds).
    pub fn expiring_at(expires: i64) -> Self {
        SignOptions {
            expires: Some(expires),
            ..SignOptions::default()
        }
    }

    /// Adds a start date (epoch seconds).
    pub fn with_not_before(mut self, not_before: i64) -> Self {
        self.not_before = Some(not_before);
        self
    }

    /// Adds an IPv4 address or CIDR condition.
    pub fn with_ip_address(mut self, ip_address: Ipv4Cidr) -> Self {
        self.ip_address = Some(ip_address);
        self
    }

    /// Grants a resource pattern instead of the URL itself.
    pub fn with_resource(mut self, resource: impl Into<String>) -> Self {
        self.resource = Some(resource.into());
        self
    }

    /// Sets the current time, so that expiries in the past are refused.
    pub fn with_now(mut self, now: i64) -> Self {
        self.now = Some(now);
        self
    }
}

/// Which kind of policy was signed, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PolicyKind {
    /// Only an expiry, for exactly the URL: CloudFront rebuilds the policy.
    Canned,
    /// A `Policy` travels with the URL or cookies.
    Custom,
}

/// A policy ready to be signed: its exact bytes and what it says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyChoice {
    /// Canned or custom.
    pub kind: PolicyKind,
    /// Why that kind was chosen, in words.
    pub reason: &'static str,
    /// The exact JSON bytes that are signed.
    pub json: String,
    /// What the policy grants.
    pub policy: Policy,
}

impl PolicyChoice {
    /// Chooses canned or custom by the AWS CLI's rule and builds the bytes:
    /// custom as soon as there is a start date, an IP condition, a `*` or a
    /// resource that differs from `url`; a caller's policy is taken verbatim.
    ///
    /// ```
    /// use cloudfront_signer::{PolicyChoice, PolicyKind, SignOptions};
    /// let url = "https://d111111abcdef8.cloudfront.net/image.jpg";
    /// let choice = PolicyChoice::build(url, &SignOptions::expiring_at(1767290400)).unwrap();
    /// assert_eq!(choice.kind, PolicyKind::Canned);
    /// let wildcard = SignOptions::expiring_at(1767290400).with_resource("https://d111111abcdef8.cloudfront.net/*");
    /// assert_eq!(PolicyChoice::build(url, &wildcard).unwrap().kind, PolicyKind::Custom);
    /// ```
    pub fn build(url: &str, options: &SignOptions) -> Result<PolicyChoice> {
        if let Some(json) = &options.policy {
            if options.expires.is_some()
                || options.not_before.is_some()
                || options.ip_address.is_some()
                || options.resource.is_some()
            {
                return fail(
                    ErrorKind::InvalidArgument,
                    "a policy cannot be combined with expires, notBefore, ipAddress or resource; put those conditions in the policy",
                );
            }
            let policy = Policy::parse(json.as_bytes())?;
            check_not_expired(policy.expires, options.now)?;
            return Ok(PolicyChoice {
                kind: PolicyKind::Custom,
                reason: "a policy document was supplied and is signed verbatim",
                json: json.clone(),
                policy,
            });
        }
        let Some(expires) = options.expires else {
            return fail(
                ErrorKind::InvalidDate,
                "an expiry is required: pass expires (a Date, an ISO-8601 string or epoch seconds)",
            );
        };
        let resource = options.resource.clone().unwrap_or_else(|| url.to_string());
        let policy = Policy {
            resource: Some(resource.clone()),
            expires,
            not_before: options.not_before,
            ip_address: options.ip_address,
        };
        policy.validate_for_signing()?;
        validate_expiry(expires)?;
        check_not_expired(expires, options.now)?;
        let reason = if options.not_before.is_some() {
            "custom: a start date (notBefore) needs a custom policy"
        } else if options.ip_address.is_some() {
            "custom: an IP condition needs a custom policy"
        } else if resource.contains('*') {
            "custom: a wildcard resource needs a custom policy"
        } else if resource != url {
            "custom: the resource differs from the URL"
        } else {
            "canned: only an expiry, for exactly this URL"
        };
        let (kind, json) = if policy.is_cannable() && resource == url {
            (PolicyKind::Canned, canned_policy(&resource, expires))
        } else {
            (PolicyKind::Custom, policy.to_json())
        };
        Ok(PolicyChoice {
            kind,
            reason,
            json,
            policy,
        })
    }
}

fn check_not_expired(expires: i64, now: Option<i64>) -> Result<()> {
    match now {
        Some(now) if expires <= now => fail(
            ErrorKind::InvalidDate,
            format!(
                "expires ({}) is in the past ({} ago); pick a later date",
                format_utc(expires),
                describe_span(now - expires)
            ),
        ),
        _ => Ok(()),
    }
}

/// A CloudFront signer: a private key parsed once, its key-pair id (the
/// public key's id in the key group) and the hash algorithm.
///
/// ```
/// use cloudfront_signer::{PrivateKey, Signer, SignOptions};
/// let key = PrivateKey::from_pem(include_str!("../tests/keys/ec-sec1.pem"), None).unwrap();
/// let signer = Signer::new(key, "K2JCJMDEHXQW5F").unwrap();
/// let url = signer
///     .sign_url("https://d111111abcdef8.cloudfront.net/image.jpg", &SignOptions::expiring_at(1767290400))
///     .unwrap();
/// assert!(url.starts_with("https://d111111abcdef8.cloudfront.net/image.jpg?Expires=1767290400&Signature="));
/// assert!(url.ends_with("&Key-Pair-Id=K2JCJMDEHXQW5F&Hash-Algorithm=SHA256"));
/// ```
pub struct Signer {
    key: SigningKey,
    key_pair_id: String,
    hash: HashAlgorithm,
}

impl Signer {
    /// A signer for `key` under `key_pair_id`, with the key's default hash
    /// (SHA-1 for RSA, SHA-256 for ECDSA).
    pub fn new(key: PrivateKey, key_pair_id: &str) -> Result<Self> {
        validate_key_pair_id(key_pair_id)?;
        Ok(Signer {
            hash: key.default_hash(),
            key: SigningKey::new(key),
            key_pair_id: key_pair_id.to_string(),
        })
    }

    /// Hands the private-key operation to `engine`, after a one-time self
    /// check under the signer's hash (see [`SigningKey::with_engine`]). An
    /// engine that fails is dropped; `engine_name` tells.
    pub fn with_engine(mut self, engine: Box<dyn SigningEngine>) -> Self {
        self.key = self.key.with_engine(engine, self.hash);
        self
    }

    /// Where signatures are made: `"node"`, `"wasm"` or `"native"`.
    pub fn engine_name(&self) -> &'static str {
        self.key.engine_name()
    }

    /// Overrides the hash algorithm (an engine is checked again for it).
    pub fn with_hash_algorithm(mut self, hash: HashAlgorithm) -> Self {
        self.hash = hash;
        self.key = self.key.rechecked(hash);
        self
    }

    /// The key-pair id.
    pub fn key_pair_id(&self) -> &str {
        &self.key_pair_id
    }

    /// The hash algorithm signatures are made with.
    pub fn hash_algorithm(&self) -> HashAlgorithm {
        self.hash
    }

    /// The private key.
    pub fn key(&self) -> &PrivateKey {
        self.key.key()
    }

    /// Signs `url` byte-exact and appends `Expires|Policy`, `Signature`,
    /// `Key-Pair-Id` and, for SHA-256, `Hash-Algorithm=SHA256`.
    pub fn sign_url(&self, url: &str, options: &SignOptions) -> Result<String> {
        let unsigned = self.prepare_url(url, options)?;
        let signature = self.sign_policy(unsigned.message())?;
        unsigned.into_url(&signature)
    }

    /// Signs cookies for `resource` (which may hold `*` and `?` wildcards).
    ///
    /// A canned cookie set covers only the exact URL given; use a wildcard
    /// resource to cover many files.
    pub fn sign_cookies(&self, resource: &str, options: &SignOptions) -> Result<SignedCookies> {
        let unsigned = self.prepare_cookies(resource, options)?;
        let signature = self.sign_policy(unsigned.message())?;
        Ok(unsigned.into_cookies(&signature))
    }

    /// Validates `url`, chooses and builds the policy: everything of
    /// [`sign_url`](Self::sign_url) but the signature.
    pub fn prepare_url(&self, url: &str, options: &SignOptions) -> Result<Unsigned> {
        validate_url(url)?;
        let choice = PolicyChoice::build(url, options)?;
        Ok(Unsigned::new(url, choice, &self.key_pair_id, self.hash))
    }

    /// Everything of [`sign_cookies`](Self::sign_cookies) but the signature.
    pub fn prepare_cookies(&self, resource: &str, options: &SignOptions) -> Result<Unsigned> {
        if options.resource.is_some() {
            return fail(
                ErrorKind::InvalidArgument,
                "signCookies takes the resource as its first argument, not as an option",
            );
        }
        let choice = PolicyChoice::build(resource, options)?;
        if choice.kind == PolicyKind::Canned {
            validate_url(resource)?;
        }
        Ok(Unsigned::new(
            resource,
            choice,
            &self.key_pair_id,
            self.hash,
        ))
    }

    /// Signs exact policy bytes (with the engine, or this crate's own code)
    /// and returns the raw signature.
    pub fn sign_policy(&self, policy_json: &[u8]) -> Result<Vec<u8>> {
        self.key.sign(self.hash, policy_json)
    }
}

impl fmt::Debug for Signer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Signer")
            .field("key", &self.key)
            .field("key_pair_id", &self.key_pair_id)
            .field("hash", &self.hash)
            .finish()
    }
}

/// Key-pair ids are public key ids (`K2JCJMDEHXQW5F`) or legacy `APKA…` ids:
/// letters and digits only.
fn validate_key_pair_id(id: &str) -> Result<()> {
    if id.is_empty() || id.len() > 128 || !id.bytes().all(|b| b.is_ascii_alphanumeric()) {
        let shown: String = id.chars().take(40).collect();
        return Err(Error::new(
            ErrorKind::InvalidKeyPairId,
            format!("key-pair id {shown:?} is not valid; use the public key's ID from the CloudFront key group (letters and digits, like K2JCJMDEHXQW5F)"),
        ));
    }
    Ok(())
}

impl KeyType {
    /// Whether CloudFront key groups take this key size (RSA-2048, P-256).
    pub fn is_key_group_size(self, bits: u32) -> bool {
        match self {
            KeyType::Rsa => bits == 2048,
            KeyType::Ec => bits == 256,
        }
    }
}
