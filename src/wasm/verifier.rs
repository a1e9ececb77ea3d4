//! `CloudFrontVerifier`, `decodeSignedUrl` and `decodeSignedCookies`.

use js_sys::{ArrayBuffer, Function, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::convert::{
    absent, bounded_string, entries, field, key_bytes, optional_bool, optional_date,
    optional_string, options_object, set, string, string_up_to, too_large, too_many_entries,
    type_name, TooLong,
};
use super::error::{freed, js_error, IntoJs, JsResult};
use crate::url::MAX_URL_BYTES;
use crate::verify::{
    parse_cookie_header, parse_signed_cookies, parse_signed_url, Reason, Refusal, SignedRequest,
    Source, Verification, Verifier, VerifyOptions, WildcardMatching, MAX_REQUEST_BYTES,
};
use crate::{ErrorKind, Policy, PublicKey};

/// Checks signed URLs and cookies the way CloudFront does.
///
/// `free()` (also `Symbol.dispose`) drops the trusted keys at once; every
/// later use throws `ERR_FREED` (see `CloudFrontSigner` for why this `free`
/// replaces wasm-bindgen's).
#[wasm_bindgen(js_name = CloudFrontVerifier)]
pub struct JsVerifier {
    verifier: Option<Verifier>,
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
        let keys = entries(&keys, "keys")?.ok_or_else(|| too_many_entries("keys"))?;
        for (id, key) in keys {
            let id = string(&id, "a key-pair id")?;
            let bytes = key_bytes(&key, &format!("the key of {id:?}"))?;
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
        Ok(JsVerifier {
            verifier: Some(verifier),
            defaults,
        })
    }

    fn verifier(&self) -> JsResult<&Verifier> {
        self.verifier
            .as_ref()
            .ok_or_else(|| freed("CloudFrontVerifier"))
    }

    /// Drops the trusted keys now; the verifier cannot be used afterwards.
    #[wasm_bindgen(js_name = free)]
    pub fn dispose(&mut self) {
        self.verifier = None;
    }

    /// `verifier.verifyUrl(url, { now?, clientIp?, leewaySeconds?, requireSha256?, wildcardMatching? })`
    #[wasm_bindgen(js_name = verifyUrl)]
    pub fn verify_url(&self, url: JsValue, options: JsValue) -> JsResult<Object> {
        let verifier = self.verifier()?;
        let options = self.options(&options)?;
        let url = match request_url(&url, "the URL") {
            Ok(url) => url,
            Err(refusal) => return Ok(refused(Source::Url, refusal)),
        };
        Ok(verification_object(&verifier.verify_url(&url, &options)))
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
        let verifier = self.verifier()?;
        let options = self.options(&options)?;
        let url = match request_url(&url, "the URL") {
            Ok(url) => url,
            Err(refusal) => return Ok(refused(Source::Url, refusal)),
        };
        let jar = match cookie_jar(&cookies)? {
            Jar::Cookies(jar) => jar,
            Jar::NotCookies => Vec::new(),
            Jar::TooLarge(what) => {
                return Ok(refused(
                    Source::Cookies,
                    Refusal::oversized(what, MAX_REQUEST_BYTES),
                ))
            }
        };
        Ok(verification_object(
            &verifier.verify_request(&url, &jar, &options),
        ))
    }

    /// `verifier.verifyRequest(request, options)`: a fetch `Request` (its
    /// URL and `Cookie` header).
    #[wasm_bindgen(js_name = verifyRequest)]
    pub fn verify_request(&self, request: JsValue, options: JsValue) -> JsResult<Object> {
        let verifier = self.verifier()?;
        let options = self.options(&options)?;
        let url = Reflect::get(&request, &JsValue::from_str("url")).unwrap_or(JsValue::UNDEFINED);
        let url = match request_url(&url, "request.url") {
            Ok(url) => url,
            Err(refusal) => return Ok(refused(Source::Url, refusal)),
        };
        let header = cookie_header_of(&request);
        let jar = match header.map(|h| string_up_to(&h, MAX_REQUEST_BYTES)) {
            Some(Ok(Some(header))) => parse_cookie_header(&header),
            Some(Err(TooLong)) => {
                return Ok(refused(
                    Source::Cookies,
                    Refusal::oversized("the Cookie header", MAX_REQUEST_BYTES),
                ))
            }
            _ => Vec::new(),
        };
        Ok(verification_object(
            &verifier.verify_request(&url, &jar, &options),
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

/// Cookies as a verification reads them.
enum Jar {
    /// Name and value pairs, in order.
    Cookies(Vec<(String, String)>),
    /// Neither an object nor a string.
    NotCookies,
    /// Longer than CloudFront accepts in a request; says what was.
    TooLarge(&'static str),
}

/// Cookies from an object of name → value or a `Cookie` header string
/// (entries whose name or value is not a string are skipped).
fn cookie_jar(cookies: &JsValue) -> JsResult<Jar> {
    let within = |value: &JsValue| string_up_to(value, MAX_REQUEST_BYTES);
    if cookies.is_string() {
        return Ok(match within(cookies) {
            Ok(header) => Jar::Cookies(parse_cookie_header(&header.unwrap_or_default())),
            Err(TooLong) => Jar::TooLarge("the Cookie header"),
        });
    }
    if !cookies.is_object() || ArrayBuffer::is_view(cookies) {
        return Ok(Jar::NotCookies);
    }
    let Some(pairs) = entries(cookies, "the cookies")? else {
        return Ok(Jar::TooLarge("the cookies"));
    };
    let mut jar = Vec::new();
    let mut total = 0;
    for (name, value) in pairs {
        let (Ok(name), Ok(value)) = (within(&name), within(&value)) else {
            return Ok(Jar::TooLarge("the cookies"));
        };
        if let (Some(name), Some(value)) = (name, value) {
            total += name.len() + value.len();
            if total > MAX_REQUEST_BYTES {
                return Ok(Jar::TooLarge("the cookies"));
            }
            jar.push((name, value));
        }
    }
    Ok(Jar::Cookies(jar))
}

/// A request URL within CloudFront's limit, or the refusal of the request.
fn request_url(url: &JsValue, what: &str) -> Result<String, Refusal> {
    match string_up_to(url, MAX_URL_BYTES) {
        Ok(Some(url)) => Ok(url),
        Ok(None) => Err(Refusal::new(
            Reason::MalformedParameters,
            format!("{what} is not a string"),
        )),
        Err(TooLong) => Err(Refusal::oversized(what, MAX_URL_BYTES)),
    }
}

/// `request.headers.get("cookie")`, or `None` when anything is missing.
fn cookie_header_of(request: &JsValue) -> Option<JsValue> {
    let headers = Reflect::get(request, &JsValue::from_str("headers")).ok()?;
    let get: Function = Reflect::get(&headers, &JsValue::from_str("get"))
        .ok()?
        .dyn_into()
        .ok()?;
    get.call1(&headers, &JsValue::from_str("cookie")).ok()
}

/// The JS result of a request refused before it could be read.
fn refused(source: Source, refusal: Refusal) -> Object {
    verification_object(&Verification {
        refusal: Some(refusal),
        source,
        request: None,
        policy: None,
        policy_json: None,
    })
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
    let url = bounded_string(&url, "url", MAX_URL_BYTES)?.ok_or_else(|| {
        js_error(
            ErrorKind::InvalidArgument,
            format!("url must be a string, not {}", type_name(&url)),
        )
    })?;
    let request = parse_signed_url(&url).map_err(|r| js_error(ErrorKind::InvalidUrl, r.message))?;
    decoded(&request)
}

/// `decodeSignedCookies(cookies, url?)`: what a cookie set grants, without
/// any key (a canned set's resource is the URL it is sent to).
#[wasm_bindgen(js_name = decodeSignedCookies)]
pub fn decode_signed_cookies(cookies: JsValue, url: JsValue) -> JsResult<Object> {
    let jar = match cookie_jar(&cookies)? {
        Jar::Cookies(jar) => jar,
        Jar::NotCookies => {
            return Err(js_error(
                ErrorKind::InvalidArgument,
                "cookies must be an object or a Cookie header string",
            ))
        }
        Jar::TooLarge(what) => return Err(too_large(what, MAX_REQUEST_BYTES)),
    };
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
