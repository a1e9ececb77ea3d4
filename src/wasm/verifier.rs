//! `CloudFrontVerifier`, `decodeSignedUrl` and `decodeSignedCookies`.

use js_sys::{Array, Function, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::convert::{
    absent, field, key_bytes, optional_bool, optional_date, optional_string, options_object, set,
    string,
};
use super::error::{js_error, IntoJs, JsResult};
use crate::verify::{
    parse_cookie_header, parse_signed_cookies, parse_signed_url, Refusal, SignedRequest,
    Verification, Verifier, VerifyOptions, WildcardMatching,
};
use crate::{ErrorKind, Policy, PublicKey};

/// Checks signed URLs and cookies the way CloudFront does.
#[wasm_bindgen(js_name = CloudFrontVerifier)]
pub struct JsVerifier {
    verifier: Verifier,
    defaults: VerifyOptions,
}

#[wasm_bindgen(js_class = CloudFrontVerifier)]
impl JsVerifier {
    /// `new CloudFrontVerifier({ keys: { [keyPairId]: publicKey }, leewaySeconds?, requireSha256?, wildcardMatching? })`
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue) -> JsResult<JsVerifier> {
        let options =
            options_object(&options, "the CloudFrontVerifier options")?.ok_or_else(|| {
                js_error(
                    ErrorKind::InvalidArgument,
                    "new CloudFrontVerifier needs { keys: { [keyPairId]: publicKey } }",
                )
            })?;
        let keys = options_object(&field(Some(&options), "keys")?, "keys")?.ok_or_else(|| {
            js_error(
                ErrorKind::InvalidArgument,
                "keys is required: { [keyPairId]: publicKeyPem }",
            )
        })?;
        let mut verifier = Verifier::new();
        for entry in Object::entries(&keys).iter() {
            let pair: Array = entry.unchecked_into();
            let id = string(&pair.get(0), "a key-pair id")?;
            let bytes = key_bytes(&pair.get(1), &format!("the key of {id:?}"))?;
            let key = PublicKey::from_bytes(&bytes)
                .map_err(|e| js_error(e.kind(), format!("the key of {id:?}: {}", e.message())))?;
            verifier.add_key(&id, key).js()?;
        }
        if verifier.key_pair_ids().next().is_none() {
            return Err(js_error(
                ErrorKind::InvalidArgument,
                "keys is empty: add at least one { [keyPairId]: publicKey }",
            ));
        }
        let defaults = verify_options(Some(&options), &VerifyOptions::default())?;
        Ok(JsVerifier { verifier, defaults })
    }

    /// `verifier.verifyUrl(url, { now?, clientIp?, leewaySeconds?, requireSha256?, wildcardMatching? })`
    #[wasm_bindgen(js_name = verifyUrl)]
    pub fn verify_url(&self, url: JsValue, options: JsValue) -> JsResult<Object> {
        let options = self.options(&options)?;
        let Some(url) = url.as_string() else {
            return Ok(not_a_string("the URL"));
        };
        Ok(verification_object(
            &self.verifier.verify_url(&url, &options),
        ))
    }

    /// `verifier.verifyCookies(url, cookies, options)`: cookies as an object
    /// or a `Cookie` header string. Signing parameters in the URL win.
    #[wasm_bindgen(js_name = verifyCookies)]
    pub fn verify_cookies(
        &self,
        url: JsValue,
        cookies: JsValue,
        options: JsValue,
    ) -> JsResult<Object> {
        let options = self.options(&options)?;
        let Some(url) = url.as_string() else {
            return Ok(not_a_string("the URL"));
        };
        let jar = cookie_jar(&cookies).unwrap_or_default();
        Ok(verification_object(
            &self.verifier.verify_request(&url, &jar, &options),
        ))
    }

    /// `verifier.verifyRequest(request, options)`: a fetch `Request` (its
    /// URL and `Cookie` header).
    #[wasm_bindgen(js_name = verifyRequest)]
    pub fn verify_request(&self, request: JsValue, options: JsValue) -> JsResult<Object> {
        let options = self.options(&options)?;
        let url = Reflect::get(&request, &JsValue::from_str("url")).unwrap_or(JsValue::UNDEFINED);
        let Some(url) = url.as_string() else {
            return Ok(not_a_string("request.url"));
        };
        let header = cookie_header_of(&request);
        let jar = header.map(|h| parse_cookie_header(&h)).unwrap_or_default();
        Ok(verification_object(
            &self.verifier.verify_request(&url, &jar, &options),
        ))
    }

    fn options(&self, value: &JsValue) -> JsResult<VerifyOptions> {
        let object = options_object(value, "the verify options")?;
        let mut options = verify_options(object.as_ref(), &self.defaults)?;
        let now = field(object.as_ref(), "now")?;
        options.now = match optional_date(&now, "now")? {
            Some(now) => now,
            None => (js_sys::Date::now() / 1000.0).floor() as i64,
        };
        options.client_ip = match optional_string(&field(object.as_ref(), "clientIp")?, "clientIp")?
        {
            Some(text) => Some(text.trim().parse().map_err(|_| {
                js_error(
                    ErrorKind::InvalidIp,
                    "clientIp must be an IPv4 or IPv6 address such as \"203.0.113.7\"",
                )
            })?),
            None => None,
        };
        Ok(options)
    }
}

