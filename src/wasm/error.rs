//! Core errors as JS `Error` objects carrying a stable `code`.

use wasm_bindgen::JsValue;

use crate::{Error, ErrorKind};

/// Converts a core error into a JS `Error` with `code` and `name` set.
pub(crate) fn to_js(error: Error) -> JsValue {
    let js_error = js_sys::Error::new(error.message());
    js_error.set_name("CloudFrontSignerError");
    let _ = js_sys::Reflect::set(
        &js_error,
        &JsValue::from_str("code"),
        &JsValue::from_str(error.code()),
    );
    js_error.into()
}

/// A JS-facing result: the error is already a JS `Error`.
pub(crate) type JsResult<T> = Result<T, JsValue>;

/// Shorthand: a JS `Error` of `kind` with `message`.
pub(crate) fn js_error(kind: ErrorKind, message: impl Into<String>) -> JsValue {
    to_js(Error::new(kind, message))
}

/// The error of a signer or verifier used after `free()`.
pub(crate) fn freed(class: &str) -> JsValue {
    js_error(
        ErrorKind::Freed,
        format!("this {class} was freed (free() or a `using` block ended) and its keys wiped; create a new one"),
    )
}

/// Lets `?` turn core results into JS results.
pub(crate) trait IntoJs<T> {
    fn js(self) -> JsResult<T>;
}

impl<T> IntoJs<T> for crate::Result<T> {
    fn js(self) -> JsResult<T> {
        self.map_err(to_js)
    }
}
