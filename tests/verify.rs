//! Signing then verifying, and every way a request is refused.

use cloudfront_signer::verify::{
    parse_cookie_header, Reason, Verifier, VerifyOptions, WildcardMatching,
};
use cloudfront_signer::{HashAlgorithm, PrivateKey, SignOptions, Signer};

const HOST: &str = "https://d111111abcdef8.cloudfront.net";
const ID: &str = "K2JCJMDEHXQW5F";
const EXPIRES: i64 = 2_000_000_000;
const NOW: i64 = 1_900_000_000;

fn key(name: &str) -> PrivateKey {
    let pem = std::fs::read_to_string(format!("{}/tests/keys/{name}", env!("CARGO_MANIFEST_DIR")))
        .unwrap();
    PrivateKey::from_pem(&pem, None).unwrap()
}

fn setup(name: &str) -> (Signer, Verifier) {
    let private = key(name);
    let mut verifier = Verifier::new();
    verifier.add_key(ID, private.public_key()).unwrap();
    (Signer::new(private, ID).unwrap(), verifier)
}

fn reason(verifier: &Verifier, url: &str, options: &VerifyOptions) -> Option<Reason> {
    verifier.verify_url(url, options).refusal.map(|r| r.reason)
}

#[test]
fn signed_urls_verify_for_every_key_and_hash() {
    for name in ["rsa-pkcs8.pem", "ec-pkcs8.pem"] {
        for hash in [HashAlgorithm::Sha1, HashAlgorithm::Sha256] {
            let (signer, verifier) = setup(name);
            let signer = signer.with_hash_algorithm(hash);
            for options in [
                SignOptions::expiring_at(EXPIRES),
                SignOptions::expiring_at(EXPIRES)
                    .with_not_before(NOW - 10)
                    .with_ip_address("10.0.0.0/8".parse().unwrap()),
                SignOptions::expiring_at(EXPIRES).with_resource(format!("{HOST}/private/*")),
            ] {
                let url = signer
                    .sign_url(&format!("{HOST}/private/a.txt?x=1"), &options)
                    .unwrap();
                let check = VerifyOptions::at(NOW).with_client_ip("10.1.2.3".parse().unwrap());
                let verification = verifier.verify_url(&url, &check);
                assert!(
                    verification.is_valid(),
                    "{name} {hash}: {:?}",
                    verification.refusal
                );
                assert_eq!(verification.request.unwrap().hash_algorithm, hash);
            }
        }
    }
}

#[test]
fn every_single_character_change_is_refused() {
    // With ECDSA, the verifier's key verifies from its table of multiples
    // after the first URL.
    for name in ["rsa-pkcs8.pem", "ec-pkcs8.pem"] {
        every_single_character_change_is_refused_with(name);
    }
}

fn every_single_character_change_is_refused_with(name: &str) {
    let (signer, verifier) = setup(name);
    let options = VerifyOptions::at(NOW).with_client_ip("10.1.2.3".parse().unwrap());
    for sign_options in [
        SignOptions::expiring_at(EXPIRES),
        SignOptions::expiring_at(EXPIRES).with_ip_address("10.0.0.0/8".parse().unwrap()),
    ] {
        let url = signer
            .sign_url(&format!("{HOST}/private/a.txt?x=1"), &sign_options)
            .unwrap();
        assert!(verifier.verify_url(&url, &options).is_valid());
        for index in 0..url.len() {
            let mut bytes = url.clone().into_bytes();
            let original = bytes[index];
            bytes[index] = if original == b'0' { b'1' } else { b'0' };
            let tampered = String::from_utf8(bytes).unwrap();
            let verification = verifier.verify_url(&tampered, &options);
            assert!(
                !verification.is_valid(),
                "{name}: accepted a change at {index}: {tampered}"
            );
        }
    }
}

