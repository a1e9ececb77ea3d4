//! Policies: the exact JSON bytes CloudFront signs and checks.

use crate::error::{fail, Error, ErrorKind, Result};
use crate::ip::Ipv4Cidr;
use crate::json::{self, Member, Value};
use crate::time::MAX_EPOCH_SECONDS;

/// The largest policy document accepted, in bytes. A policy travels in a
/// URL (at most 8,192 bytes at CloudFront) or a cookie (about 4 KB).
pub const MAX_POLICY_BYTES: usize = 8192;

/// One CloudFront policy statement: what is granted, until when, from where.
///
/// ```
/// use cloudfront_signer::Policy;
/// let policy = Policy::new("https://d111111abcdef8.cloudfront.net/*", 1767290400)
///     .with_ip_address("10.0.0.0/8".parse().unwrap());
/// assert_eq!(
///     policy.to_json(),
///     r#"{"Statement":[{"Resource":"https://d111111abcdef8.cloudfront.net/*","Condition":{"DateLessThan":{"AWS:EpochTime":1767290400},"IpAddress":{"AWS:SourceIp":"10.0.0.0/8"}}}]}"#
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Policy {
    /// The URL pattern granted, with `*` and `?` wildcards. `None` only for a
    /// parsed policy that has no `Resource` (it grants every file).
    pub resource: Option<String>,
    /// `DateLessThan`: access ends at this epoch second.
    pub expires: i64,
    /// `DateGreaterThan`: access starts at this epoch second.
    pub not_before: Option<i64>,
    /// `IpAddress`: the viewer must connect from this range.
    pub ip_address: Option<Ipv4Cidr>,
}

impl Policy {
    /// A policy for `resource` that expires at `expires` (epoch seconds).
    pub fn new(resource: impl Into<String>, expires: i64) -> Self {
        Policy {
            resource: Some(resource.into()),
            expires,
            not_before: None,
            ip_address: None,
        }
    }

    /// Adds a `DateGreaterThan` condition.
    pub fn with_not_before(mut self, not_before: i64) -> Self {
        self.not_before = Some(not_before);
        self
    }

    /// Adds an `IpAddress` condition.
    pub fn with_ip_address(mut self, ip_address: Ipv4Cidr) -> Self {
        self.ip_address = Some(ip_address);
        self
    }

    /// Whether CloudFront could check this policy as a canned one: no start
    /// date, no IP, and a resource that is the request URL itself.
    pub fn is_cannable(&self) -> bool {
        self.not_before.is_none()
            && self.ip_address.is_none()
            && self.resource.as_deref().is_some_and(|r| !r.contains('*'))
    }

