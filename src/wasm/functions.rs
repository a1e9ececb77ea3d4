//! Free functions of the package: `buildPolicy`, `toSetCookieHeaders`, `encodePath`.

use js_sys::{Array, Object};
use wasm_bindgen::prelude::*;

use super::convert::{
    absent, date, entries, field, optional_bool, optional_date, optional_string,
    optional_string_within, options_object, set, string, string_within, too_many_entries,
};
use super::error::{js_error, IntoJs, JsResult};
use crate::cookies::{
    COOKIE_EXPIRES, COOKIE_HASH_ALGORITHM, COOKIE_KEY_PAIR_ID, COOKIE_POLICY, COOKIE_SIGNATURE,
};
use crate::policy::MAX_POLICY_BYTES;
use crate::url::MAX_URL_BYTES;
use crate::{
    CookieAttributes, ErrorKind, Ipv4Cidr, PolicyChoice, PolicyKind, SameSite, SignOptions,
    SignedCookies,
};

/// `buildPolicy(url, { expires, notBefore?, ipAddress?, resource? })`: the
/// exact policy bytes a signature would cover, whether it is canned or
/// custom, and why.
#[wasm_bindgen(js_name = buildPolicy)]
pub fn build_policy(url: JsValue, options: JsValue) -> JsResult<Object> {
    let url = string_within(&url, "url", MAX_URL_BYTES)?;
    let object = options_object(&options, "the policy options")?;
    let object = object.as_ref();
    let ip_address = match optional_string(&field(object, "ipAddress")?, "ipAddress")? {
        Some(text) => Some(text.parse::<Ipv4Cidr>().js()?),
        None => None,
    };
    let expires = field(object, "expires")?;
    if absent(&expires) {
        return Err(js_error(ErrorKind::InvalidDate, "expires is required"));
    }
    let options = SignOptions {
        expires: Some(date(&expires, "expires")?),
        not_before: optional_date(&field(object, "notBefore")?, "notBefore")?,
        ip_address,
        resource: optional_string_within(
            &field(object, "resource")?,
            "resource",
            MAX_POLICY_BYTES,
        )?,
        policy: None,
        now: None,
    };
    let choice = PolicyChoice::build(&url, &options).js()?;
    let result = Object::new();
    set(&result, "policy", choice.json.as_str());
    set(&result, "canned", choice.kind == PolicyKind::Canned);
    set(&result, "reason", choice.reason);
    Ok(result)
}

/// `toSetCookieHeaders(cookies, { domain?, path?, secure?, httpOnly?, sameSite?, expires?, maxAge? })`:
/// one `Set-Cookie` header value per CloudFront cookie.
#[wasm_bindgen(js_name = toSetCookieHeaders)]
pub fn to_set_cookie_headers(cookies: JsValue, options: JsValue) -> JsResult<Array> {
    let cookie_object = options_object(&cookies, "cookies")?.ok_or_else(|| {
        js_error(
            ErrorKind::InvalidArgument,
            "cookies must be the object signCookies returned",
        )
    })?;
    let mut signed = SignedCookies::default();
    let pairs = entries(&cookie_object, "cookies")?.ok_or_else(|| too_many_entries("cookies"))?;
    for (name, value) in pairs {
        let name = string(&name, "a cookie name")?;
        let value = string(&value, &format!("cookie {name:?}"))?;
        let known = [
            COOKIE_EXPIRES,
            COOKIE_POLICY,
            COOKIE_SIGNATURE,
            COOKIE_KEY_PAIR_ID,
            COOKIE_HASH_ALGORITHM,
        ];
        let Some(name) = known.iter().copied().find(|known| *known == name) else {
            return Err(js_error(
                ErrorKind::InvalidArgument,
                format!("{name:?} is not a CloudFront cookie name"),
            ));
        };
        if value.is_empty()
            || !value
                .bytes()
                .all(|b| b.is_ascii_graphic() && !matches!(b, b';' | b',' | b'"' | b'\\'))
        {
            return Err(js_error(
                ErrorKind::InvalidArgument,
                format!("the value of {name} is not a valid cookie value"),
            ));
        }
        signed.push(name, value);
    }
    let object = options_object(&options, "the cookie options")?;
    let object = object.as_ref();
    let defaults = CookieAttributes::default();
    let attributes = CookieAttributes {
        domain: optional_string(&field(object, "domain")?, "domain")?,
        path: optional_string(&field(object, "path")?, "path")?.unwrap_or(defaults.path),
        secure: optional_bool(&field(object, "secure")?, "secure")?.unwrap_or(defaults.secure),
        http_only: optional_bool(&field(object, "httpOnly")?, "httpOnly")?
            .unwrap_or(defaults.http_only),
        same_site: match optional_string(&field(object, "sameSite")?, "sameSite")? {
            Some(text) => Some(text.parse::<SameSite>().js()?),
            None => None,
        },
        expires: optional_date(&field(object, "expires")?, "expires")?,
        max_age: match field(object, "maxAge")? {
            value if absent(&value) => None,
            value => match value.as_f64() {
                Some(seconds)
                    if seconds.is_finite() && seconds.fract() == 0.0 && seconds.abs() < 1e12 =>
                {
                    Some(seconds as i64)
                }
                _ => {
                    return Err(js_error(
                        ErrorKind::InvalidCookieOption,
                        "maxAge must be a whole number of seconds",
                    ))
                }
            },
        },
    };
    let lines = crate::to_set_cookie_headers(&signed, &attributes).js()?;
    Ok(lines.into_iter().map(JsValue::from).collect())
}

/// `encodePath(rawPath)`: percent-encodes a raw path or S3 key as UTF-8,
/// keeping `/` and unreserved characters, ready to put in a URL to sign.
#[wasm_bindgen(js_name = encodePath)]
pub fn encode_path(raw: JsValue) -> JsResult<String> {
    Ok(crate::url::encode_path(&string(&raw, "path")?))
}