#[test]
fn tampering_gives_the_right_reason() {
    let (signer, verifier) = setup("rsa-pkcs8.pem");
    let now = VerifyOptions::at(NOW);
    let canned = signer
        .sign_url(
            &format!("{HOST}/a.txt?x=1"),
            &SignOptions::expiring_at(EXPIRES),
        )
        .unwrap();
    let custom = signer
        .sign_url(
            &format!("{HOST}/a.txt"),
            &SignOptions::expiring_at(EXPIRES).with_resource(format!("{HOST}/a*")),
        )
        .unwrap();
    let cases = [
        (
            canned.replace("Expires=2000000000", "Expires=2000000001"),
            Reason::SignatureMismatch,
        ),
        (canned.replace("a.txt", "b.txt"), Reason::SignatureMismatch),
        (canned.replace("x=1", "x=2"), Reason::SignatureMismatch),
        (
            canned.replace(&format!("Key-Pair-Id={ID}"), "Key-Pair-Id=KOTHER"),
            Reason::UnknownKeyPairId,
        ),
        (
            canned.replace(&format!("&Key-Pair-Id={ID}"), ""),
            Reason::MissingParameters,
        ),
        (
            canned.replace(&format!("Key-Pair-Id={ID}"), "Key-Pair-Id="),
            Reason::MissingParameters,
        ),
        (
            format!("{canned}&Hash-Algorithm=SHA256"),
            Reason::SignatureMismatch,
        ),
        (
            format!("{canned}&Hash-Algorithm=MD5"),
            Reason::MalformedParameters,
        ),
        (format!("{canned}&Expires=1"), Reason::MalformedParameters),
        (
            canned.replace("Expires=2000000000", "Expires=2e9"),
            Reason::MalformedParameters,
        ),
        (
            canned.replace("Signature=", "Signature=%7E"),
            Reason::MalformedParameters,
        ),
        (format!("{canned}&Policy=e30_"), Reason::MalformedParameters),
        (format!("{HOST}/a.txt?x=1"), Reason::MissingParameters),
        (custom.replace("/a.txt", "/b.txt"), Reason::ResourceMismatch),
        (
            custom.replace("Policy=ey", "Policy=ez"),
            Reason::SignatureMismatch,
        ),
        (
            custom.replace("Policy=", "Policy=!!"),
            Reason::MalformedPolicy,
        ),
    ];
    for (url, expected) in cases {
        assert_eq!(reason(&verifier, &url, &now), Some(expected), "{url}");
    }
    assert_eq!(
        reason(&verifier, &custom.replace("/a.txt", "/abc.txt"), &now),
        None
    );
}

#[test]
fn time_boundaries_are_exact_to_the_second() {
    let (signer, verifier) = setup("ec-pkcs8.pem");
    let url = signer
        .sign_url(
            &format!("{HOST}/a"),
            &SignOptions::expiring_at(EXPIRES).with_not_before(NOW),
        )
        .unwrap();
    assert_eq!(
        reason(&verifier, &url, &VerifyOptions::at(NOW - 1)),
        Some(Reason::NotYetValid)
    );
    assert_eq!(reason(&verifier, &url, &VerifyOptions::at(NOW)), None);
    assert_eq!(
        reason(&verifier, &url, &VerifyOptions::at(EXPIRES - 1)),
        None
    );
    assert_eq!(
        reason(&verifier, &url, &VerifyOptions::at(EXPIRES)),
        Some(Reason::Expired)
    );
    let lenient = |now| VerifyOptions {
        leeway_seconds: 30,
        ..VerifyOptions::at(now)
    };
    assert_eq!(reason(&verifier, &url, &lenient(NOW - 30)), None);
    assert_eq!(
        reason(&verifier, &url, &lenient(NOW - 31)),
        Some(Reason::NotYetValid)
    );
    assert_eq!(reason(&verifier, &url, &lenient(EXPIRES + 29)), None);
    assert_eq!(
        reason(&verifier, &url, &lenient(EXPIRES + 30)),
        Some(Reason::Expired)
    );
    let refusal = verifier
        .verify_url(&url, &VerifyOptions::at(EXPIRES + 180))
        .refusal
        .unwrap();
    assert_eq!(
        refusal.message,
        "expired 3 minutes ago, at 2033-05-18T03:33:20Z"
    );
}

