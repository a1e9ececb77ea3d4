//! Whole-function cases taken from the behaviour of
//! `@aws-sdk/cloudfront-signer` 3.1166.0 (the JS tests cross-check every
//! output against the package itself, with real keys).

use super::*;

const EXP_MS: f64 = 1_893_456_000_000.0;

/// A signer that records what it was given and returns fixed bytes.
fn fake_sign(hash: HashAlgorithm, bytes: &[u8]) -> Result<Vec<u8>, CompatError> {
    let mut out = match hash {
        HashAlgorithm::Sha1 => b"sha1:".to_vec(),
        HashAlgorithm::Sha256 => b"sha256:".to_vec(),
    };
    out.extend_from_slice(&bytes[..bytes.len().min(4)]);
    Ok(out)
}

fn sig(hash: HashAlgorithm, policy: &str) -> String {
    encoding::encode(&fake_sign(hash, policy.as_bytes()).unwrap())
}

fn input(url: &str) -> SignInput {
    SignInput {
        url: UrlArg::Text(url.into()),
        key_pair_id: KeyPairIdArg::Text("K2JCJMDEHXQW5F".into()),
        date_less_than: DateArg::Millis(EXP_MS),
        ..SignInput::default()
    }
}

fn url(input: &SignInput) -> Result<String, CompatError> {
    get_signed_url(input, fake_sign).map(|u| u.to_string())
}

fn canned(resource: &str, expires: i64) -> String {
    format!(
        r#"{{"Statement":[{{"Resource":"{resource}","Condition":{{"DateLessThan":{{"AWS:EpochTime":{expires}}}}}}}]}}"#
    )
}

#[test]
fn canned_url_rewrites_and_signs_the_rewritten_url() {
    for (given, rewritten) in [
        (
            "https://d.cloudfront.net/a b/c d.jpg",
            "https://d.cloudfront.net/a%20b/c%20d.jpg",
        ),
        (
            "https://d.cloudfront.net/a.jpg?q=a b+c%20d",
            "https://d.cloudfront.net/a.jpg?q=a%20b+c%20d",
        ),
        (
            "https://d.cloudfront.net/a.jpg#frag",
            "https://d.cloudfront.net/a.jpg%23frag",
        ),
        (
            "https://d.cloudfront.net/videos/*",
            "https://d.cloudfront.net/videos/*",
        ),
    ] {
        let policy = canned(rewritten, 1_893_456_000);
        let separator = if rewritten.contains('?') { '&' } else { '?' };
        assert_eq!(
            url(&input(given)).unwrap(),
            format!(
                "{rewritten}{separator}Expires=1893456000&Key-Pair-Id=K2JCJMDEHXQW5F&Signature={}",
                sig(HashAlgorithm::Sha1, &policy)
            ),
            "{given}"
        );
    }
}

#[test]
fn custom_url_with_every_condition_and_sha256() {
    let mut options = input("https://d.net/a?x=1");
    options.date_greater_than = DateArg::Millis(1_861_920_000_000.0);
    options.ip_address = IpArg::Text("1.2.3.4".into());
    options.algorithm = HashAlgorithm::Sha256;
    let policy = r#"{"Statement":[{"Resource":"https://d.net/a?x=1","Condition":{"DateLessThan":{"AWS:EpochTime":1893456000},"DateGreaterThan":{"AWS:EpochTime":1861920000},"IpAddress":{"AWS:SourceIp":"1.2.3.4/32"}}}]}"#;
    assert_eq!(
        url(&options).unwrap(),
        format!(
            "https://d.net/a?x=1&Policy={}&Key-Pair-Id=K2JCJMDEHXQW5F&Signature={}&Hash-Algorithm=SHA256",
            encoding::encode(policy.as_bytes()),
            sig(HashAlgorithm::Sha256, policy)
        )
    );
}

#[test]
fn key_pair_id_is_dropped_or_encoded() {
    let mut options = input("https://d.net/a");
    options.key_pair_id = KeyPairIdArg::Undefined;
    assert!(url(&options)
        .unwrap()
        .starts_with("https://d.net/a?Expires=1893456000&Signature="));
    options.key_pair_id = KeyPairIdArg::Text("K a!'()*/+=".into());
    assert!(url(&options)
        .unwrap()
        .contains("&Key-Pair-Id=K%20a%21%27%28%29%2A%2F%2B%3D&Signature="));
    options.key_pair_id = KeyPairIdArg::Text(JsText::from_units(vec![0x61, 0xD800]));
    let error = url(&options).unwrap_err();
    assert_eq!(
        (error.class(), error.message()),
        (ErrorClass::UriError, "URI malformed")
    );
}

