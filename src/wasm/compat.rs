//! `getSignedUrl` and `getSignedCookies`: drop-ins for
//! `@aws-sdk/cloudfront-signer`. This file only reads JS values the way the
//! AWS package effectively does (`new Date(value)`, `JSON.parse`,
//! `String(value)`, truthiness) and hands them to `crate::compat`.

use std::cell::RefCell;

use js_sys::{Array, ArrayBuffer, JsString, Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use zeroize::Zeroizing;

use super::convert::js_string;
use super::error::{compat_from_js, compat_to_js};
use super::node_engine::NodeCryptoEngine;
use super::wipe::StackWipe;
use crate::compat::key::KeyCache;
use crate::compat::policy::{not_a_string, not_an_array};
use crate::compat::{
    self, CompatError, DateArg, FirstResource, IpArg, JsText, KeyPairIdArg, PolicyArg, SignInput,
    UrlArg,
};
use crate::{ErrorKind, HashAlgorithm, PrivateKey, SigningKey};

#[wasm_bindgen]
extern "C" {
    /// The host's `Date`, constructed with `new Date(value)` (catching).
    #[wasm_bindgen(js_name = Date)]
    type HostDate;
    #[wasm_bindgen(constructor, js_class = "Date", catch)]
    fn new(value: &JsValue) -> Result<HostDate, JsValue>;
    #[wasm_bindgen(method, js_class = "Date", js_name = getTime)]
    fn get_time(this: &HostDate) -> f64;

    /// For `value instanceof String`.
    #[wasm_bindgen(js_name = String)]
    type StringObject;

    /// The global `String(value)`.
    #[wasm_bindgen(js_name = String, catch)]
    fn host_string(value: &JsValue) -> Result<JsValue, JsValue>;

    /// `JSON.parse(text)` on the JS string itself (lone surrogates kept).
    #[wasm_bindgen(js_namespace = JSON, js_name = parse, catch)]
    fn json_parse(text: &JsValue) -> Result<JsValue, JsValue>;

    /// `new Uint8Array(view)`: what `Buffer.from(view)` copies.
    #[wasm_bindgen(js_name = Uint8Array)]
    type HostBytes;
    #[wasm_bindgen(constructor, js_class = "Uint8Array", catch)]
    fn copy_of(value: &JsValue) -> Result<HostBytes, JsValue>;
    /// `new Uint8Array(buffer, byteOffset, length)` (throws if detached).
    #[wasm_bindgen(constructor, js_class = "Uint8Array", catch)]
    fn view_of(buffer: &JsValue, byte_offset: f64, length: f64) -> Result<HostBytes, JsValue>;
}

thread_local! {
    /// The most recently used key, parsed once (see `compat::key::KeyCache`).
    static KEY_CACHE: RefCell<KeyCache> = RefCell::new(KeyCache::default());
}

/// `getSignedUrl({ url, keyPairId, privateKey, passphrase, dateLessThan,
/// dateGreaterThan, ipAddress, policy, algorithm })`: a drop-in for
/// `@aws-sdk/cloudfront-signer`'s function (3.1166.0), returning the same
/// string byte for byte, or throwing the same error class and message
/// (plus a `code`, e.g. `ERR_INVALID_DATE`).
///
/// Quirk-compatible: the URL is rewritten as the AWS package does (path
/// segments decoded and re-encoded, query re-encoded keeping `%XX` and `+`,
/// `=` added to bare keys, `#` encoded as data, dot segments kept, origin
/// untouched) and that rewritten URL is signed; dates go through
/// `new Date(value)` in this runtime's time zone and `Math.round(ms/1000)`
/// (numbers are milliseconds; 0 means "no date"); IPs are checked with JS
/// `Number()` leniency and written verbatim; `Hash-Algorithm=SHA256` only
/// for `algorithm: "SHA256"`; parameters `Expires|Policy`, `Key-Pair-Id`,
/// `Signature`; `ws:`/`wss:`/`rtmp:` URLs; the order in which errors fire.
///
/// Stricter or different: keys are read with Node's PEM rules but parsed by
/// this package, so RSA-PSS, EC curves other than P-256 (P-384, secp256k1),
/// legacy `Proc-Type: 4,ENCRYPTED` PEM and `CryptoKey` objects are refused
/// (Node signs with them); key errors carry our messages, not OpenSSL's;
/// ECDSA signatures are deterministic (RFC 6979) where Node's are random.
/// The parsed key is cached, so repeated calls with one key parse it once.
#[wasm_bindgen(js_name = getSignedUrl)]
pub fn get_signed_url(input: JsValue) -> Result<JsValue, JsValue> {
    let options = Options::read(&input, &URL_FIELDS, "dateLessThan")?;
    let mut sign_input = options.sign_input();
    sign_input.key_pair_id = match &options.key_pair_id {
        value if value.is_undefined() => KeyPairIdArg::Undefined,
        value => match to_text(value, ErrorKind::InvalidKeyPairId) {
            Ok(text) => KeyPairIdArg::Text(text),
            Err(error) => KeyPairIdArg::Failed(error),
        },
    };
    if sign_input.url == UrlArg::Absent && sign_input.policy != PolicyArg::Absent {
        sign_input.policy_resource = Some(first_resource(&options.policy));
    }
    let url = compat::get_signed_url(&sign_input, |hash, bytes| options.sign(hash, bytes))
        .map_err(compat_to_js)?;
    Ok(js_string(&url))
}

/// `getSignedCookies({ url, keyPairId, privateKey, passphrase, dateLessThan,
/// dateGreaterThan, ipAddress, policy, algorithm })`: a drop-in for
/// `@aws-sdk/cloudfront-signer`'s function (3.1166.0), returning an object
/// with the same keys in the same order and the same value types.
///
/// Quirk-compatible: `CloudFront-Key-Pair-Id` is the raw `keyPairId` value
/// (a number stays a number, `undefined` stays present), then
/// `CloudFront-Signature`, `CloudFront-Expires` as a number (canned) or
/// `CloudFront-Policy` (custom), then `CloudFront-Hash-Algorithm: "SHA256"`
/// when asked for; the url is signed exactly as given (no rewriting, unlike
/// `getSignedUrl`); with a `policy`, the url is ignored. Dates, IPs and
/// errors behave as in `getSignedUrl`.
///
/// Stricter or different: as `getSignedUrl` (keys: RSA and EC P-256 only;
/// our key error messages; deterministic ECDSA).
#[wasm_bindgen(js_name = getSignedCookies)]
pub fn get_signed_cookies(input: JsValue) -> Result<JsValue, JsValue> {
    let options = Options::read(&input, &COOKIE_FIELDS, "ipAddress")?;
    let sign_input = options.sign_input();
    let values = compat::get_signed_cookies(&sign_input, |hash, bytes| options.sign(hash, bytes))
        .map_err(compat_to_js)?;
    let cookies = Object::new();
    let set = |name: &str, value: &JsValue| {
        let _ = Reflect::set(&cookies, &JsValue::from_str(name), value);
    };
    set("CloudFront-Key-Pair-Id", &options.key_pair_id);
    set(
        "CloudFront-Signature",
        &JsValue::from_str(&values.signature),
    );
    if let Some(expires) = values.expires {
        set("CloudFront-Expires", &JsValue::from_f64(expires as f64));
    }
    if let Some(policy) = &values.policy {
        set("CloudFront-Policy", &JsValue::from_str(policy));
    }
    if let Some(hash) = values.hash_algorithm {
        set("CloudFront-Hash-Algorithm", &JsValue::from_str(hash));
    }
    Ok(cookies.into())
}

/// The options, read in the order the AWS package destructures them.
const URL_FIELDS: [&str; 9] = [
    "dateLessThan",
    "dateGreaterThan",
    "url",
    "keyPairId",
    "privateKey",
    "ipAddress",
    "policy",
    "passphrase",
    "algorithm",
];
const COOKIE_FIELDS: [&str; 9] = [
    "ipAddress",
    "url",
    "privateKey",
    "keyPairId",
    "dateLessThan",
    "dateGreaterThan",
    "policy",
    "passphrase",
    "algorithm",
];

/// The raw option values.
struct Options {
    url: JsValue,
    key_pair_id: JsValue,
    private_key: JsValue,
    passphrase: JsValue,
    date_less_than: JsValue,
    date_greater_than: JsValue,
    ip_address: JsValue,
    policy: JsValue,
    algorithm: JsValue,
}

impl Options {
    fn read(input: &JsValue, order: &[&str; 9], first: &str) -> Result<Options, JsValue> {
        if input.is_undefined() || input.is_null() {
            let (shown, what) = if input.is_null() {
                ("object null", "null")
            } else {
                ("undefined", "undefined")
            };
            return Err(compat_to_js(CompatError::type_error(
                ErrorKind::InvalidArgument,
                format!("Cannot destructure property '{first}' of '{shown}' as it is {what}."),
            )));
        }
        let readable = input.is_object() || input.is_function();
        let mut values: Vec<(&str, JsValue)> = Vec::with_capacity(order.len());
        for &name in order {
            let value = if readable {
                Reflect::get(input, &JsValue::from_str(name)).map_err(|thrown| {
                    compat_to_js(compat_from_js(&thrown, ErrorKind::InvalidArgument))
                })?
            } else {
                JsValue::UNDEFINED
            };
            values.push((name, value));
        }
        let take = |name: &str| {
            values
                .iter()
                .find(|(field, _)| *field == name)
                .map_or(JsValue::UNDEFINED, |(_, value)| value.clone())
        };
        Ok(Options {
            url: take("url"),
            key_pair_id: take("keyPairId"),
            private_key: take("privateKey"),
            passphrase: take("passphrase"),
            date_less_than: take("dateLessThan"),
            date_greater_than: take("dateGreaterThan"),
            ip_address: take("ipAddress"),
            policy: take("policy"),
            algorithm: take("algorithm"),
        })
    }

    /// Converts every option eagerly; conversion errors are kept and
    /// surfaced by the core at the step where the AWS package meets them.
    fn sign_input(&self) -> SignInput {
        SignInput {
            url: url_arg(&self.url),
            key_pair_id: KeyPairIdArg::Undefined,
            date_less_than: date_arg(&self.date_less_than),
            date_greater_than: date_arg(&self.date_greater_than),
            ip_address: ip_arg(&self.ip_address),
            policy: policy_arg(&self.policy),
            policy_resource: None,
            algorithm: if self.algorithm.as_string().as_deref() == Some("SHA256") {
                HashAlgorithm::Sha256
            } else {
                HashAlgorithm::Sha1
            },
        }
    }

    /// Signs as `createSign(...).sign({ key, passphrase })` would: the key's
    /// type is checked, then the passphrase's, then the key is parsed (or
    /// taken from the cache).
    fn sign(&self, hash: HashAlgorithm, bytes: &[u8]) -> Result<Vec<u8>, CompatError> {
        let _wipe = StackWipe::new();
        let key_text = key_material(&self.private_key)?;
        let passphrase = passphrase_bytes(&self.passphrase)?;
        KEY_CACHE.with(|cache| {
            let mut cache = cache.try_borrow_mut().map_err(|_| {
                CompatError::error(ErrorKind::InvalidArgument, "the signer is busy")
            })?;
            let passphrase = passphrase.as_deref().map(|p| p.as_slice());
            let key = cache.get_or_load(&key_text, passphrase, with_node_engine)?;
            Ok(key.sign(hash, bytes)?)
        })
    }
}

/// Gives a freshly parsed key the `node:crypto` engine where it exists (the
/// AWS package signs with SHA-1 unless told otherwise: that is the check).
fn with_node_engine(key: PrivateKey) -> SigningKey {
    let engine = NodeCryptoEngine::for_key(&key);
    let signing_key = SigningKey::new(key);
    match engine {
        Some(engine) => signing_key.with_engine(Box::new(engine), HashAlgorithm::Sha1),
        None => signing_key,
    }
}

/// A JS string primitive as UTF-16, lone surrogates kept.
fn text_of(value: &JsValue) -> JsText {
    let Some(text) = value.as_string() else {
        return JsText::default();
    };
    if !text.contains(char::REPLACEMENT_CHARACTER) {
        return JsText::from(text);
    }
    match value.dyn_ref::<JsString>() {
        Some(string) => JsText::from_units(string.iter().collect()),
        None => JsText::from(text),
    }
}

/// A string or `String` object as text; `None` for anything else.
fn string_like(value: &JsValue) -> Option<JsText> {
    if value.is_string() {
        return Some(text_of(value));
    }
    if value.is_instance_of::<StringObject>() {
        return host_string(value).ok().map(|primitive| text_of(&primitive));
    }
    None
}

/// JS ToString (a Symbol throws, as in a template literal).
fn to_text(value: &JsValue, kind: ErrorKind) -> Result<JsText, CompatError> {
    if value.is_symbol() {
        return Err(CompatError::type_error(
            kind,
            "Cannot convert a Symbol value to a string",
        ));
    }
    host_string(value)
        .map(|text| text_of(&text))
        .map_err(|thrown| compat_from_js(&thrown, kind))
}

fn url_arg(value: &JsValue) -> UrlArg {
    if value.is_falsy() {
        return UrlArg::Absent;
    }
    string_like(value).map_or(UrlArg::NotAString, UrlArg::Text)
}

fn date_arg(value: &JsValue) -> DateArg {
    if value.is_falsy() {
        return DateArg::Absent;
    }
    match HostDate::new(value) {
        Ok(date) => DateArg::Millis(date.get_time()),
        Err(thrown) => DateArg::Failed(compat_from_js(&thrown, ErrorKind::InvalidDate)),
    }
}

fn ip_arg(value: &JsValue) -> IpArg {
    if value.is_falsy() {
        return IpArg::Absent;
    }
    match string_like(value) {
        Some(text) => IpArg::Text(text),
        None => IpArg::NotAString(to_text(value, ErrorKind::InvalidIp)),
    }
}

fn policy_arg(value: &JsValue) -> PolicyArg {
    if value.is_falsy() {
        return PolicyArg::Absent;
    }
    if value.is_string() {
        return PolicyArg::Text(text_of(value));
    }
    if ArrayBuffer::is_view(value) {
        let buffer = HostBytes::copy_of(value)
            .map(|copy| copy.unchecked_into::<Uint8Array>().to_vec())
            .unwrap_or_default();
        return PolicyArg::Bytes {
            signed: view_bytes(value),
            buffer,
        };
    }
    PolicyArg::Other {
        received: received(value),
    }
}

/// The raw bytes of a typed array, `DataView` or `ArrayBuffer` (none if
/// the buffer was detached).
fn view_bytes(view: &JsValue) -> Vec<u8> {
    let read = |name: &str| Reflect::get(view, &JsValue::from_str(name)).ok();
    let (buffer, offset, length) = if view.is_instance_of::<ArrayBuffer>() {
        (view.clone(), 0.0, read("byteLength"))
    } else {
        let Some(buffer) = read("buffer") else {
            return Vec::new();
        };
        let offset = read("byteOffset").and_then(|v| v.as_f64()).unwrap_or(0.0);
        (buffer, offset, read("byteLength"))
    };
    let length = length.and_then(|v| v.as_f64()).unwrap_or(0.0);
    HostBytes::view_of(&buffer, offset, length)
        .map(|bytes| bytes.unchecked_into::<Uint8Array>().to_vec())
        .unwrap_or_default()
}

/// `(parsed?.Statement ?? []).map((s) => s.Resource)[0]`, with `JSON.parse`
/// for a string policy, as `getSignedUrl` finds a URL when it has none.
fn first_resource(policy: &JsValue) -> FirstResource {
    let parsed = if policy.is_string() {
        match json_parse(policy) {
            Ok(parsed) => parsed,
            Err(thrown) => {
                return FirstResource::Failed(compat_from_js(&thrown, ErrorKind::InvalidPolicy))
            }
        }
    } else {
        policy.clone()
    };
    let property = |target: &JsValue, name: &str| -> Result<JsValue, CompatError> {
        if target.is_object() || target.is_function() {
            Reflect::get(target, &JsValue::from_str(name))
                .map_err(|thrown| compat_from_js(&thrown, ErrorKind::InvalidPolicy))
        } else {
            Ok(JsValue::UNDEFINED)
        }
    };
    let statement = match property(&parsed, "Statement") {
        Ok(statement) => statement,
        Err(error) => return FirstResource::Failed(error),
    };
    if statement.is_undefined() || statement.is_null() {
        return FirstResource::Missing;
    }
    if !Array::is_array(&statement) {
        return FirstResource::Failed(not_an_array());
    }
    let statements: Array = statement.unchecked_into();
    let mut first = JsValue::UNDEFINED;
    for index in 0..statements.length() {
        let element = statements.get(index);
        if element.is_undefined() || element.is_null() {
            let shown = if element.is_null() {
                "null"
            } else {
                "undefined"
            };
            return FirstResource::Failed(CompatError::type_error(
                ErrorKind::InvalidPolicy,
                format!("Cannot read properties of {shown} (reading 'Resource')"),
            ));
        }
        match property(&element, "Resource") {
            Ok(resource) if index == 0 => first = resource,
            Ok(_) => {}
            Err(error) => return FirstResource::Failed(error),
        }
    }
    if first.is_falsy() {
        return FirstResource::Missing;
    }
    match string_like(&first) {
        Some(text) => FirstResource::Text(text),
        None => FirstResource::Failed(not_a_string()),
    }
}

/// The key as Node's `sign()` takes it: a string or bytes holding PEM, or
/// a private `KeyObject` (exported to PKCS#8 PEM). Other types are refused
/// with Node's `TypeError` message.
fn key_material(value: &JsValue) -> Result<Zeroizing<Vec<u8>>, CompatError> {
    if let Some(text) = value.as_string() {
        return Ok(Zeroizing::new(text.into_bytes()));
    }
    if ArrayBuffer::is_view(value) {
        return Ok(Zeroizing::new(view_bytes(value)));
    }
    if value.is_instance_of::<ArrayBuffer>() {
        return Ok(Zeroizing::new(view_bytes(value)));
    }
    match constructor_name(value).as_deref() {
        Some(name) if name.ends_with("KeyObject") => return key_object_pem(value),
        Some("CryptoKey") => return Err(CompatError::error(
            ErrorKind::UnsupportedKey,
            "CryptoKey objects are not supported by this drop-in; pass the private key's PEM text",
        )),
        _ => {}
    }
    Err(CompatError::type_error(
        ErrorKind::InvalidKey,
        format!(
            "The \"key.key\" property must be of type string or an instance of ArrayBuffer, Buffer, TypedArray, DataView, KeyObject, or CryptoKey. Received {}",
            received(value)
        ),
    ))
}

/// A Node `KeyObject`: a private one is exported as PKCS#8 PEM.
fn key_object_pem(value: &JsValue) -> Result<Zeroizing<Vec<u8>>, CompatError> {
    let kind = Reflect::get(value, &JsValue::from_str("type"))
        .ok()
        .and_then(|t| t.as_string())
        .unwrap_or_default();
    if kind != "private" {
        return Err(CompatError::type_error(
            ErrorKind::InvalidKey,
            format!("Invalid key object type {kind}, expected private."),
        ));
    }
    let export = Reflect::get(value, &JsValue::from_str("export"))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    let options = Object::new();
    let _ = Reflect::set(
        &options,
        &JsValue::from_str("format"),
        &JsValue::from_str("pem"),
    );
    let _ = Reflect::set(
        &options,
        &JsValue::from_str("type"),
        &JsValue::from_str("pkcs8"),
    );
    let pem = match export {
        Some(export) => export
            .call1(value, &JsValue::from(options))
            .map_err(|thrown| compat_from_js(&thrown, ErrorKind::InvalidKey))?,
        None => JsValue::UNDEFINED,
    };
    pem.as_string()
        .map(|pem| Zeroizing::new(pem.into_bytes()))
        .ok_or_else(|| {
            CompatError::error(
                ErrorKind::InvalidKey,
                "the KeyObject could not be exported as PEM",
            )
        })
}

/// The passphrase as Node takes it: `undefined`, a string or bytes.
fn passphrase_bytes(value: &JsValue) -> Result<Option<Zeroizing<Vec<u8>>>, CompatError> {
    if value.is_undefined() {
        return Ok(None);
    }
    if let Some(text) = value.as_string() {
        return Ok(Some(Zeroizing::new(text.into_bytes())));
    }
    if ArrayBuffer::is_view(value) {
        return Ok(Some(Zeroizing::new(view_bytes(value))));
    }
    if value.is_instance_of::<ArrayBuffer>() {
        return Ok(Some(Zeroizing::new(view_bytes(value))));
    }
    let shown = match inspect_primitive(value) {
        Some(shown) => shown,
        None if value.is_function() => format!(
            "[Function: {}]",
            function_name(value).unwrap_or_else(|| "(anonymous)".into())
        ),
        None => match constructor_name(value) {
            Some(name) => format!("an instance of {name}"),
            None => "an object".into(),
        },
    };
    Err(CompatError::type_error(
        ErrorKind::InvalidArgument,
        format!("The property 'options.passphrase' is invalid. Received {shown}"),
    ))
}

/// How Node's `ERR_INVALID_ARG_TYPE` describes the value it received.
fn received(value: &JsValue) -> String {
    if value.is_undefined() {
        return "undefined".into();
    }
    if value.is_null() {
        return "null".into();
    }
    if value.is_function() {
        if let Some(name) = function_name(value) {
            return format!("function {name}");
        }
        return "type function ([Function (anonymous)])".into();
    }
    if value.is_object() {
        return match constructor_name(value) {
            Some(name) => format!("an instance of {name}"),
            None => "[Object: null prototype] {}".into(),
        };
    }
    let typeof_name = value.js_typeof().as_string().unwrap_or_default();
    let mut shown = inspect_primitive(value).unwrap_or_default();
    if shown.chars().count() > 28 {
        shown = format!("{}...", shown.chars().take(25).collect::<String>());
    }
    format!("type {typeof_name} ({shown})")
}

/// `util.inspect` of a primitive.
fn inspect_primitive(value: &JsValue) -> Option<String> {
    if value.is_null() {
        return Some("null".into());
    }
    if let Some(number) = value.as_f64() {
        if number == 0.0 && number.is_sign_negative() {
            return Some("-0".into());
        }
    }
    if let Some(text) = value.as_string() {
        return Some(format!("'{text}'"));
    }
    if value.is_bigint() {
        return host_string(value)
            .ok()?
            .as_string()
            .map(|s| format!("{s}n"));
    }
    if value.as_f64().is_some() || value.as_bool().is_some() || value.is_symbol() {
        return host_string(value).ok()?.as_string();
    }
    None
}

fn constructor_name(value: &JsValue) -> Option<String> {
    if !value.is_object() {
        return None;
    }
    let constructor = Reflect::get(value, &JsValue::from_str("constructor")).ok()?;
    function_name(&constructor)
}

fn function_name(value: &JsValue) -> Option<String> {
    if !value.is_function() {
        return None;
    }
    Reflect::get(value, &JsValue::from_str("name"))
        .ok()?
        .as_string()
        .filter(|name| !name.is_empty())
}
