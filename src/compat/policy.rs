//! The AWS package's policy JSON (layout, key order, `JSON.stringify`
//! escaping), its canned/custom rule, and how it finds a URL in a policy.

use super::encode::json_quote;
use super::text::{ascii, find, JsText};
use super::CompatError;
use crate::json::{self, Value};
use crate::ErrorKind;

/// The conditions of a generated policy.
///
/// ```
/// use cloudfront_signer::compat::policy::Conditions;
/// use cloudfront_signer::compat::JsText;
/// let conditions = Conditions {
///     resource: JsText::from("https://d.net/a b"),
///     expires: 1893456000,
///     not_before: Some(-1),
///     source_ip: Some(JsText::from("\t1.2.3.4/32")),
/// };
/// assert!(!conditions.is_canned());
/// assert_eq!(
///     conditions.to_json().to_string(),
///     r#"{"Statement":[{"Resource":"https://d.net/a b","Condition":{"DateLessThan":{"AWS:EpochTime":1893456000},"DateGreaterThan":{"AWS:EpochTime":-1},"IpAddress":{"AWS:SourceIp":"\t1.2.3.4/32"}}}]}"#
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conditions {
    /// The resource: the (rewritten) URL, never validated or escaped beyond JSON.
    pub resource: JsText,
    /// `DateLessThan`, epoch seconds (negative values are kept).
    pub expires: i64,
    /// `DateGreaterThan`, epoch seconds.
    pub not_before: Option<i64>,
    /// `AWS:SourceIp`, written as the AWS package validated it.
    pub source_ip: Option<JsText>,
}

impl Conditions {
    /// Canned when there is neither a start date nor an IP condition. A
    /// wildcard resource does not make the policy custom.
    pub fn is_canned(&self) -> bool {
        self.not_before.is_none() && self.source_ip.is_none()
    }