/// Reads `leewaySeconds`, `requireSha256` and `wildcardMatching` over `defaults`.
fn verify_options(object: Option<&Object>, defaults: &VerifyOptions) -> JsResult<VerifyOptions> {
    let mut options = defaults.clone();
    let leeway = field(object, "leewaySeconds")?;
    if !absent(&leeway) {
        options.leeway_seconds = match leeway.as_f64() {
            Some(seconds) if seconds.is_finite() && (0.0..=86_400.0).contains(&seconds) => {
                seconds.floor() as i64
            }
            _ => {
                return Err(js_error(
                    ErrorKind::InvalidArgument,
                    "leewaySeconds must be a number of seconds from 0 to 86400",
                ))
            }
        };
    }
    if let Some(require) = optional_bool(&field(object, "requireSha256")?, "requireSha256")? {
        options.require_sha256 = require;
    }
    if let Some(mode) = optional_string(&field(object, "wildcardMatching")?, "wildcardMatching")? {
        options.wildcard_matching = mode.parse::<WildcardMatching>().js()?;
    }
    Ok(options)
}

/// Cookies from an object of name → value or a `Cookie` header string.
fn cookie_jar(cookies: &JsValue) -> Option<Vec<(String, String)>> {
    if let Some(header) = cookies.as_string() {
        return Some(parse_cookie_header(&header));
    }
    if !cookies.is_object() {
        return None;
    }
    let object: &Object = cookies.unchecked_ref();
    Some(
        Object::entries(object)
            .iter()
            .filter_map(|entry| {
                let pair: Array = entry.unchecked_into();
                Some((pair.get(0).as_string()?, pair.get(1).as_string()?))
            })
            .collect(),
    )
}

/// `request.headers.get("cookie")`, or `None` when anything is missing.
fn cookie_header_of(request: &JsValue) -> Option<String> {
    let headers = Reflect::get(request, &JsValue::from_str("headers")).ok()?;
    let get: Function = Reflect::get(&headers, &JsValue::from_str("get"))
        .ok()?
        .dyn_into()
        .ok()?;
    get.call1(&headers, &JsValue::from_str("cookie"))
        .ok()?
        .as_string()
}

fn not_a_string(what: &str) -> Object {
    let result = Object::new();
    set(&result, "valid", false);
    set(&result, "reason", "MALFORMED_PARAMETERS");
    set(&result, "message", format!("{what} is not a string"));
    result
}

/// The JS result of a verification.
fn verification_object(verification: &Verification) -> Object {
    let result = match &verification.request {
        Some(request) => grant_object(
            request,
            verification.policy.as_ref(),
            verification.policy_json.as_deref(),
        ),
        None => Object::new(),
    };
    set(&result, "valid", verification.is_valid());
    set(&result, "source", verification.source.as_str());
    match &verification.refusal {
        Some(Refusal { reason, message }) => {
            set(&result, "reason", reason.code());
            set(&result, "message", message.as_str());
            set(&result, "cloudfrontMessage", reason.cloudfront_message());
        }
        None => {
            set(&result, "reason", JsValue::NULL);
            set(&result, "message", "valid");
        }
    }
    result
}

/// What a signed request grants, as a JS object.
fn grant_object(
    request: &SignedRequest,
    policy: Option<&Policy>,
    policy_json: Option<&str>,
) -> Object {
    let result = Object::new();
    set(&result, "source", request.source.as_str());
    set(&result, "keyPairId", request.key_pair_id.as_str());
    set(&result, "hashAlgorithm", request.hash_algorithm.as_str());
    set(&result, "canned", request.is_canned());
    set(
        &result,
        "policy",
        policy_json.map_or(JsValue::NULL, JsValue::from),
    );
    if let Some(policy) = policy {
        set(
            &result,
            "resource",
            policy
                .resource
                .as_deref()
                .map_or(JsValue::NULL, JsValue::from),
        );
        set(&result, "expiresAt", date(policy.expires));
        set(
            &result,
            "notBefore",
            policy.not_before.map_or(JsValue::NULL, |s| date(s).into()),
        );
        set(
            &result,
            "ipAddress",
            policy
                .ip_address
                .map_or(JsValue::NULL, |ip| ip.to_string().into()),
        );
    }
    result
}

fn date(seconds: i64) -> js_sys::Date {
    js_sys::Date::new(&JsValue::from_f64(seconds as f64 * 1000.0))
}

/// `decodeSignedUrl(url)`: what a signed URL grants, without any key.
#[wasm_bindgen(js_name = decodeSignedUrl)]
pub fn decode_signed_url(url: JsValue) -> JsResult<Object> {
    let url = string(&url, "url")?;
    let request = parse_signed_url(&url).map_err(|r| js_error(ErrorKind::InvalidUrl, r.message))?;
    decoded(&request)
}

/// `decodeSignedCookies(cookies, url?)`: what a cookie set grants, without
/// any key (a canned set's resource is the URL it is sent to).
#[wasm_bindgen(js_name = decodeSignedCookies)]
pub fn decode_signed_cookies(cookies: JsValue, url: JsValue) -> JsResult<Object> {
    let jar = cookie_jar(&cookies).ok_or_else(|| {
        js_error(
            ErrorKind::InvalidArgument,
            "cookies must be an object or a Cookie header string",
        )
    })?;
    let url = optional_string(&url, "url")?;
    let request = parse_signed_cookies(&jar, url.as_deref())
        .map_err(|r| js_error(ErrorKind::InvalidArgument, r.message))?;
    decoded(&request)
}

fn decoded(request: &SignedRequest) -> JsResult<Object> {
    let policy = request
        .grant()
        .map_err(|r| js_error(ErrorKind::InvalidPolicy, r.message))?;
    let bytes = request
        .policy_bytes()
        .map_err(|r| js_error(ErrorKind::InvalidPolicy, r.message))?;
    let json = bytes.map(|b| String::from_utf8_lossy(&b).into_owned());
    Ok(grant_object(request, Some(&policy), json.as_deref()))
}
