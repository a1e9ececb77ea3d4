//! JS values into core types, refusing wrong types with a coded error.

use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use zeroize::Zeroizing;

use super::error::{js_error, IntoJs, JsResult};
use crate::time::{parse_date, seconds_from_number};
use crate::ErrorKind;

/// Describes a JS value's type for error messages, never its content.
pub(crate) fn type_name(value: &JsValue) -> String {
    if value.is_null() {
        "null".into()
    } else if Array::is_array(value) {
        "an array".into()
    } else {
        value
            .js_typeof()
            .as_string()
            .unwrap_or_else(|| "a value".into())
    }
}

/// The options object argument: `undefined`/`null` mean "no options".
pub(crate) fn options_object(value: &JsValue, what: &str) -> JsResult<Option<Object>> {
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    if !value.is_object() || Array::is_array(value) {
        return Err(js_error(
            ErrorKind::InvalidArgument,
            format!("{what} must be an object, not {}", type_name(value)),
        ));
    }
    Ok(Some(value.clone().unchecked_into()))
}

/// Reads `object[name]`; a missing object or property reads as `undefined`.
pub(crate) fn field(object: Option<&Object>, name: &str) -> JsResult<JsValue> {
    match object {
        None => Ok(JsValue::UNDEFINED),
        Some(object) => Reflect::get(object, &JsValue::from_str(name)).map_err(|_| {
            js_error(
                ErrorKind::InvalidArgument,
                format!("reading option {name:?} threw"),
            )
        }),
    }
}

/// Whether a value counts as "not given".
pub(crate) fn absent(value: &JsValue) -> bool {
    value.is_undefined() || value.is_null()
}

/// A required string argument.
pub(crate) fn string(value: &JsValue, what: &str) -> JsResult<String> {
    value.as_string().ok_or_else(|| {
        js_error(
            ErrorKind::InvalidArgument,
            format!("{what} must be a string, not {}", type_name(value)),
        )
    })
}

/// An optional string argument.
pub(crate) fn optional_string(value: &JsValue, what: &str) -> JsResult<Option<String>> {
    if absent(value) {
        Ok(None)
    } else {
        string(value, what).map(Some)
    }
}

/// An optional boolean argument.
pub(crate) fn optional_bool(value: &JsValue, what: &str) -> JsResult<Option<bool>> {
    if absent(value) {
        return Ok(None);
    }
    value.as_bool().map(Some).ok_or_else(|| {
        js_error(
            ErrorKind::InvalidArgument,
            format!("{what} must be true or false, not {}", type_name(value)),
        )
    })
}

/// A date: a `Date`, an ISO-8601 string or a number of epoch seconds.
pub(crate) fn date(value: &JsValue, what: &str) -> JsResult<i64> {
    if let Some(date) = value.dyn_ref::<js_sys::Date>() {
        let millis = date.get_time();
        if !millis.is_finite() {
            return Err(js_error(
                ErrorKind::InvalidDate,
                format!("{what} is an Invalid Date"),
            ));
        }
        return seconds_from_number((millis / 1000.0).floor()).js();
    }
    if let Some(text) = value.as_string() {
        return parse_date(&text).map_err(|e| prefixed(what, e));
    }
    if let Some(number) = value.as_f64() {
        return seconds_from_number(number).map_err(|e| prefixed(what, e));
    }
    Err(js_error(
        ErrorKind::InvalidDate,
        format!(
            "{what} must be a Date, an ISO-8601 string or a number of epoch seconds, not {}",
            type_name(value)
        ),
    ))
}

/// An optional date.
pub(crate) fn optional_date(value: &JsValue, what: &str) -> JsResult<Option<i64>> {
    if absent(value) {
        Ok(None)
    } else {
        date(value, what).map(Some)
    }
}

fn prefixed(what: &str, error: crate::Error) -> JsValue {
    js_error(error.kind(), format!("{what}: {}", error.message()))
}

/// Key bytes: a string (PEM, or JWK JSON), a `Uint8Array`/`Buffer`, an
/// `ArrayBuffer`, or a JWK object. Held in a zeroizing buffer.
pub(crate) fn key_bytes(value: &JsValue, what: &str) -> JsResult<Zeroizing<Vec<u8>>> {
    if let Some(text) = value.as_string() {
        return Ok(Zeroizing::new(text.into_bytes()));
    }
    if let Some(array) = value.dyn_ref::<Uint8Array>() {
        return Ok(Zeroizing::new(array.to_vec()));
    }
    if let Some(buffer) = value.dyn_ref::<js_sys::ArrayBuffer>() {
        return Ok(Zeroizing::new(Uint8Array::new(buffer).to_vec()));
    }
    if value.is_object() && !Array::is_array(value) {
        if let Ok(json) = js_sys::JSON::stringify(value) {
            if let Some(text) = json.as_string() {
                return Ok(Zeroizing::new(text.into_bytes()));
            }
        }
    }
    Err(js_error(
        ErrorKind::InvalidKey,
        format!(
            "{what} must be a PEM string, DER bytes (Uint8Array) or a JWK object, not {}",
            type_name(value)
        ),
    ))
}

/// Builds a plain JS object from ordered `(name, value)` string pairs.
pub(crate) fn object_of<'a, 'b>(pairs: impl Iterator<Item = (&'a str, &'b str)>) -> Object {
    let object = Object::new();
    for (name, value) in pairs {
        let _ = Reflect::set(&object, &JsValue::from_str(name), &JsValue::from_str(value));
    }
    object
}

/// Sets `object[name] = value`.
pub(crate) fn set(object: &Object, name: &str, value: impl Into<JsValue>) {
    let _ = Reflect::set(object, &JsValue::from_str(name), &value.into());
}

/// A JS string from UTF-16 text, lone surrogates included.
pub(crate) fn js_string(text: &crate::compat::JsText) -> JsValue {
    if let Some(text) = text.to_string_strict() {
        return JsValue::from_str(&text);
    }
    let mut out = js_sys::JsString::from("");
    for chunk in text.units().chunks(4096) {
        out = out.concat(&js_sys::JsString::from_char_code(chunk).into());
    }
    out.into()
}