#[test]
fn errors_in_the_aws_order() {
    let message = |options: &SignInput| url(options).unwrap_err().message().to_string();
    assert_eq!(
        message(&SignInput::default()),
        "@aws-sdk/cloudfront-signer: Please provide 'url' or 'policy'."
    );
    let mut options = input("ftp://d.net/a");
    options.date_less_than = DateArg::Millis(f64::NAN);
    assert_eq!(
        message(&options),
        "Invalid URI scheme. Scheme must be one of http, https, or rtmp"
    );
    let mut options = input("https://d.net/a");
    options.date_less_than = DateArg::Millis(f64::NAN);
    options.ip_address = IpArg::Text("x".into());
    assert_eq!(
        message(&options),
        "dateLessThan is invalid. Ensure the date value is compatible with the Date constructor."
    );
    let mut options = input("ftp://d.net/a");
    options.date_less_than = DateArg::Absent;
    assert_eq!(message(&options), "Invalid policy");
    let mut options = input("https://d.net/a");
    options.ip_address = IpArg::Text("1.2.3".into());
    assert_eq!(
        message(&options),
        "IP address \"1.2.3\" is invalid due to IP does not contain four octets.."
    );
    options.ip_address = IpArg::NotAString(Ok("1234".into()));
    assert_eq!(
        message(&options),
        "IP address \"1234\" is invalid due to cidrStr.split is not a function."
    );
    let options = SignInput {
        url: UrlArg::NotAString,
        ..input("")
    };
    assert_eq!(message(&options), "url.indexOf is not a function");
}

#[test]
fn dates_round_and_zero_is_absent() {
    let expires = |millis: f64| {
        let mut options = input("https://d.net/a");
        options.date_less_than = DateArg::Millis(millis);
        url(&options).map(|u| {
            u.split("Expires=")
                .nth(1)
                .unwrap()
                .split('&')
                .next()
                .unwrap()
                .to_string()
        })
    };
    assert_eq!(expires(1499.0).unwrap(), "1");
    assert_eq!(expires(1500.0).unwrap(), "2");
    assert_eq!(expires(-1500.0).unwrap(), "-1");
    assert_eq!(expires(-2500.0).unwrap(), "-2");
    assert_eq!(
        expires(1_893_456_000.0).unwrap(),
        "1893456",
        "seconds are read as milliseconds"
    );
    assert!(expires(499.0).is_err());
    let mut options = input("https://d.net/a");
    options.date_greater_than = DateArg::Millis(499.0);
    assert!(
        url(&options).unwrap().contains("?Expires="),
        "a start that rounds to 0 is dropped"
    );
    options.date_greater_than = DateArg::Millis(f64::NAN);
    assert!(
        url(&options).unwrap().contains("?Expires="),
        "an invalid start is dropped"
    );
}

#[test]
fn policy_option_is_signed_verbatim() {
    let policy = r#"{"Statement":[{"Resource":"*://d.net/a b?x=1 2"}]}"#;
    let options = SignInput {
        policy: PolicyArg::Text(policy.into()),
        key_pair_id: KeyPairIdArg::Text("K".into()),
        date_less_than: DateArg::Failed(CompatError::type_error(ErrorKind::InvalidDate, "ignored")),
        ip_address: IpArg::Text("garbage".into()),
        ..SignInput::default()
    };
    assert_eq!(
        url(&options).unwrap(),
        format!(
            "https://d.net/a b?x=1 2&Policy={}&Key-Pair-Id=K&Signature={}",
            encoding::encode(policy.as_bytes()),
            sig(HashAlgorithm::Sha1, policy)
        )
    );
    let scheme_less = SignInput {
        policy: PolicyArg::Text(r#"{"Statement":[{"Resource":"*"}]}"#.into()),
        ..SignInput::default()
    };
    let mut signed = false;
    let error = get_signed_url(&scheme_less, |hash, bytes| {
        signed = true;
        fake_sign(hash, bytes)
    })
    .unwrap_err();
    assert!(signed, "the scheme is checked after signing in policy mode");
    assert_eq!(error.code(), "ERR_INVALID_URL");
}

#[test]
fn cookies_sign_the_url_as_given() {
    let options = SignInput {
        url: UrlArg::Text("https://d.net/café %zz/\"x\"?a=b c".into()),
        date_less_than: DateArg::Millis(EXP_MS),
        ..SignInput::default()
    };
    let policy = r#"{"Statement":[{"Resource":"https://d.net/café %zz/\"x\"?a=b c","Condition":{"DateLessThan":{"AWS:EpochTime":1893456000}}}]}"#;
    assert_eq!(
        get_signed_cookies(&options, fake_sign).unwrap(),
        CookieValues {
            signature: sig(HashAlgorithm::Sha1, policy),
            expires: Some(1_893_456_000),
            policy: None,
            hash_algorithm: None,
        }
    );
    let custom = SignInput {
        ip_address: IpArg::Text("1.2.3.4/24".into()),
        algorithm: HashAlgorithm::Sha256,
        ..options.clone()
    };
    let values = get_signed_cookies(&custom, fake_sign).unwrap();
    assert!(values.policy.is_some() && values.expires.is_none());
    assert_eq!(values.hash_algorithm, Some("SHA256"));
    let no_url = SignInput {
        url: UrlArg::Absent,
        ..options.clone()
    };
    assert_eq!(
        get_signed_cookies(&no_url, fake_sign)
            .unwrap_err()
            .message(),
        "Invalid policy"
    );
    let with_policy = SignInput {
        url: UrlArg::NotAString,
        policy: PolicyArg::Bytes {
            signed: b"hi".to_vec(),
            buffer: Vec::new(),
        },
        ..SignInput::default()
    };
    let values = get_signed_cookies(&with_policy, fake_sign).unwrap();
    assert_eq!(
        values.policy, None,
        "an empty Buffer.from(value) leaves the cookie out"
    );
}
