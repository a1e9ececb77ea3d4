//! Properties of signing and verifying, over random URLs, time windows, IP
//! ranges, resources, keys and hashes:
//!
//! - whatever signs also verifies, as a URL and as cookies;
//! - any single-byte change to a signed URL (its signing parameters, or any
//!   byte at all for a canned policy, whose resource is the URL itself) or
//!   to any cookie name or value makes verification fail;
//! - what a signed URL or cookie set grants, read back without the key, is
//!   exactly what was signed.
//!
//! RSA signing is slow in debug builds, so RSA runs fewer cases than ECDSA.

use std::net::{IpAddr, Ipv4Addr};
use std::sync::LazyLock;

use cloudfront_signer::verify::{parse_signed_cookies, parse_signed_url, Verifier, VerifyOptions};
use cloudfront_signer::{
    ErrorKind, HashAlgorithm, Ipv4Cidr, Policy, PrivateKey, SignOptions, Signer,
};
use proptest::prelude::*;

const HOST: &str = "https://d111111abcdef8.cloudfront.net";
const NOW: i64 = 1_900_000_000;
const MAX_EXPIRES: i64 = 2_147_483_647;

/// One signer per key and hash, and a verifier that trusts both keys.
struct Keys {
    rsa: [Signer; 2],
    ec: [Signer; 2],
    verifier: Verifier,
}

static KEYS: LazyLock<Keys> = LazyLock::new(|| {
    let load = |name: &str| {
        let path = format!("{}/tests/keys/{name}", env!("CARGO_MANIFEST_DIR"));
        PrivateKey::from_bytes(&std::fs::read(path).unwrap(), None).unwrap()
    };
    let pair = |name: &str, id: &str| {
        [HashAlgorithm::Sha1, HashAlgorithm::Sha256].map(|hash| {
            Signer::new(load(name), id)
                .unwrap()
                .with_hash_algorithm(hash)
        })
    };
    let mut verifier = Verifier::new();
    verifier
        .add_key("KRSA", load("rsa-pkcs8.pem").public_key())
        .unwrap();
    verifier
        .add_key("KEC", load("ec-pkcs8.pem").public_key())
        .unwrap();
    Keys {
        rsa: pair("rsa-pkcs8.pem", "KRSA"),
        ec: pair("ec-pkcs8.pem", "KEC"),
        verifier,
    }
});

/// What to sign: a URL and the conditions of its policy.
#[derive(Debug, Clone)]
struct Case {
    url: String,
    expires: i64,
    not_before: Option<i64>,
    ip: Option<(Ipv4Addr, u8)>,
    wildcard: bool,
}

impl Case {
    fn options(&self) -> SignOptions {
        let mut options = SignOptions::expiring_at(self.expires);
        options.not_before = self.not_before;
        options.ip_address = self
            .ip
            .map(|(address, prefix)| format!("{address}/{prefix}").parse().unwrap());
        options
    }

    /// The resource a cookie set is signed for.
    fn resource(&self) -> String {
        if self.wildcard {
            format!("{HOST}/*")
        } else {
            self.url.clone()
        }
    }

    /// A check at `NOW`, from an address inside the range.
    fn check(&self) -> VerifyOptions {
        let client = self.ip.map_or(Ipv4Addr::new(192, 0, 2, 1), |(a, _)| a);
        VerifyOptions::at(NOW).with_client_ip(IpAddr::V4(client))
    }

    /// What the signature grants, for a URL request.
    fn grant(&self, resource: &str) -> Policy {
        Policy {
            resource: Some(resource.to_string()),
            expires: self.expires,
            not_before: self.not_before,
            ip_address: self.ip.map(|(address, prefix)| {
                format!("{address}/{prefix}").parse::<Ipv4Cidr>().unwrap()
            }),
        }
    }
}

/// URLs from the characters a URL may carry unencoded (`#` and `%` aside,
/// which `%41` stands for), always with a path.
fn cases() -> impl Strategy<Value = Case> {
    let text = "([a-zA-Z0-9._~!$&'()*+,;=:@/-]|%41){0,40}";
    (
        text,
        proptest::option::of(text),
        1..=MAX_EXPIRES - NOW,
        proptest::option::of(-NOW..NOW),
        proptest::option::of((any::<[u8; 4]>(), 0u8..=32)),
        any::<bool>(),
    )
        .prop_map(|(path, query, after, before, ip, wildcard)| {
            let mut url = format!("{HOST}/{path}");
            if let Some(query) = query {
                url = format!("{url}?{query}");
            }
            Case {
                url,
                expires: NOW + after,
                not_before: before,
                ip: ip.map(|(octets, prefix)| (Ipv4Addr::from(octets), prefix)),
                wildcard,
            }
        })
}