#[test]
fn ip_conditions_match_at_the_cidr_edges() {
    let (signer, verifier) = setup("ec-pkcs8.pem");
    let url = signer
        .sign_url(
            &format!("{HOST}/a"),
            &SignOptions::expiring_at(EXPIRES).with_ip_address("192.168.1.77/24".parse().unwrap()),
        )
        .unwrap();
    let from = |ip: &str| {
        reason(
            &verifier,
            &url,
            &VerifyOptions::at(NOW).with_client_ip(ip.parse().unwrap()),
        )
    };
    assert_eq!(from("192.168.1.0"), None);
    assert_eq!(from("192.168.1.255"), None);
    assert_eq!(from("192.168.0.255"), Some(Reason::IpNotAllowed));
    assert_eq!(from("192.168.2.0"), Some(Reason::IpNotAllowed));
    assert_eq!(from("::ffff:192.168.1.1"), Some(Reason::IpNotAllowed));
    assert_eq!(
        reason(&verifier, &url, &VerifyOptions::at(NOW)),
        Some(Reason::IpNotAllowed)
    );
}

#[test]
fn sha256_can_be_required() {
    let (signer, verifier) = setup("rsa-pkcs8.pem");
    let strict = VerifyOptions {
        require_sha256: true,
        ..VerifyOptions::at(NOW)
    };
    let sha1 = signer
        .sign_url(&format!("{HOST}/a"), &SignOptions::expiring_at(EXPIRES))
        .unwrap();
    assert_eq!(
        reason(&verifier, &sha1, &strict),
        Some(Reason::HashAlgorithmNotAllowed)
    );
    let signer = signer.with_hash_algorithm(HashAlgorithm::Sha256);
    let sha256 = signer
        .sign_url(&format!("{HOST}/a"), &SignOptions::expiring_at(EXPIRES))
        .unwrap();
    assert_eq!(reason(&verifier, &sha256, &strict), None);
}

#[test]
fn cookies_verify_and_urls_take_precedence() {
    let (signer, verifier) = setup("rsa-pkcs8.pem");
    let now = VerifyOptions::at(NOW);
    let cookies = signer
        .sign_cookies(
            &format!("{HOST}/videos/*"),
            &SignOptions::expiring_at(EXPIRES),
        )
        .unwrap();
    let header: String = cookies
        .iter()
        .map(|(n, v)| format!("{n}={v}; "))
        .collect::<String>()
        + "session=abc";
    let jar = parse_cookie_header(&header);
    assert!(verifier
        .verify_request(&format!("{HOST}/videos/a.mp4?t=3"), &jar, &now)
        .is_valid());
    let outside = verifier.verify_request(&format!("{HOST}/images/a.jpg"), &jar, &now);
    assert_eq!(outside.refusal.unwrap().reason, Reason::ResourceMismatch);
    let with_param = verifier.verify_request(&format!("{HOST}/videos/a.mp4?Expires=1"), &jar, &now);
    assert_eq!(with_param.source.as_str(), "url");
    assert!(!with_param.is_valid());
    let canned = signer
        .sign_cookies(
            &format!("{HOST}/one.mp4"),
            &SignOptions::expiring_at(EXPIRES),
        )
        .unwrap();
    let jar: Vec<(String, String)> = canned
        .iter()
        .map(|(n, v)| (n.to_string(), v.to_string()))
        .collect();
    assert!(verifier
        .verify_request(&format!("{HOST}/one.mp4"), &jar, &now)
        .is_valid());
    assert_eq!(
        verifier
            .verify_request(&format!("{HOST}/two.mp4"), &jar, &now)
            .refusal
            .unwrap()
            .reason,
        Reason::SignatureMismatch
    );
    assert_eq!(
        verifier
            .verify_request(&format!("{HOST}/one.mp4"), &[], &now)
            .refusal
            .unwrap()
            .reason,
        Reason::MissingParameters
    );
}

