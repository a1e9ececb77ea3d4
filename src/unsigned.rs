//! A URL or cookie set whose policy is chosen and checked, waiting only for
//! its signature (which may come from an asynchronous engine).

use crate::cookies::{
    SignedCookies, COOKIE_EXPIRES, COOKIE_HASH_ALGORITHM, COOKIE_KEY_PAIR_ID, COOKIE_POLICY,
    COOKIE_SIGNATURE,
};
use crate::encoding;
use crate::error::{fail, ErrorKind, Result};
use crate::hash::HashAlgorithm;
use crate::signer::{PolicyChoice, PolicyKind};
use crate::url::{append_parameters, MAX_URL_BYTES};

/// Everything of a signed URL or cookie set but the signature.
///
/// ```
/// use cloudfront_signer::{PrivateKey, SignOptions, Signer};
/// let key = PrivateKey::from_pem(include_str!("../tests/keys/ec-sec1.pem"), None).unwrap();
/// let signer = Signer::new(key, "K2JCJMDEHXQW5F").unwrap();
/// let unsigned = signer
///     .prepare_url("https://d111111abcdef8.cloudfront.net/a.txt", &SignOptions::expiring_at(2000000000))
///     .unwrap();
/// let signature = signer.key().sign(unsigned.hash_algorithm(), unsigned.message()).unwrap();
/// assert!(unsigned.into_url(&signature).unwrap().contains("&Key-Pair-Id=K2JCJMDEHXQW5F"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unsigned {
    target: String,
    choice: PolicyChoice,
    key_pair_id: String,
    hash: HashAlgorithm,
}

impl Unsigned {
    pub(crate) fn new(
        target: &str,
        choice: PolicyChoice,
        key_pair_id: &str,
        hash: HashAlgorithm,
    ) -> Self {
        Unsigned {
            target: target.to_string(),
            choice,
            key_pair_id: key_pair_id.to_string(),
            hash,
        }
    }

    /// The exact bytes to sign: the policy.
    pub fn message(&self) -> &[u8] {
        self.choice.json.as_bytes()
    }

    /// The hash the signature must be made with.
    pub fn hash_algorithm(&self) -> HashAlgorithm {
        self.hash
    }

    /// The signed URL: the URL byte-exact, then `Expires|Policy`,
    /// `Signature`, `Key-Pair-Id` and, for SHA-256, `Hash-Algorithm=SHA256`.
    pub fn into_url(self, signature: &[u8]) -> Result<String> {
        let signature = encoding::encode(signature);
        let value = self.policy_value();
        let mut parameters: Vec<(&str, &str)> = Vec::with_capacity(4);
        parameters.push(match self.choice.kind {
            PolicyKind::Canned => ("Expires", &value),
            PolicyKind::Custom => ("Policy", &value),
        });
        parameters.push(("Signature", &signature));
        parameters.push(("Key-Pair-Id", &self.key_pair_id));
        if self.hash == HashAlgorithm::Sha256 {
            parameters.push(("Hash-Algorithm", "SHA256"));
        }
        let signed = append_parameters(&self.target, &parameters);
        if signed.len() > MAX_URL_BYTES {
            return fail(
                ErrorKind::InputTooLarge,
                format!(
                    "the signed URL would be {} bytes; CloudFront accepts at most {MAX_URL_BYTES} (use a shorter URL or signed cookies)",
                    signed.len()
                ),
            );
        }
        Ok(signed)
    }

    /// The signed cookie set, in the order the cookies are set.
    pub fn into_cookies(self, signature: &[u8]) -> SignedCookies {
        let mut cookies = SignedCookies::default();
        let name = match self.choice.kind {
            PolicyKind::Canned => COOKIE_EXPIRES,
            PolicyKind::Custom => COOKIE_POLICY,
        };
        cookies.push(name, self.policy_value());
        cookies.push(COOKIE_SIGNATURE, encoding::encode(signature));
        cookies.push(COOKIE_KEY_PAIR_ID, self.key_pair_id);
        if self.hash == HashAlgorithm::Sha256 {
            cookies.push(COOKIE_HASH_ALGORITHM, "SHA256".to_string());
        }
        cookies
    }

    /// `Expires` for a canned policy, the encoded `Policy` for a custom one.
    fn policy_value(&self) -> String {
        match self.choice.kind {
            PolicyKind::Canned => self.choice.policy.expires.to_string(),
            PolicyKind::Custom => encoding::encode(self.choice.json.as_bytes()),
        }
    }
}
