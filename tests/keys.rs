//! Every key format loads, and every refused key says why.

use cloudfront_signer::{ErrorKind, HashAlgorithm, KeyType, PrivateKey, PublicKey};

fn key_file(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/tests/keys/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn passphrase() -> Vec<u8> {
    String::from_utf8(key_file("passphrase.txt"))
        .unwrap()
        .trim_end()
        .as_bytes()
        .to_vec()
}

fn load(name: &str) -> cloudfront_signer::Result<PrivateKey> {
    PrivateKey::from_bytes(&key_file(name), Some(&passphrase()))
}

#[test]
fn every_rsa_format_is_the_same_key() {
    let reference = load("rsa-pkcs1.pem").unwrap().public_key().to_pem();
    for name in [
        "rsa-pkcs1.der",
        "rsa-pkcs8.pem",
        "rsa-pkcs8.der",
        "rsa-pkcs8-encrypted.pem",
        "rsa-private.jwk.json",
    ] {
        let key = load(name).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(key.key_type(), KeyType::Rsa, "{name}");
        assert_eq!(key.bits(), 2048, "{name}");
        assert_eq!(key.public_key().to_pem(), reference, "{name}");
    }
    assert_eq!(
        String::from_utf8(key_file("rsa-public.pem")).unwrap(),
        reference
    );
    assert_eq!(load("rsa-1024.pem").unwrap().bits(), 1024);
}

#[test]
fn every_ec_format_is_the_same_key() {
    let reference = load("ec-sec1.pem").unwrap().public_key().to_pem();
    for name in [
        "ec-sec1.der",
        "ec-pkcs8.pem",
        "ec-pkcs8.der",
        "ec-pkcs8-encrypted.pem",
        "ec-private.jwk.json",
    ] {
        let key = load(name).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!((key.key_type(), key.bits()), (KeyType::Ec, 256), "{name}");
        assert_eq!(key.public_key().to_pem(), reference, "{name}");
    }
    assert_eq!(
        load("ec-sec1-with-params.pem").unwrap().key_type(),
        KeyType::Ec
    );
}

#[test]
fn ec_keys_encode_as_pkcs8_as_the_p256_crate_encodes_them() {
    use p256::pkcs8::{DecodePrivateKey, EncodePrivateKey};
    for name in ["ec-sec1.pem", "ec-private.jwk.json"] {
        let ours = load(name).unwrap().to_pkcs8_der().unwrap();
        let theirs = p256::SecretKey::from_pkcs8_der(&ours).unwrap();
        assert_eq!(
            &ours[..],
            theirs.to_pkcs8_der().unwrap().as_bytes(),
            "{name}"
        );
        assert_eq!(&ours[..], &key_file("ec-pkcs8.der")[..], "{name}");
    }
}

#[test]
fn every_pbes2_choice_openssl_writes_decrypts() {
    // `openssl pkcs8 -topk8 -v2 <cipher> -v2prf <prf>` and `-scrypt`.
    let reference = load("ec-pkcs8.pem").unwrap().public_key().to_pem();
    for name in [
        "ec-pkcs8-encrypted-sha1-aes192.pem",
        "ec-pkcs8-encrypted-sha224-aes128.pem",
        "ec-pkcs8-encrypted-sha384-aes256.pem",
        "ec-pkcs8-encrypted-sha512-aes256.pem",
        "ec-pkcs8-encrypted-scrypt.pem",
    ] {
        let key = load(name).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(key.public_key().to_pem(), reference, "{name}");
        let wrong = PrivateKey::from_bytes(&key_file(name), Some(b"Correct horse battery staple"));
        assert_eq!(
            wrong.unwrap_err().kind(),
            ErrorKind::WrongPassphrase,
            "{name}"
        );
    }
    // `openssl pkcs8 -topk8 -v1 PBE-SHA1-3DES`: named, with the command
    // that re-encrypts it.
    let legacy = load("ec-pkcs8-encrypted-pbes1.pem").unwrap_err();
    assert_eq!(legacy.kind(), ErrorKind::UnsupportedKey);
    assert!(
        legacy
            .message()
            .contains("PKCS#12 pbeWithSHAAnd3-KeyTripleDES-CBC"),
        "{legacy}"
    );
    assert!(
        legacy
            .message()
            .contains("openssl pkcs8 -topk8 -v2 aes-256-cbc"),
        "{legacy}"
    );
}

#[test]
fn pasted_keys_are_accepted() {
    let pem = String::from_utf8(key_file("rsa-pkcs8.pem")).unwrap();
    let reference = load("rsa-pkcs8.pem").unwrap().public_key().to_pem();
    let variants = [
        pem.replace('\n', "\\n"),
        pem.replace('\n', "\r\n"),
        pem.trim_end().to_string(),
        pem.lines().map(|l| format!("    {l}\n")).collect(),
        format!("\n\n{pem}\n\n"),
    ];
    for variant in variants {
        assert_eq!(
            PrivateKey::from_pem(&variant, None)
                .unwrap()
                .public_key()
                .to_pem(),
            reference
        );
    }
}

#[test]
fn public_keys_load_from_every_format() {
    for (name, key_type) in [
        ("rsa-public.pem", KeyType::Rsa),
        ("rsa-public.der", KeyType::Rsa),
        ("rsa-public.jwk.json", KeyType::Rsa),
        ("rsa-pkcs1.pem", KeyType::Rsa),
        ("ec-public.pem", KeyType::Ec),
        ("ec-public.der", KeyType::Ec),
        ("ec-public.jwk.json", KeyType::Ec),
        ("ec-sec1-with-params.pem", KeyType::Ec),
        ("ec-private.jwk.json", KeyType::Ec),
    ] {
        let key = PublicKey::from_bytes(&key_file(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(key.key_type(), key_type, "{name}");
    }
}

#[test]
fn signatures_verify_with_the_public_key() {
    for name in ["rsa-pkcs8.pem", "ec-pkcs8.pem"] {
        let key = load(name).unwrap();
        let public = PublicKey::from_bytes(&key_file(&name.replace("pkcs8", "public"))).unwrap();
        for hash in [HashAlgorithm::Sha1, HashAlgorithm::Sha256] {
            let signature = key.sign(hash, b"policy bytes").unwrap();
            assert!(
                public.verify(hash, b"policy bytes", &signature),
                "{name} {hash}"
            );
            assert!(
                !public.verify(hash, b"policy bytez", &signature),
                "{name} {hash}"
            );
            let other = if hash == HashAlgorithm::Sha1 {
                HashAlgorithm::Sha256
            } else {
                HashAlgorithm::Sha1
            };
            assert!(
                !public.verify(other, b"policy bytes", &signature),
                "{name} {hash}"
            );
        }
    }
}

#[test]
fn ecdsa_signatures_are_deterministic_der_with_low_s() {
    let key = load("ec-pkcs8.pem").unwrap();
    let first = key.sign(HashAlgorithm::Sha256, b"x").unwrap();
    assert_eq!(
        first,
        key.sign(HashAlgorithm::Sha256, b"x").unwrap(),
        "RFC 6979"
    );
    assert_eq!(first[0], 0x30, "DER SEQUENCE");
    assert!((70..=72).contains(&first.len()));
    let signature = p256::ecdsa::Signature::from_der(&first).unwrap();
    assert!(signature.normalize_s() == signature, "low-S");
}

/// RFC 6979 appendix A.2.5: P-256, SHA-256, message "sample". The RFC's
/// `s` is high, so the expected signature carries `n - s`.
const RFC6979_P256_JWK: &str =
    r#"{"kty":"EC","crv":"P-256","d":"ya-p2EW6dRZrXCFXZ7HWk05Qw9s26JsSe4piKxIPZyE"}"#;
const RFC6979_P256_SHA256_SAMPLE_DER: &str = "3045022100efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf371602200834e36ad29a83bf2bc9385e491d6099c8fdf9d1ed67aa7ea5f51f93782857a9";
/// That key's signature of the canned policy the JS engine tests sign
/// (checked with `openssl dgst -sha256 -verify`).
const RFC6979_P256_CANNED_DER: &str = "304402206ffd09e6ecbc7a29a53dbabda4e7fec59dad7c5419cdb3a5f2349e7ec494d512022042675e198ba8b3a14b8f1ffe8b36fa9bd9cdb580c28450d1c36e18a2cd56ad91";

#[test]
fn ecdsa_signatures_match_the_rfc_6979_vector() {
    let key = PrivateKey::from_jwk(RFC6979_P256_JWK).unwrap();
    let hex = |message: &[u8]| -> String {
        let signature = key.sign(HashAlgorithm::Sha256, message).unwrap();
        signature.iter().map(|b| format!("{b:02x}")).collect()
    };
    assert_eq!(hex(b"sample"), RFC6979_P256_SHA256_SAMPLE_DER);
    // The same key's signature of a canned policy, which the JS engine tests
    // expect from the wasm build too (32-bit limbs there, 64-bit here).
    let canned = br#"{"Statement":[{"Resource":"https://d111111abcdef8.cloudfront.net/a.txt?v=1","Condition":{"DateLessThan":{"AWS:EpochTime":2000000000}}}]}"#;
    assert_eq!(hex(canned), RFC6979_P256_CANNED_DER);
}

#[test]
fn refused_keys_say_why() {
    let cases = [
        ("ec-p384.pem", ErrorKind::UnsupportedKey, "P-384"),
        ("ec-p384-pkcs8.pem", ErrorKind::UnsupportedKey, "P-384"),
        ("ec-secp256k1.pem", ErrorKind::UnsupportedKey, "secp256k1"),
        ("ed25519.pem", ErrorKind::UnsupportedKey, "Ed25519"),
        ("rsa-pss.pem", ErrorKind::UnsupportedKey, "RSA-PSS"),
        (
            "rsa-legacy-encrypted.pem",
            ErrorKind::UnsupportedKey,
            "openssl pkcs8",
        ),
        ("rsa-public.pem", ErrorKind::InvalidKey, "public key"),
    ];
    for (name, kind, words) in cases {
        let err = load(name).unwrap_err();
        assert_eq!(err.kind(), kind, "{name}: {err}");
        assert!(err.message().contains(words), "{name}: {err}");
    }
    let encrypted = key_file("rsa-pkcs8-encrypted.pem");
    assert_eq!(
        PrivateKey::from_bytes(&encrypted, None).unwrap_err().kind(),
        ErrorKind::PassphraseRequired
    );
    assert_eq!(
        PrivateKey::from_bytes(&encrypted, Some(b"wrong"))
            .unwrap_err()
            .kind(),
        ErrorKind::WrongPassphrase
    );
    let jwk = r#"{"kty":"EC","crv":"P-384","d":"AA","x":"AA","y":"AA"}"#;
    assert!(PrivateKey::from_jwk(jwk)
        .unwrap_err()
        .message()
        .contains("P-384"));
}

#[test]
fn garbage_never_panics_and_never_echoes_key_material() {
    let pem = String::from_utf8(key_file("rsa-pkcs8.pem")).unwrap();
    let body_line = pem.lines().nth(3).unwrap();
    let mut inputs: Vec<Vec<u8>> = vec![
        vec![],
        b"{}".to_vec(),
        b"[]".to_vec(),
        vec![0x30],
        vec![0x30, 0x82, 0xff, 0xff],
        vec![0; 4096],
        pem.as_bytes()[..pem.len() / 2].to_vec(),
        pem.replace(body_line, &body_line.replace('A', "B"))
            .into_bytes(),
        key_file("rsa-pkcs8.der")[..600].to_vec(),
        br#"{"kty":"RSA","n":"AQAB","e":"AQAB","d":"AQAB","p":"Aw","q":"Aw"}"#.to_vec(),
        br#"{"kty":"EC","crv":"P-256","d":"_____________________________________________w"}"#
            .to_vec(),
        vec![b'A'; 70_000],
    ];
    let der = key_file("ec-pkcs8.der");
    for i in 0..der.len() {
        let mut flipped = der.clone();
        flipped[i] ^= 0x55;
        inputs.push(flipped);
    }
    for input in inputs {
        if let Err(err) = PrivateKey::from_bytes(&input, Some(b"x")) {
            assert!(!err.message().contains(body_line), "{err}");
            assert!(!err.message().contains(&body_line[..20]), "{err}");
        }
        let _ = PublicKey::from_bytes(&input);
    }
}

#[test]
fn jwk_members_are_read_strictly_and_unknown_ones_skipped() {
    const NOT_A_JWK: &str = "the JWK is not a JSON object whose kty, crv, n, e, d, p, q, x and y members are strings (each given once)";
    let d = "ya-p2EW6dRZrXCFXZ7HWk05Qw9s26JsSe4piKxIPZyE";
    let reference = PrivateKey::from_jwk(RFC6979_P256_JWK)
        .unwrap()
        .public_key()
        .to_pem();
    let same_key = |json: &str| {
        let key = PrivateKey::from_jwk(json).unwrap_or_else(|e| panic!("{json}: {e}"));
        assert_eq!(key.public_key().to_pem(), reference, "{json}");
    };
    // Members spelled with escapes, `null` members, and unknown members of
    // any kind, nested, huge or repeated.
    same_key(&format!(
        r#"{{"kty":"\u0045C","crv":"P\u002d256","d":"{}\u0045"}}"#,
        &d[..d.len() - 1]
    ));
    same_key(&format!(
        r#"{{"kty":"EC","crv":"P-256","n":null,"x":null,"d":"{d}"}}"#
    ));
    same_key(&format!(
        r#"{{"kty":"EC","use":"sig","use":1,"ext":true,"key_ops":["sign"],"z":{{"a":[[1e400,-0.5e-9,null]]}},"crv":"P-256","d":"{d}"}}"#
    ));
    let refused = |json: &str| PrivateKey::from_jwk(json).unwrap_err();
    for not_a_jwk in [
        // A member given twice, even when the first is null.
        format!(r#"{{"kty":"EC","kty":"EC","crv":"P-256","d":"{d}"}}"#),
        format!(r#"{{"kty":"EC","crv":"P-256","d":null,"d":"{d}"}}"#),
        format!(r#"{{"kty":"EC","crv":"P-256","d":"{d}","d":"{d}"}}"#),
        // A member it reads that is not a string.
        format!(r#"{{"kty":"EC","crv":5,"d":"{d}"}}"#),
        format!(r#"{{"kty":"EC","crv":"P-256","d":["{d}"]}}"#),
        format!(r#"{{"kty":"EC","crv":"P-256","x":{{}},"d":"{d}"}}"#),
        format!(r#"{{"kty":true,"crv":"P-256","d":"{d}"}}"#),
        // Not an object (serde_json also took an array of the members in
        // declaration order for a JWK).
        format!(r#"["EC","P-256",null,null,null,null,"{d}"]"#),
        format!(r#""{d}""#),
        "null".to_string(),
        "5".to_string(),
    ] {
        let error = refused(&not_a_jwk);
        assert_eq!(
            (error.kind(), error.message()),
            (ErrorKind::InvalidKey, NOT_A_JWK),
            "{not_a_jwk}"
        );
    }
    // Broken JSON: where, never what.
    for (broken, message) in [
        (
            format!(r#"{{"kty":"EC","crv":"P-256","d":"{d}""#),
            "the JWK is not valid JSON (expected ',' or '}' after an object member, but the input ends at line 1, column 76)",
        ),
        (
            format!("{{\n  \"kty\": \"EC\",\n  \"crv\": \"P-256\",\n  \"d\": \"{d}\\x\"\n}}"),
            "the JWK is not valid JSON (invalid escape in a string at line 4, column 52)",
        ),
        (
            format!(r#"{{"kty":"EC","crv":"P-256","d":"{d}\ud800"}}"#),
            "the JWK is not valid JSON (a leading surrogate escape is not followed by a trailing one at line 1, column 75)",
        ),
        (
            format!(r#"{{"kty":"EC","crv":"P-256","d":"{d}"}} {d}"#),
            "the JWK is not valid JSON (expected nothing more after the JSON value at line 1, column 78)",
        ),
    ] {
        let error = refused(&broken);
        assert_eq!(
            (error.kind(), error.message()),
            (ErrorKind::InvalidKey, message)
        );
        assert!(!error.message().contains(&d[..8]));
    }
    // Nesting deeper than the JSON reader's limit, in an unknown member.
    let deep = format!(
        r#"{{"z":{}{},"kty":"EC","crv":"P-256","d":"{d}"}}"#,
        "[".repeat(30_000),
        "]".repeat(30_000)
    );
    assert!(refused(&deep).message().contains("nest more than 127 deep"));
    assert!(PublicKey::from_bytes(deep.as_bytes()).is_err());
}
