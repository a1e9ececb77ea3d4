//! `Verifier`: evaluates signed URLs and cookies the way CloudFront does.

use std::collections::HashMap;
use std::net::IpAddr;

use super::reason::{Reason, Refusal};
use super::signed::{
    has_signing_parameters, parse_signed_cookies, parse_signed_url, SignedRequest, Source,
};
use super::wildcard::WildcardMatching;
use crate::error::{fail, ErrorKind, Result};
use crate::hash::HashAlgorithm;
use crate::key::PublicKey;
use crate::policy::Policy;
use crate::time::{describe_span, format_utc};

/// What a verification needs besides the request: the time, the client's
/// address, and the policy knobs.
///
/// ```
/// use cloudfront_signer::verify::VerifyOptions;
/// let options = VerifyOptions::at(1767290400).with_client_ip("203.0.113.7".parse().unwrap());
/// assert_eq!(options.leeway_seconds, 0);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct VerifyOptions {
    /// The current time, epoch seconds (the core never reads the clock).
    pub now: i64,
    /// The viewer's address, needed when a policy has an `IpAddress`.
    pub client_ip: Option<IpAddr>,
    /// Clock-skew tolerance applied to both ends of the time window.
    pub leeway_seconds: i64,
    /// Refuse SHA-1 signatures.
    pub require_sha256: bool,
    /// How resource wildcards are matched.
    pub wildcard_matching: WildcardMatching,
}

impl VerifyOptions {
    /// Options for a check at `now` (epoch seconds).
    pub fn at(now: i64) -> Self {
        VerifyOptions {
            now,
            ..VerifyOptions::default()
        }
    }

    /// Sets the client address.
    pub fn with_client_ip(mut self, client_ip: IpAddr) -> Self {
        self.client_ip = Some(client_ip);
        self
    }
}

/// The outcome of a verification: valid or refused with a reason, plus
/// everything that could be read from the request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verification {
    /// `None` when CloudFront would serve the request.
    pub refusal: Option<Refusal>,
    /// URL parameters or cookies (URL parameters win when any is present).
    pub source: Source,
    /// The signed request taken apart, when it could be.
    pub request: Option<SignedRequest>,
    /// What the policy grants, when it could be read.
    pub policy: Option<Policy>,
    /// The exact policy bytes the signature covers, when known.
    pub policy_json: Option<String>,
}

impl Verification {
    /// Whether CloudFront would serve the request.
    pub fn is_valid(&self) -> bool {
        self.refusal.is_none()
    }
}

/// A CloudFront-compatible verifier: trusted key-pair ids and their public keys.
///
/// ```
/// use cloudfront_signer::{PrivateKey, Signer, SignOptions};
/// use cloudfront_signer::verify::{Verifier, VerifyOptions};
/// let key = PrivateKey::from_pem(include_str!("../../tests/keys/ec-sec1.pem"), None).unwrap();
/// let mut verifier = Verifier::new();
/// verifier.add_key("K2JCJMDEHXQW5F", key.public_key()).unwrap();
/// let signer = Signer::new(key, "K2JCJMDEHXQW5F").unwrap();
/// let url = signer.sign_url("https://d111111abcdef8.cloudfront.net/a.txt", &SignOptions::expiring_at(2000000000)).unwrap();
/// assert!(verifier.verify_url(&url, &VerifyOptions::at(1900000000)).is_valid());
/// let expired = verifier.verify_url(&url, &VerifyOptions::at(2000000000));
/// assert_eq!(expired.refusal.unwrap().reason.code(), "EXPIRED");
/// ```
#[derive(Debug, Clone, Default)]
pub struct Verifier {
    keys: HashMap<String, PublicKey>,
}

impl Verifier {
    /// A verifier that trusts no key yet.
    pub fn new() -> Self {
        Verifier::default()
    }

    /// Trusts `key` under `key_pair_id`.
    pub fn add_key(&mut self, key_pair_id: &str, key: PublicKey) -> Result<()> {
        if key_pair_id.is_empty() {
            return fail(ErrorKind::InvalidKeyPairId, "a key-pair id cannot be empty");
        }
        self.keys.insert(key_pair_id.to_string(), key);
        Ok(())
    }

    /// The trusted key-pair ids.
    pub fn key_pair_ids(&self) -> impl Iterator<Item = &str> {
        self.keys.keys().map(String::as_str)
    }

    /// Verifies a signed URL (signing parameters in its query).
    pub fn verify_url(&self, url: &str, options: &VerifyOptions) -> Verification {
        self.evaluate(Source::Url, parse_signed_url(url), options)
    }

    /// Verifies a request by its URL and cookies, as CloudFront does: when
    /// the URL carries any reserved parameter it is checked as a signed URL
    /// and the cookies are ignored.
    pub fn verify_request(
        &self,
        url: &str,
        cookies: &[(String, String)],
        options: &VerifyOptions,
    ) -> Verification {
        if has_signing_parameters(url) {
            return self.verify_url(url, options);
        }
        self.evaluate(
            Source::Cookies,
            parse_signed_cookies(cookies, Some(url)),
            options,
        )
    }