/// The one refusal the cases can meet: a start date before 1970, which
/// CloudFront cannot read (the fuzzer found it signed, then refused).
fn refused_before_1970(case: &Case, error: &cloudfront_signer::Error) -> Result<(), TestCaseError> {
    prop_assert!(case.not_before.is_some_and(|start| start < 0), "{error}");
    prop_assert_eq!(error.kind(), ErrorKind::InvalidDate);
    Ok(())
}

/// `text` with the byte at `at` replaced by a different ASCII byte.
fn mutated(text: &str, at: usize, to: u8) -> String {
    let mut bytes = text.as_bytes().to_vec();
    bytes[at] = if bytes[at] == to % 128 {
        (to + 1) % 128
    } else {
        to % 128
    };
    String::from_utf8(bytes).unwrap()
}

fn url_properties(signer: &Signer, case: &Case, at: usize, to: u8) -> Result<(), TestCaseError> {
    let verifier = &KEYS.verifier;
    let mut options = case.options();
    options.resource = case.wildcard.then(|| case.resource());
    let signed = match signer.sign_url(&case.url, &options) {
        Ok(signed) => signed,
        Err(error) => return refused_before_1970(case, &error),
    };
    let verification = verifier.verify_url(&signed, &case.check());
    prop_assert!(
        verification.is_valid(),
        "{signed}: {:?}",
        verification.refusal
    );

    let request = parse_signed_url(&signed).unwrap();
    let canned = request.is_canned();
    let resource = if case.wildcard {
        case.resource()
    } else {
        case.url.clone()
    };
    prop_assert_eq!(request.grant().unwrap(), case.grant(&resource));
    prop_assert_eq!(
        canned,
        !case.wildcard && case.not_before.is_none() && case.ip.is_none() && !case.url.contains('*')
    );

    // A canned policy covers every byte of the URL; a custom one covers its
    // signing parameters (the caller's part may match a wildcard, by design).
    let from = if canned { 0 } else { case.url.len() };
    let changed = mutated(&signed, from + at % (signed.len() - from), to);
    let verification = verifier.verify_url(&changed, &case.check());
    prop_assert!(!verification.is_valid(), "{changed} still verifies");
    Ok(())
}

fn cookie_properties(signer: &Signer, case: &Case, at: usize, to: u8) -> Result<(), TestCaseError> {
    let verifier = &KEYS.verifier;
    let cookies = match signer.sign_cookies(&case.resource(), &case.options()) {
        Ok(cookies) => cookies,
        Err(error) => return refused_before_1970(case, &error),
    };
    let jar: Vec<(String, String)> = cookies
        .iter()
        .map(|(name, value)| (name.to_string(), value.to_string()))
        .collect();
    let verification = verifier.verify_request(&case.url, &jar, &case.check());
    prop_assert!(
        verification.is_valid(),
        "{jar:?}: {:?}",
        verification.refusal
    );
    let grant = parse_signed_cookies(&jar, Some(&case.url))
        .unwrap()
        .grant()
        .unwrap();
    let resource = if case.wildcard {
        case.resource()
    } else {
        case.url.clone()
    };
    prop_assert_eq!(grant, case.grant(&resource));

    let mut changed = jar.clone();
    let mut parts: Vec<&mut String> = changed.iter_mut().flat_map(|(n, v)| [n, v]).collect();
    let total: usize = parts.iter().map(|part| part.len()).sum();
    let mut at = at % total;
    for part in parts.iter_mut() {
        if at < part.len() {
            **part = mutated(part, at, to);
            break;
        }
        at -= part.len();
    }
    let verification = verifier.verify_request(&case.url, &changed, &case.check());
    prop_assert!(!verification.is_valid(), "{changed:?} still verifies");
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn ecdsa_urls_verify_and_any_change_breaks_them(case in cases(), sha256: bool, at: usize, to: u8) {
        url_properties(&KEYS.ec[usize::from(sha256)], &case, at, to)?;
    }

    #[test]
    fn ecdsa_cookies_verify_and_any_change_breaks_them(case in cases(), sha256: bool, at: usize, to: u8) {
        cookie_properties(&KEYS.ec[usize::from(sha256)], &case, at, to)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn rsa_urls_verify_and_any_change_breaks_them(case in cases(), sha256: bool, at: usize, to: u8) {
        url_properties(&KEYS.rsa[usize::from(sha256)], &case, at, to)?;
    }

    #[test]
    fn rsa_cookies_verify_and_any_change_breaks_them(case in cases(), sha256: bool, at: usize, to: u8) {
        cookie_properties(&KEYS.rsa[usize::from(sha256)], &case, at, to)?;
    }
}
