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

/// Converts a drop-in error into the JS error class `@aws-sdk/cloudfront-signer`
/// throws (`Error`, `TypeError`, ...), with its message and our `code`. The
/// `name` stays the class's own, as in the AWS package.
pub(crate) fn compat_to_js(error: crate::compat::CompatError) -> JsValue {
    use crate::compat::ErrorClass;
    let message = error.message();
    let js_error: JsValue = match error.class() {
        ErrorClass::Error => js_sys::Error::new(message).into(),
        ErrorClass::TypeError => js_sys::TypeError::new(message).into(),
        ErrorClass::UriError => js_sys::UriError::new(message).into(),
        ErrorClass::SyntaxError => js_sys::SyntaxError::new(message).into(),
        ErrorClass::RangeError => js_sys::RangeError::new(message).into(),
    };
    let text = error.message_text();
    if !text.is_well_formed() {
        let _ = js_sys::Reflect::set(
            &js_error,
            &JsValue::from_str("message"),
            &super::convert::js_string(&text),
        );
    }
    let _ = js_sys::Reflect::set(
        &js_error,
        &JsValue::from_str("code"),
        &JsValue::from_str(error.code()),
    );
    js_error
}

/// A JS exception (thrown by `new Date(value)`, `JSON.parse`, a getter...)
/// as a drop-in error of `kind`, keeping its class and message.
pub(crate) fn compat_from_js(thrown: &JsValue, kind: ErrorKind) -> crate::compat::CompatError {
    use crate::compat::{CompatError, ErrorClass};
    let read = |name: &str| {
        js_sys::Reflect::get(thrown, &JsValue::from_str(name))
            .ok()
            .and_then(|value| value.as_string())
    };
    if thrown.is_object() {
        let class = ErrorClass::from_name(&read("name").unwrap_or_default());
        return CompatError::new(kind, class, read("message").unwrap_or_default());
    }
    let shown = thrown
        .as_string()
        .unwrap_or_else(|| "a non-Error value was thrown".into());
    CompatError::error(kind, shown)
}
