//! JS values into core types, refusing wrong types with a coded error.
//!
//! Arguments come from callers we do not control, so every JS operation on
//! them goes through an import that catches what it throws (a Proxy trap, a
//! getter, a revoked Proxy, a detached buffer): an exception that crossed
//! the Rust frames instead would surface without a `code` and skip their
//! clean-up. Strings and byte arrays are measured before they are copied
//! into linear memory, so an oversized argument is refused without growing
//! the module's memory.

use js_sys::{Array, ArrayBuffer, JsString, Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use zeroize::Zeroizing;

use super::error::{js_error, IntoJs, JsResult};
use crate::key::MAX_KEY_BYTES;
use crate::time::{parse_date, seconds_from_number};
use crate::ErrorKind;

/// The longest string argument copied into the module, in bytes: the
/// largest input any entry point takes (a key). Tighter bounds (URLs,
/// policies) are checked by the core after the copy.
pub(crate) const MAX_ARGUMENT_BYTES: usize = MAX_KEY_BYTES;

#[wasm_bindgen]
extern "C" {
    /// `Array.isArray(value)`; throws for a revoked Proxy.
    #[wasm_bindgen(catch, js_namespace = Array, js_name = isArray)]
    fn checked_is_array(value: &JsValue) -> Result<bool, JsValue>;

    /// `Object.entries(value)`; runs Proxy traps and getters.
    #[wasm_bindgen(catch, js_namespace = Object, js_name = entries)]
    fn checked_entries(value: &JsValue) -> Result<Array, JsValue>;

    /// A `DataView`, constructed only to tell a real `ArrayBuffer`: the
    /// constructor reads an internal slot, never a Proxy trap.
    #[wasm_bindgen(js_name = DataView)]
    type BufferProbe;

    #[wasm_bindgen(catch, constructor, js_class = "DataView")]
    fn new(value: &JsValue) -> Result<BufferProbe, JsValue>;

    /// `new Uint8Array(value)`: a copy of a typed array, or a view of an
    /// `ArrayBuffer`; throws for a detached buffer.
    #[wasm_bindgen(js_name = Uint8Array)]
    type ByteView;

    #[wasm_bindgen(catch, constructor, js_class = "Uint8Array")]
    fn new(value: &JsValue) -> Result<ByteView, JsValue>;

    /// A value that passed `instanceof Date`, which a Proxy can fake.
    #[wasm_bindgen(js_name = Date)]
    type DateLike;

    /// `date.getTime()`; throws for an object that only claims to be a Date.
    #[wasm_bindgen(catch, method, js_class = "Date", js_name = getTime)]
    fn get_time(this: &DateLike) -> Result<f64, JsValue>;
}

/// Whether a value is an array; a revoked Proxy counts as one (it can be
/// used as nothing else).
fn is_array(value: &JsValue) -> bool {
    checked_is_array(value).unwrap_or(true)
}

/// Describes a JS value's type for error messages, never its content.
pub(crate) fn type_name(value: &JsValue) -> String {
    if value.is_null() {
        "null".into()
    } else if is_array(value) {
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
    if !value.is_object() || is_array(value) {
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

/// The most entries read from an object argument (trusted keys, cookies):
/// each one takes two slots of the module's table of JS values, and a
/// table that cannot grow traps the instance.
pub(crate) const MAX_ENTRIES: usize = 1000;

/// The `[key, value]` pairs of an object, as `Object.entries` lists them;
/// `None` when there are more than [`MAX_ENTRIES`]. Typed arrays (whose
/// entries are their bytes) are refused.
pub(crate) fn entries(object: &JsValue, what: &str) -> JsResult<Option<Vec<(JsValue, JsValue)>>> {
    if ArrayBuffer::is_view(object) {
        return Err(js_error(
            ErrorKind::InvalidArgument,
            format!("{what} must be a plain object, not a typed array"),
        ));
    }
    let list = checked_entries(object).map_err(|_| {
        js_error(
            ErrorKind::InvalidArgument,
            format!("listing the entries of {what} threw"),
        )
    })?;
    if list.length() as usize > MAX_ENTRIES {
        return Ok(None);
    }
    Ok(Some(
        list.iter()
            .map(|entry| {
                let pair: Array = entry.unchecked_into();
                (pair.get(0), pair.get(1))
            })
            .collect(),
    ))
}

/// The refusal of an object argument with more than [`MAX_ENTRIES`] entries.
pub(crate) fn too_many_entries(what: &str) -> JsValue {
    js_error(
        ErrorKind::InputTooLarge,
        format!("{what} has more than {MAX_ENTRIES} entries, the most accepted"),
    )
}

/// Whether a value counts as "not given".
pub(crate) fn absent(value: &JsValue) -> bool {
    value.is_undefined() || value.is_null()
}

/// The refusal of an argument longer than `max` bytes.
pub(crate) fn too_large(what: &str, max: usize) -> JsValue {
    js_error(
        ErrorKind::InputTooLarge,
        format!("{what} is longer than {max} bytes, the most accepted"),
    )
}

/// A string longer than the bound it was read with.
pub(crate) struct TooLong;

/// A string value copied into the module, or `None` when it is not a
/// string; longer than `max` bytes is refused before the copy.
pub(crate) fn string_up_to(value: &JsValue, max: usize) -> Result<Option<String>, TooLong> {
    let Some(text) = value.dyn_ref::<JsString>() else {
        return Ok(None);
    };
    // UTF-16 code units never outnumber UTF-8 bytes, so more units than
    // `max` means more bytes than `max`.
    if text.length() as usize > max {
        return Err(TooLong);
    }
    Ok(value.as_string())
}

/// [`string_up_to`], refusing a longer string with `ERR_INPUT_TOO_LARGE`.
pub(crate) fn bounded_string(value: &JsValue, what: &str, max: usize) -> JsResult<Option<String>> {
    string_up_to(value, max).map_err(|TooLong| too_large(what, max))
}

/// A required string argument of at most `max` bytes.
pub(crate) fn string_within(value: &JsValue, what: &str, max: usize) -> JsResult<String> {
    bounded_string(value, what, max)?.ok_or_else(|| {
        js_error(
            ErrorKind::InvalidArgument,
            format!("{what} must be a string, not {}", type_name(value)),
        )
    })
}

/// A required string argument.
pub(crate) fn string(value: &JsValue, what: &str) -> JsResult<String> {
    string_within(value, what, MAX_ARGUMENT_BYTES)
}

/// An optional string argument of at most `max` bytes.
pub(crate) fn optional_string_within(
    value: &JsValue,
    what: &str,
    max: usize,
) -> JsResult<Option<String>> {
    if absent(value) {
        Ok(None)
    } else {
        string_within(value, what, max).map(Some)
    }
}

/// An optional string argument.
pub(crate) fn optional_string(value: &JsValue, what: &str) -> JsResult<Option<String>> {
    optional_string_within(value, what, MAX_ARGUMENT_BYTES)
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
    if value.is_instance_of::<js_sys::Date>() {
        let millis = value
            .unchecked_ref::<DateLike>()
            .get_time()
            .unwrap_or(f64::NAN);
        if !millis.is_finite() {
            return Err(js_error(
                ErrorKind::InvalidDate,
                format!("{what} is an Invalid Date"),
            ));
        }
        return seconds_from_number((millis / 1000.0).floor()).js();
    }
    if let Some(text) = bounded_string(value, what, MAX_ARGUMENT_BYTES)? {
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

/// The bytes of a genuine `ArrayBuffer` (what `crypto.subtle.sign` resolves
/// to); `None` for any other value or a detached buffer. Cheaper than
/// [`bytes`], whose probe throws for every value that is not a buffer.
pub(crate) fn array_buffer_bytes(value: &JsValue) -> Option<Vec<u8>> {
    if !value.is_instance_of::<ArrayBuffer>() || BufferProbe::new(value).is_err() {
        return None;
    }
    let view: Uint8Array = ByteView::new(value).ok()?.unchecked_into();
    Some(view.to_vec())
}

/// The bytes of a real `Uint8Array` (or `Buffer`) or `ArrayBuffer`, copied
/// into a buffer wiped on drop; `None` for any other value. A Proxy never
/// passes: `ArrayBuffer.isView` and the `DataView` constructor look at
/// internal slots, not at traps.
pub(crate) fn bytes(value: &JsValue, what: &str) -> JsResult<Option<Zeroizing<Vec<u8>>>> {
    let is_buffer = BufferProbe::new(value).is_ok();
    let is_byte_array = ArrayBuffer::is_view(value) && value.is_instance_of::<Uint8Array>();
    if !is_buffer && !is_byte_array {
        return Ok(None);
    }
    // A view of an ArrayBuffer, or a copy of a typed array: the copy is
    // ours, and is wiped once its bytes are in the module.
    let array: Uint8Array = ByteView::new(value)
        .map(JsCast::unchecked_into)
        .map_err(|_| {
            js_error(
                ErrorKind::InvalidArgument,
                format!("{what} cannot be read (is its buffer detached?)"),
            )
        })?;
    let len = array.length() as usize;
    if len > MAX_ARGUMENT_BYTES {
        if !is_buffer {
            array.fill(0, 0, array.length());
        }
        return Err(too_large(what, MAX_ARGUMENT_BYTES));
    }
    let copy = Zeroizing::new(array.to_vec());
    if !is_buffer {
        array.fill(0, 0, array.length());
    }
    Ok(Some(copy))
}

/// Key bytes: a string (PEM, or JWK JSON), a `Uint8Array`/`Buffer`, an
/// `ArrayBuffer`, or a JWK object. Held in a zeroizing buffer.
pub(crate) fn key_bytes(value: &JsValue, what: &str) -> JsResult<Zeroizing<Vec<u8>>> {
    if let Some(text) = bounded_string(value, what, MAX_KEY_BYTES)? {
        return Ok(Zeroizing::new(text.into_bytes()));
    }
    if let Some(bytes) = bytes(value, what)? {
        return Ok(bytes);
    }
    if value.is_object() && !is_array(value) {
        if let Ok(json) = js_sys::JSON::stringify(value) {
            if let Some(text) = bounded_string(&json, what, MAX_KEY_BYTES)? {
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