    fn evaluate(
        &self,
        source: Source,
        parsed: std::result::Result<SignedRequest, Refusal>,
        options: &VerifyOptions,
    ) -> Verification {
        let request = match parsed {
            Ok(request) => request,
            Err(refusal) => {
                return Verification {
                    refusal: Some(refusal),
                    source,
                    request: None,
                    policy: None,
                    policy_json: None,
                }
            }
        };
        let policy_bytes = request.policy_bytes();
        let policy = request.grant().ok();
        let policy_json = match &policy_bytes {
            Ok(Some(bytes)) => Some(String::from_utf8_lossy(bytes).into_owned()),
            _ => None,
        };
        let refusal = self.check(&request, policy_bytes, options).err();
        Verification {
            refusal,
            source,
            request: Some(request),
            policy,
            policy_json,
        }
    }

    /// CloudFront's order: key, hash, policy bytes, signature, policy
    /// document, time, IP, resource.
    fn check(
        &self,
        request: &SignedRequest,
        policy_bytes: std::result::Result<Option<Vec<u8>>, Refusal>,
        options: &VerifyOptions,
    ) -> std::result::Result<(), Refusal> {
        let Some(key) = self.keys.get(&request.key_pair_id) else {
            let shown: String = request.key_pair_id.chars().take(40).collect();
            return Err(Refusal::new(
                Reason::UnknownKeyPairId,
                format!("key-pair id {shown:?} is not trusted (not in the key group)"),
            ));
        };
        if options.require_sha256 && request.hash_algorithm != HashAlgorithm::Sha256 {
            return Err(Refusal::new(
                Reason::HashAlgorithmNotAllowed,
                "the request is signed with SHA-1 but SHA-256 (Hash-Algorithm=SHA256) is required",
            ));
        }
        let bytes = policy_bytes?.unwrap_or_default();
        if !key.verify(request.hash_algorithm, &bytes, &request.signature) {
            let hint = if request.is_canned() {
                "the URL, its query or Expires changed after signing, or another key signed it"
            } else {
                "the policy changed after signing, or another key signed it"
            };
            return Err(Refusal::new(
                Reason::SignatureMismatch,
                format!(
                    "the {} signature does not match ({hint})",
                    request.hash_algorithm
                ),
            ));
        }
        let policy = request.grant()?;
        check_time(&policy, options)?;
        check_ip(&policy, options)?;
        if !request.is_canned() {
            check_resource(&policy, request.url.as_deref(), options)?;
        }
        Ok(())
    }
}

fn check_time(policy: &Policy, options: &VerifyOptions) -> std::result::Result<(), Refusal> {
    let now = options.now;
    let leeway = options.leeway_seconds.max(0);
    if now >= policy.expires.saturating_add(leeway) {
        return Err(Refusal::new(
            Reason::Expired,
            format!(
                "expired {} ago, at {}",
                describe_span(now - policy.expires),
                format_utc(policy.expires)
            ),
        ));
    }
    if let Some(start) = policy.not_before {
        if now.saturating_add(leeway) < start {
            return Err(Refusal::new(
                Reason::NotYetValid,
                format!(
                    "not valid until {} ({} from now)",
                    format_utc(start),
                    describe_span(start - now)
                ),
            ));
        }
    }
    Ok(())
}

fn check_ip(policy: &Policy, options: &VerifyOptions) -> std::result::Result<(), Refusal> {
    let Some(range) = &policy.ip_address else {
        return Ok(());
    };
    match options.client_ip {
        None => Err(Refusal::new(
            Reason::IpNotAllowed,
            format!("the policy only allows {range}, and no client IP was given to check"),
        )),
        Some(ip @ IpAddr::V6(_)) => Err(Refusal::new(
            Reason::IpNotAllowed,
            format!("the client {ip} is IPv6; the policy only allows {range} (CloudFront IP conditions are IPv4 only)"),
        )),
        Some(ip) if !range.contains(&ip) => Err(Refusal::new(
            Reason::IpNotAllowed,
            format!("the client {ip} is not in {range}"),
        )),
        Some(_) => Ok(()),
    }
}

fn check_resource(
    policy: &Policy,
    url: Option<&str>,
    options: &VerifyOptions,
) -> std::result::Result<(), Refusal> {
    let (Some(pattern), Some(url)) = (policy.resource.as_deref(), url) else {
        return Ok(());
    };
    if options.wildcard_matching.matches(pattern, url) {
        return Ok(());
    }
    let shown: String = url.chars().take(200).collect();
    Err(Refusal::new(
        Reason::ResourceMismatch,
        format!("{shown} does not match the policy's resource {pattern}"),
    ))
}