    /// The compact JSON, keys in the AWS package's order: `DateLessThan`,
    /// `DateGreaterThan`, `IpAddress`. Canned and custom share the layout.
    pub fn to_json(&self) -> JsText {
        let mut out = Vec::with_capacity(self.resource.len() + 160);
        out.extend(r#"{"Statement":[{"Resource":"#.encode_utf16());
        json_quote(self.resource.units(), &mut out);
        out.extend(
            format!(
                r#","Condition":{{"DateLessThan":{{"AWS:EpochTime":{}}}"#,
                self.expires
            )
            .encode_utf16(),
        );
        if let Some(start) = self.not_before {
            out.extend(format!(r#","DateGreaterThan":{{"AWS:EpochTime":{start}}}"#).encode_utf16());
        }
        if let Some(ip) = &self.source_ip {
            out.extend(r#","IpAddress":{"AWS:SourceIp":"#.encode_utf16());
            json_quote(ip.units(), &mut out);
            out.push(u16::from(b'}'));
        }
        out.extend("}}]}".encode_utf16());
        JsText::from_units(out)
    }
}

/// The first `Statement[].Resource` of a policy, as `getSignedUrl` looks it
/// up when it has a policy but no url.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FirstResource {
    /// A truthy string resource.
    Text(JsText),
    /// No statement, or a falsy first resource.
    Missing,
    /// The lookup threw: the policy is not JSON, `Statement` is not an
    /// array, a statement is `null`, or the resource is not a string.
    Failed(CompatError),
}

const NO_RESOURCE: &str = "@aws-sdk/cloudfront-signer: No URL provided and unable to determine URL from first policy statement resource.";

impl FirstResource {
    /// Looks the resource up in policy JSON text, with the crate's JSON
    /// reader standing in for JS `JSON.parse` (the wasm binding uses
    /// `JSON.parse` itself, so its `SyntaxError` messages are V8's; these are
    /// the reader's). As in JS, the last of a repeated key wins.
    ///
    /// ```
    /// use cloudfront_signer::compat::policy::FirstResource;
    /// use cloudfront_signer::compat::JsText;
    /// let first = FirstResource::from_policy_json(r#"{"Statement":[{"Resource":"*://d.net/*"}]}"#);
    /// assert_eq!(first, FirstResource::Text(JsText::from("*://d.net/*")));
    /// assert_eq!(FirstResource::from_policy_json("{}"), FirstResource::Missing);
    /// ```
    pub fn from_policy_json(text: &str) -> FirstResource {
        let document = match json::parse(text) {
            Ok(document) => document,
            Err(error) => {
                return FirstResource::Failed(CompatError::new(
                    ErrorKind::InvalidPolicy,
                    super::ErrorClass::SyntaxError,
                    error.to_string(),
                ))
            }
        };
        let statements = match property(&document, "Statement") {
            None | Some(Value::Null) => return FirstResource::Missing,
            Some(Value::Array(statements)) => statements,
            Some(_) => return FirstResource::Failed(not_an_array()),
        };
        let mut resources = Vec::with_capacity(statements.len());
        for statement in statements {
            if let Value::Null = statement {
                return FirstResource::Failed(CompatError::type_error(
                    ErrorKind::InvalidPolicy,
                    "Cannot read properties of null (reading 'Resource')",
                ));
            }
            resources.push(property(statement, "Resource"));
        }
        // Falsy in JS: `undefined`, `null`, `false`, `""` and zero. A number
        // too small for a double (`1e-400`), which JS rounds to 0, counts as
        // truthy here.
        match resources.first().copied().flatten() {
            None | Some(Value::Null | Value::Bool(false)) => FirstResource::Missing,
            Some(Value::String(text)) if text.is_empty() => FirstResource::Missing,
            Some(Value::Number(number)) if number.is_zero() => FirstResource::Missing,
            Some(Value::String(text)) => FirstResource::Text(JsText::from(&**text)),
            Some(_) => FirstResource::Failed(not_a_string()),
        }
    }

    /// The base URL: the resource with its first `*://` (anywhere) replaced
    /// by `https://`, never rewritten otherwise.
    pub fn base_url(&self) -> Result<JsText, CompatError> {
        match self {
            FirstResource::Text(resource) => Ok(replace_wildcard_scheme(resource)),
            FirstResource::Missing => {
                Err(CompatError::error(ErrorKind::InvalidPolicy, NO_RESOURCE))
            }
            FirstResource::Failed(error) => Err(error.clone()),
        }
    }
}

/// `TypeError: ((intermediate value) ?? []).map is not a function`.
pub fn not_an_array() -> CompatError {
    CompatError::type_error(
        ErrorKind::InvalidPolicy,
        "((intermediate value) ?? []).map is not a function",
    )
}

/// `TypeError: resources[0].replace is not a function`.
pub fn not_a_string() -> CompatError {
    CompatError::type_error(
        ErrorKind::InvalidPolicy,
        "resources[0].replace is not a function",
    )
}

/// `value[name]` as JS reads it from `JSON.parse`'s result: the last member
/// named `name` of an object, nothing for any other value.
fn property<'v, 'a>(value: &'v Value<'a>, name: &str) -> Option<&'v Value<'a>> {
    match value {
        Value::Object(members) => members
            .iter()
            .rev()
            .find(|(key, _)| **key == *name)
            .map(|(_, value)| value),
        _ => None,
    }
}

fn replace_wildcard_scheme(resource: &JsText) -> JsText {
    let units = resource.units();
    match find(units, &ascii("*://")) {
        Some(at) => {
            let mut out = units.get(..at).unwrap_or_default().to_vec();
            out.extend("https://".encode_utf16());
            out.extend_from_slice(units.get(at + 4..).unwrap_or_default());
            JsText::from_units(out)
        }
        None => resource.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canned_layout_is_the_custom_layout_without_extras() {
        let conditions = Conditions {
            resource: JsText::from("https://d111111abcdef8.cloudfront.net/image.jpg"),
            expires: 1_893_456_000,
            not_before: None,
            source_ip: None,
        };
        assert!(conditions.is_canned());
        assert_eq!(
            conditions.to_json().to_string(),
            r#"{"Statement":[{"Resource":"https://d111111abcdef8.cloudfront.net/image.jpg","Condition":{"DateLessThan":{"AWS:EpochTime":1893456000}}}]}"#
        );
    }

    #[test]
    fn resources_are_json_escaped() {
        let mut resource = JsText::from("https://d.net/café %zz/\"x\"\\");
        resource.push_units(&[0xD800]);
        let json = Conditions {
            resource,
            expires: -5,
            not_before: None,
            source_ip: None,
        }
        .to_json()
        .to_string();
        assert_eq!(
            json,
            r#"{"Statement":[{"Resource":"https://d.net/café %zz/\"x\"\\\ud800","Condition":{"DateLessThan":{"AWS:EpochTime":-5}}}]}"#
        );
    }

    #[test]
    fn finds_the_first_resource_like_the_aws_package() {
        let text = |s: &str| FirstResource::Text(JsText::from(s));
        assert_eq!(
            FirstResource::from_policy_json(
                r#"{"Statement":[{"Resource":"https://a/*"},{"Resource":5}]}"#
            ),
            text("https://a/*")
        );
        for missing in [
            "null",
            "5",
            "[]",
            r#""s""#,
            "{}",
            r#"{"Statement":null}"#,
            r#"{"Statement":[]}"#,
            r#"{"Statement":[1]}"#,
            r#"{"Statement":[{}]}"#,
            r#"{"Statement":[{"Resource":""}]}"#,
            r#"{"Statement":[{"Resource":0}]}"#,
            r#"{"Statement":[{},{"Resource":"https://a/*"}]}"#,
        ] {
            assert_eq!(
                FirstResource::from_policy_json(missing),
                FirstResource::Missing,
                "{missing}"
            );
        }
        for (bad, message) in [
            (
                r#"{"Statement":{}}"#,
                "((intermediate value) ?? []).map is not a function",
            ),
            (
                r#"{"Statement":"ab"}"#,
                "((intermediate value) ?? []).map is not a function",
            ),
            (
                r#"{"Statement":[{"Resource":"x"},null]}"#,
                "Cannot read properties of null (reading 'Resource')",
            ),
            (
                r#"{"Statement":[{"Resource":["x"]}]}"#,
                "resources[0].replace is not a function",
            ),
            (
                r#"{"Statement":[{"Resource":true}]}"#,
                "resources[0].replace is not a function",
            ),
        ] {
            match FirstResource::from_policy_json(bad) {
                FirstResource::Failed(error) => assert_eq!(error.message(), message, "{bad}"),
                other => panic!("{bad}: {other:?}"),
            }
        }
        assert!(matches!(
            FirstResource::from_policy_json("hello world"),
            FirstResource::Failed(e) if e.class() == super::super::ErrorClass::SyntaxError
        ));
    }

    #[test]
    fn reads_json_as_json_parse_does() {
        let text = |s: &str| FirstResource::Text(JsText::from(s));
        // The last of a repeated key wins, at every level.
        assert_eq!(
            FirstResource::from_policy_json(
                r#"{"Statement":[{"Resource":"https://a/*","Resource":"https://b/*"}]}"#
            ),
            text("https://b/*")
        );
        assert_eq!(
            FirstResource::from_policy_json(
                r#"{"Statement":[{"Resource":"https://a/*"}],"Statement":null}"#
            ),
            FirstResource::Missing
        );
        // Numbers have no range (JS reads 1e400 as Infinity); escapes decode.
        assert_eq!(
            FirstResource::from_policy_json(
                r#"{"Statement":[{"Resource":"https://d.net/\u00e9\ud83d\ude00","n":1e400}]}"#
            ),
            text("https://d.net/é😀")
        );
        for zero in ["-0", "0.0", "0e5", "-0.000E-9"] {
            let json = format!(r#"{{"Statement":[{{"Resource":{zero}}}]}}"#);
            assert_eq!(
                FirstResource::from_policy_json(&json),
                FirstResource::Missing,
                "{zero}"
            );
        }
        for truthy in ["1", "0.5", "-1e-5", "{}", "[]", r#"" ""#] {
            let json = format!(r#"{{"Statement":[{{"Resource":{truthy}}}]}}"#);
            match FirstResource::from_policy_json(&json) {
                FirstResource::Failed(error) => {
                    assert_eq!(error.message(), "resources[0].replace is not a function")
                }
                other if truthy == r#"" ""# => assert_eq!(other, text(" ")),
                other => panic!("{truthy}: {other:?}"),
            }
        }
        // Unlike `JSON.parse`, and as serde_json did before, a lone
        // surrogate is refused; the wasm binding calls `JSON.parse` itself.
        for broken in [r#"{"Statement":[{"Resource":"\ud800"}]}"#, "[1,]", "01", ""] {
            assert!(
                matches!(
                    FirstResource::from_policy_json(broken),
                    FirstResource::Failed(e) if e.class() == super::super::ErrorClass::SyntaxError
                ),
                "{broken}"
            );
        }
    }

    #[test]
    fn replaces_the_first_wildcard_scheme_anywhere() {
        let base = |s: &str| {
            FirstResource::Text(JsText::from(s))
                .base_url()
                .unwrap()
                .to_string()
        };
        assert_eq!(base("*://d.net/a b"), "https://d.net/a b");
        assert_eq!(base("x*://a*://b"), "xhttps://a*://b");
        assert_eq!(base("https://d.net/*"), "https://d.net/*");
        assert_eq!(
            FirstResource::Missing.base_url().unwrap_err().message(),
            NO_RESOURCE
        );
    }
}