    /// The custom policy JSON, compact, in botocore's order:
    /// `DateLessThan`, `IpAddress`, `DateGreaterThan`.
    pub fn to_json(&self) -> String {
        let mut json = String::from(r#"{"Statement":[{"#);
        if let Some(resource) = &self.resource {
            json.push_str(&format!(r#""Resource":"{resource}","#));
        }
        json.push_str(&format!(
            r#""Condition":{{"DateLessThan":{{"AWS:EpochTime":{}}}"#,
            self.expires
        ));
        if let Some(ip) = &self.ip_address {
            json.push_str(&format!(r#","IpAddress":{{"AWS:SourceIp":"{ip}"}}"#));
        }
        if let Some(start) = self.not_before {
            json.push_str(&format!(
                r#","DateGreaterThan":{{"AWS:EpochTime":{start}}}"#
            ));
        }
        json.push_str("}}]}");
        json
    }

    /// Checks that the policy can be signed: a resource without `"`, `\` or
    /// control characters, dates in range and in order.
    pub fn validate_for_signing(&self) -> Result<()> {
        match &self.resource {
            Some(resource) => validate_resource(resource)?,
            None => {
                return fail(
                    ErrorKind::InvalidResource,
                    "a policy needs a resource; use \"*\" explicitly to grant every file",
                )
            }
        }
        validate_expiry(self.expires)?;
        if let Some(start) = self.not_before {
            if start < 0 {
                return fail(
                    ErrorKind::InvalidDate,
                    format!(
                        "notBefore ({}) is before 1970-01-01T00:00:00Z; CloudFront reads only whole epoch seconds from 0",
                        crate::time::format_utc(start)
                    ),
                );
            }
            if start >= self.expires {
                return fail(
                    ErrorKind::InvalidDate,
                    format!(
                        "notBefore ({}) must be strictly before expires ({})",
                        crate::time::format_utc(start),
                        crate::time::format_utc(self.expires)
                    ),
                );
            }
        }
        Ok(())
    }

    /// Parses a policy document as CloudFront would read it.
    ///
    /// `Statement` may be an array of exactly one statement or a bare object;
    /// `DateLessThan` is required; unknown keys, and keys given twice, are
    /// refused.
    ///
    /// ```
    /// use cloudfront_signer::Policy;
    /// let json = r#"{"Statement":[{"Resource":"https://a.example/*","Condition":{"DateLessThan":{"AWS:EpochTime":2000000000}}}]}"#;
    /// let policy = Policy::parse(json.as_bytes()).unwrap();
    /// assert_eq!(policy.expires, 2000000000);
    /// assert_eq!(policy.to_json(), json);
    ///
    /// let twice = r#"{"Statement":{"Condition":{"DateLessThan":{"AWS:EpochTime":1},"DateLessThan":{"AWS:EpochTime":2000000000}}}}"#;
    /// assert!(Policy::parse(twice.as_bytes()).is_err());
    /// ```
    pub fn parse(bytes: &[u8]) -> Result<Policy> {
        if bytes.len() > MAX_POLICY_BYTES {
            return fail(
                ErrorKind::InputTooLarge,
                format!(
                    "the policy is {} bytes; at most {MAX_POLICY_BYTES} are accepted",
                    bytes.len()
                ),
            );
        }
        let text = std::str::from_utf8(bytes).map_err(|e| {
            malformed(format!(
                "the policy is not valid UTF-8 (at byte {})",
                e.valid_up_to()
            ))
        })?;
        let document = json::parse(text)
            .map_err(|e| malformed(format!("the policy is not valid JSON ({e})")))?;
        let root =
            members(&document).ok_or_else(|| malformed("the policy must be a JSON object"))?;
        only_keys(root, &["Statement"], "the policy")?;
        let statement = match get(root, "Statement") {
            Some(Value::Array(list)) => match list.as_slice() {
                [statement] => statement,
                _ => {
                    return Err(malformed(format!(
                        "the policy has {} statements; CloudFront allows exactly one",
                        list.len()
                    )))
                }
            },
            Some(object @ Value::Object(_)) => object,
            _ => return Err(malformed("the policy has no \"Statement\"")),
        };
        let statement =
            members(statement).ok_or_else(|| malformed("the statement must be a JSON object"))?;
        only_keys(statement, &["Resource", "Condition"], "the statement")?;
        let resource = match get(statement, "Resource") {
            None => None,
            Some(Value::String(text)) => Some(text.to_string()),
            Some(_) => return Err(malformed("\"Resource\" must be a string")),
        };
        let condition = get(statement, "Condition")
            .and_then(members)
            .ok_or_else(|| malformed("the statement has no \"Condition\" object"))?;
        only_keys(
            condition,
            &["DateLessThan", "DateGreaterThan", "IpAddress"],
            "\"Condition\"",
        )?;
        let expires = epoch_condition(get(condition, "DateLessThan"), "DateLessThan")?
            .ok_or_else(|| malformed("the policy has no \"DateLessThan\" condition"))?;
        let not_before = epoch_condition(get(condition, "DateGreaterThan"), "DateGreaterThan")?;
        let ip_address = match get(condition, "IpAddress") {
            None => None,
            Some(value) => {
                let inner =
                    members(value).ok_or_else(|| malformed("\"IpAddress\" must be an object"))?;
                only_keys(inner, &["AWS:SourceIp"], "\"IpAddress\"")?;
                let Some(Value::String(text)) = get(inner, "AWS:SourceIp") else {
                    return Err(malformed("\"IpAddress\" needs a string \"AWS:SourceIp\""));
                };
                Some(
                    text.parse::<Ipv4Cidr>()
                        .map_err(|e| malformed(format!("\"AWS:SourceIp\": {e}")))?,
                )
            }
        };
        Ok(Policy {
            resource,
            expires,
            not_before,
            ip_address,
        })
    }
}

/// The canned policy CloudFront rebuilds from a request: exact bytes.
///
/// ```
/// use cloudfront_signer::policy::canned_policy;
/// assert_eq!(
///     canned_policy("https://d111111abcdef8.cloudfront.net/image.jpg", 1767290400),
///     r#"{"Statement":[{"Resource":"https://d111111abcdef8.cloudfront.net/image.jpg","Condition":{"DateLessThan":{"AWS:EpochTime":1767290400}}}]}"#
/// );
/// ```
pub fn canned_policy(resource: &str, expires: i64) -> String {
    format!(
        r#"{{"Statement":[{{"Resource":"{resource}","Condition":{{"DateLessThan":{{"AWS:EpochTime":{expires}}}}}}}]}}"#
    )
}

/// Refuses resources that cannot be written into the JSON unescaped.
pub(crate) fn validate_resource(resource: &str) -> Result<()> {
    if resource.is_empty() {
        return fail(ErrorKind::InvalidResource, "the resource is empty");
    }
    if resource.len() > MAX_POLICY_BYTES {
        return fail(
            ErrorKind::InputTooLarge,
            format!(
                "the resource is {} bytes; at most {MAX_POLICY_BYTES} are accepted",
                resource.len()
            ),
        );
    }
    if let Some(bad) = resource
        .chars()
        .find(|c| matches!(c, '"' | '\\') || c.is_control())
    {
        return fail(
            ErrorKind::InvalidResource,
            format!(
                "the resource contains {bad:?}, which cannot appear in a CloudFront policy; percent-encode it"
            ),
        );
    }
    Ok(())
}

/// Refuses expiries CloudFront cannot honour.
pub(crate) fn validate_expiry(expires: i64) -> Result<()> {
    if expires > MAX_EPOCH_SECONDS {
        return fail(
            ErrorKind::InvalidDate,
            format!(
                "expires ({expires}) is after 2038-01-19T03:14:07Z, the latest date CloudFront accepts"
            ),
        );
    }
    if expires <= 0 {
        return fail(
            ErrorKind::InvalidDate,
            "expires must be after 1970-01-01T00:00:00Z",
        );
    }
    Ok(())
}

fn malformed(message: impl Into<String>) -> Error {
    Error::new(ErrorKind::InvalidPolicy, message)
}

/// The members of an object; `None` for any other value.
fn members<'v, 'a>(value: &'v Value<'a>) -> Option<&'v [Member<'a>]> {
    match value {
        Value::Object(members) => Some(members),
        _ => None,
    }
}

/// The value of `key`, in an object [`only_keys`] has checked.
fn get<'v, 'a>(object: &'v [Member<'a>], key: &str) -> Option<&'v Value<'a>> {
    object
        .iter()
        .find(|(name, _)| **name == *key)
        .map(|(_, value)| value)
}

/// Refuses keys other than `allowed`, and any key given twice: JSON leaves
/// open which of two values counts (serde_json took the last, others take
/// the first), and a verifier that read a different one than CloudFront
/// would check a policy CloudFront does not enforce.
fn only_keys(object: &[Member], allowed: &[&str], what: &str) -> Result<()> {
    for (index, (key, _)) in object.iter().enumerate() {
        if !allowed.contains(&&**key) {
            return Err(malformed(format!(
                "{what} has an unknown key {:?}; CloudFront names are exact and case-sensitive",
                &**key
            )));
        }
        if object
            .iter()
            .take(index)
            .any(|(earlier, _)| **earlier == **key)
        {
            return Err(malformed(format!(
                "{what} has the key {:?} twice; readers disagree on which one counts, so the policy is refused",
                &**key
            )));
        }
    }
    Ok(())
}

fn epoch_condition(value: Option<&Value>, name: &str) -> Result<Option<i64>> {
    let Some(value) = value else {
        return Ok(None);
    };
    let inner = members(value).ok_or_else(|| malformed(format!("\"{name}\" must be an object")))?;
    only_keys(inner, &["AWS:EpochTime"], &format!("\"{name}\""))?;
    match get(inner, "AWS:EpochTime") {
        // No sign: serde_json, which read policies before, took `-0` for a
        // float and refused it.
        Some(Value::Number(number)) if !number.text().starts_with('-') => number.as_i64(),
        _ => None,
    }
    .filter(|seconds| (0..=i64::from(u32::MAX)).contains(seconds))
    .map(Some)
    .ok_or_else(|| {
        malformed(format!(
            "\"{name}\" needs \"AWS:EpochTime\" as a whole number of epoch seconds"
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    // The policy bytes of the spec's vectors (§9), which botocore and the
    // AWS CLI produce for the same inputs.
    const VECTOR_1: &str = r#"{"Statement":[{"Resource":"https://d111111abcdef8.cloudfront.net/image.jpg","Condition":{"DateLessThan":{"AWS:EpochTime":1767290400}}}]}"#;
    const VECTOR_3: &str = r#"{"Statement":[{"Resource":"https://d111111abcdef8.cloudfront.net/video.mp4","Condition":{"DateLessThan":{"AWS:EpochTime":1767290400},"DateGreaterThan":{"AWS:EpochTime":1767200000}}}]}"#;
    const VECTOR_4: &str = r#"{"Statement":[{"Resource":"https://d111111abcdef8.cloudfront.net/*","Condition":{"DateLessThan":{"AWS:EpochTime":1767290400},"IpAddress":{"AWS:SourceIp":"10.0.0.0/8"}}}]}"#;

    #[test]
    fn reproduces_the_spec_vectors() {
        assert_eq!(
            canned_policy(
                "https://d111111abcdef8.cloudfront.net/image.jpg",
                1_767_290_400
            ),
            VECTOR_1
        );
        let custom = Policy::new(
            "https://d111111abcdef8.cloudfront.net/video.mp4",
            1_767_290_400,
        )
        .with_not_before(1_767_200_000);
        assert_eq!(custom.to_json(), VECTOR_3);
        let cookie = Policy::new("https://d111111abcdef8.cloudfront.net/*", 1_767_290_400)
            .with_ip_address("10.0.0.0/8".parse().unwrap());
        assert_eq!(cookie.to_json(), VECTOR_4);
        assert_eq!(
            crate::encoding::encode(VECTOR_4.as_bytes()),
            "eyJTdGF0ZW1lbnQiOlt7IlJlc291cmNlIjoiaHR0cHM6Ly9kMTExMTExYWJjZGVmOC5jbG91ZGZyb250Lm5ldC8qIiwiQ29uZGl0aW9uIjp7IkRhdGVMZXNzVGhhbiI6eyJBV1M6RXBvY2hUaW1lIjoxNzY3MjkwNDAwfSwiSXBBZGRyZXNzIjp7IkFXUzpTb3VyY2VJcCI6IjEwLjAuMC4wLzgifX19XX0_"
        );
    }

    #[test]
    fn parses_back_what_it_writes() {
        for json in [VECTOR_1, VECTOR_3, VECTOR_4] {
            assert_eq!(Policy::parse(json.as_bytes()).unwrap().to_json(), json);
        }
    }

    #[test]
    fn accepts_the_object_form_and_whitespace() {
        let json = "{\r\n \"Statement\": {\"Resource\": \"https://a.example/x\", \"Condition\": {\"DateGreaterThan\": {\"AWS:EpochTime\": 5}, \"DateLessThan\": {\"AWS:EpochTime\": 9}}}}";
        let policy = Policy::parse(json.as_bytes()).unwrap();
        assert_eq!((policy.expires, policy.not_before), (9, Some(5)));
    }

    #[test]
    fn refuses_malformed_policies() {
        for bad in [
            "",
            "[]",
            r#"{"Statement":[]}"#,
            r#"{"Statement":[{"Condition":{"DateLessThan":{"AWS:EpochTime":1}}},{"Condition":{"DateLessThan":{"AWS:EpochTime":1}}}]}"#,
            r#"{"Statement":[{"Resource":"x","Condition":{}}]}"#,
            r#"{"Statement":[{"Resource":"x","Condition":{"DateLessThan":{"AWS:EpochTime":"1"}}}]}"#,
            r#"{"Statement":[{"Resource":"x","Condition":{"DateLessThan":{"AWS:EpochTime":1.5}}}]}"#,
            r#"{"Statement":[{"Resource":"x","Condition":{"dateLessThan":{"AWS:EpochTime":1}}}]}"#,
            r#"{"Statement":[{"Resource":"x","Condition":{"DateLessThan":{"AWS:EpochTime":1},"IpAddress":{"AWS:SourceIp":"::1"}}}]}"#,
            r#"{"Statement":[{"Resource":7,"Condition":{"DateLessThan":{"AWS:EpochTime":1}}}]}"#,
        ] {
            assert_eq!(
                Policy::parse(bad.as_bytes()).unwrap_err().kind(),
                ErrorKind::InvalidPolicy,
                "{bad}"
            );
        }
        let deep = format!("{}{}", "[".repeat(5000), "]".repeat(5000));
        assert!(Policy::parse(deep.as_bytes()).is_err());
    }

    #[test]
    fn refuses_a_key_given_twice_at_any_level() {
        for (twice, what) in [
            (
                r#"{"Statement":[{"Resource":"https://a.example/*","Condition":{"DateLessThan":{"AWS:EpochTime":9}}}],"Statement":[]}"#,
                r#"the policy has the key "Statement" twice"#,
            ),
            (
                r#"{"Statement":[{"Resource":"https://a.example/*","Resource":"https://b.example/*","Condition":{"DateLessThan":{"AWS:EpochTime":9}}}]}"#,
                r#"the statement has the key "Resource" twice"#,
            ),
            (
                r#"{"Statement":{"Condition":{"DateLessThan":{"AWS:EpochTime":9}},"Condition":{"DateLessThan":{"AWS:EpochTime":9}}}}"#,
                r#"the statement has the key "Condition" twice"#,
            ),
            (
                r#"{"Statement":[{"Condition":{"DateLessThan":{"AWS:EpochTime":9},"DateLessThan":{"AWS:EpochTime":2000000000}}}]}"#,
                r#""Condition" has the key "DateLessThan" twice"#,
            ),
            (
                r#"{"Statement":[{"Condition":{"DateLessThan":{"AWS:EpochTime":9,"AWS:EpochTime":9}}}]}"#,
                r#""DateLessThan" has the key "AWS:EpochTime" twice"#,
            ),
            (
                r#"{"Statement":[{"Condition":{"DateLessThan":{"AWS:EpochTime":9},"IpAddress":{"AWS:SourceIp":"10.0.0.0/8","AWS:SourceIp":"0.0.0.0/0"}}}]}"#,
                r#""IpAddress" has the key "AWS:SourceIp" twice"#,
            ),
        ] {
            let error = Policy::parse(twice.as_bytes()).unwrap_err();
            assert_eq!(error.kind(), ErrorKind::InvalidPolicy);
            assert!(error.message().starts_with(what), "{}", error.message());
        }
    }

    #[test]
    fn reads_epoch_seconds_as_written() {
        let at = |seconds: &str| {
            let json = format!(
                r#"{{"Statement":[{{"Condition":{{"DateLessThan":{{"AWS:EpochTime":{seconds}}}}}}}]}}"#
            );
            Policy::parse(json.as_bytes()).map(|policy| policy.expires)
        };
        assert_eq!(at("0"), Ok(0));
        assert_eq!(at("4294967295"), Ok(4_294_967_295));
        for refused in [
            "-0",
            "-1",
            "4294967296",
            "1.0",
            "1e5",
            "1E0",
            "0.5",
            "99999999999999999999",
            "1e400",
            "\"5\"",
            "null",
            "true",
            "[5]",
        ] {
            assert_eq!(
                at(refused).unwrap_err().kind(),
                ErrorKind::InvalidPolicy,
                "{refused}"
            );
        }
    }

    #[test]
    fn says_where_the_json_is_broken() {
        let error =
            Policy::parse(b"{\r\n \"Statement\": [\r\n  {\"Resource\": \"x\",}\r\n]}").unwrap_err();
        assert_eq!(
            error.message(),
            "the policy is not valid JSON (expected a string key at line 3, column 20)"
        );
        let error = Policy::parse(b"{\"Statement\":\"\xff\"}").unwrap_err();
        assert_eq!(
            error.message(),
            "the policy is not valid UTF-8 (at byte 14)"
        );
    }

    #[test]
    fn refuses_injection_through_the_resource() {
        let policy = Policy::new(r#"https://a.example/x","Condition":{}"#, 1_767_290_400);
        assert_eq!(
            policy.validate_for_signing().unwrap_err().kind(),
            ErrorKind::InvalidResource
        );
        assert!(Policy::new("https://a.example/\\", 1)
            .validate_for_signing()
            .is_err());
    }

    #[test]
    fn refuses_a_start_before_1970() {
        // Found by the sign_verify fuzz target: a negative DateGreaterThan
        // was signed, and then refused as a malformed policy on verification.
        let policy = Policy::new("https://a.example/x", 100).with_not_before(-1);
        assert_eq!(
            policy.validate_for_signing().unwrap_err().kind(),
            ErrorKind::InvalidDate
        );
        assert!(Policy::new("https://a.example/x", 100)
            .with_not_before(0)
            .validate_for_signing()
            .is_ok());
    }

    #[test]
    fn refuses_dates_out_of_order_or_range() {
        let at = |e, s| {
            Policy::new("https://a.example/x", e)
                .with_not_before(s)
                .validate_for_signing()
        };
        assert!(at(100, 99).is_ok());
        assert_eq!(at(100, 100).unwrap_err().kind(), ErrorKind::InvalidDate);
        assert!(Policy::new("https://a.example/x", MAX_EPOCH_SECONDS + 1)
            .validate_for_signing()
            .is_err());
    }
}