#[test]
fn wildcard_modes_are_a_named_option() {
    let (signer, verifier) = setup("ec-pkcs8.pem");
    let cookies = signer
        .sign_cookies(&format!("{HOST}/a*b"), &SignOptions::expiring_at(EXPIRES))
        .unwrap();
    let jar: Vec<(String, String)> = cookies
        .iter()
        .map(|(n, v)| (n.to_string(), v.to_string()))
        .collect();
    let url = format!("{HOST}/a?b");
    let sections = VerifyOptions::at(NOW);
    let glob = VerifyOptions {
        wildcard_matching: WildcardMatching::Glob,
        ..VerifyOptions::at(NOW)
    };
    assert!(!verifier.verify_request(&url, &jar, &sections).is_valid());
    assert!(verifier.verify_request(&url, &jar, &glob).is_valid());
}

#[test]
fn one_statement_only() {
    let (signer, verifier) = setup("rsa-pkcs8.pem");
    let statement = format!(
        r#"{{"Resource":"{HOST}/*","Condition":{{"DateLessThan":{{"AWS:EpochTime":{EXPIRES}}}}}}}"#
    );
    let two = format!(r#"{{"Statement":[{statement},{statement}]}}"#);
    let signature =
        cloudfront_signer::encoding::encode(&signer.sign_policy(two.as_bytes()).unwrap());
    let url = format!(
        "{HOST}/a?Policy={}&Signature={signature}&Key-Pair-Id={ID}",
        cloudfront_signer::encoding::encode(two.as_bytes())
    );
    assert_eq!(
        reason(&verifier, &url, &VerifyOptions::at(NOW)),
        Some(Reason::MalformedPolicy)
    );
    let object_form = format!(r#"{{"Statement":{statement}}}"#);
    let signature =
        cloudfront_signer::encoding::encode(&signer.sign_policy(object_form.as_bytes()).unwrap());
    let url = format!(
        "{HOST}/a?Policy={}&Signature={signature}&Key-Pair-Id={ID}",
        cloudfront_signer::encoding::encode(object_form.as_bytes())
    );
    assert_eq!(reason(&verifier, &url, &VerifyOptions::at(NOW)), None);
}

#[test]
fn a_policy_key_given_twice_is_malformed_even_when_signed() {
    // Whichever `Resource` or `DateLessThan` a reader kept, one of them
    // would grant what the other does not: the verifier trusts neither.
    let (signer, verifier) = setup("rsa-pkcs8.pem");
    let condition = format!(r#""Condition":{{"DateLessThan":{{"AWS:EpochTime":{EXPIRES}}}}}"#);
    for policy in [
        format!(r#"{{"Statement":[{{"Resource":"{HOST}/a","Resource":"{HOST}/*",{condition}}}]}}"#),
        format!(
            r#"{{"Statement":[{{"Resource":"{HOST}/*","Condition":{{"DateLessThan":{{"AWS:EpochTime":{EXPIRES}}},"DateLessThan":{{"AWS:EpochTime":1}}}}}}]}}"#
        ),
    ] {
        let signature =
            cloudfront_signer::encoding::encode(&signer.sign_policy(policy.as_bytes()).unwrap());
        let url = format!(
            "{HOST}/a?Policy={}&Signature={signature}&Key-Pair-Id={ID}",
            cloudfront_signer::encoding::encode(policy.as_bytes())
        );
        assert_eq!(
            reason(&verifier, &url, &VerifyOptions::at(NOW)),
            Some(Reason::MalformedPolicy),
            "{policy}"
        );
    }
}
