//! Errors of the drop-in: our stable code plus the JS error class and the
//! message `@aws-sdk/cloudfront-signer` throws for the same input.

use std::fmt;

use super::JsText;
use crate::{Error, ErrorKind};

/// The JavaScript error constructor the AWS package throws for a failure.
///
/// ```
/// use cloudfront_signer::compat::ErrorClass;
/// assert_eq!(ErrorClass::TypeError.name(), "TypeError");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorClass {
    /// `Error`.
    Error,
    /// `TypeError`.
    TypeError,
    /// `URIError` (`URI malformed`).
    UriError,
    /// `SyntaxError` (a policy that is not JSON).
    SyntaxError,
    /// `RangeError`.
    RangeError,
}

impl ErrorClass {
    /// The constructor's name, as `error.name` shows it.
    pub fn name(self) -> &'static str {
        match self {
            ErrorClass::Error => "Error",
            ErrorClass::TypeError => "TypeError",
            ErrorClass::UriError => "URIError",
            ErrorClass::SyntaxError => "SyntaxError",
            ErrorClass::RangeError => "RangeError",
        }
    }

    /// The class for an `error.name`; unknown names map to `Error`.
    pub fn from_name(name: &str) -> Self {
        match name {
            "TypeError" => ErrorClass::TypeError,
            "URIError" => ErrorClass::UriError,
            "SyntaxError" => ErrorClass::SyntaxError,
            "RangeError" => ErrorClass::RangeError,
            _ => ErrorClass::Error,
        }
    }
}

/// A failure of `getSignedUrl`/`getSignedCookies`: our [`ErrorKind`] (the
/// JS `code`), the JS class and the message the AWS package would throw.
///
/// ```
/// use cloudfront_signer::compat::{CompatError, ErrorClass};
/// use cloudfront_signer::ErrorKind;
/// let error = CompatError::new(ErrorKind::InvalidUrl, ErrorClass::UriError, "URI malformed");
/// assert_eq!((error.code(), error.class().name(), error.message()), ("ERR_INVALID_URL", "URIError", "URI malformed"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompatError {
    error: Error,
    class: ErrorClass,
    /// The message as a JS string, when it quotes input with lone surrogates.
    text: Option<JsText>,
}

impl CompatError {
    /// An error of `kind`, thrown as a JS `class` with `message`.
    pub fn new(kind: ErrorKind, class: ErrorClass, message: impl Into<String>) -> Self {
        CompatError {
            error: Error::new(kind, message),
            class,
            text: None,
        }
    }

    /// An error whose message is a JS string that may hold lone surrogates
    /// (it quotes the caller's input).
    pub fn with_text(kind: ErrorKind, class: ErrorClass, message: JsText) -> Self {
        CompatError {
            error: Error::new(kind, message.to_string()),
            class,
            text: Some(message),
        }
    }

    /// A plain JS `Error`.
    pub fn error(kind: ErrorKind, message: impl Into<String>) -> Self {
        Self::new(kind, ErrorClass::Error, message)
    }

    /// A JS `TypeError`.
    pub fn type_error(kind: ErrorKind, message: impl Into<String>) -> Self {
        Self::new(kind, ErrorClass::TypeError, message)
    }

    /// `URIError: URI malformed`, what `encodeURIComponent` throws on a lone surrogate.
    pub fn uri_malformed(kind: ErrorKind) -> Self {
        Self::new(kind, ErrorClass::UriError, "URI malformed")
    }

    /// The kind of failure.
    pub fn kind(&self) -> ErrorKind {
        self.error.kind()
    }

    /// Our stable code, e.g. `ERR_INVALID_DATE`.
    pub fn code(&self) -> &'static str {
        self.error.code()
    }

    /// The JS class to throw.
    pub fn class(&self) -> ErrorClass {
        self.class
    }

    /// The message (lone surrogates shown as U+FFFD).
    pub fn message(&self) -> &str {
        self.error.message()
    }

    /// The message exactly as the JS error carries it.
    pub fn message_text(&self) -> JsText {
        self.text
            .clone()
            .unwrap_or_else(|| JsText::from(self.error.message()))
    }
}

/// Core errors (key loading, signing) are thrown as plain `Error`s, which
/// is what Node throws for OpenSSL failures.
impl From<Error> for CompatError {
    fn from(error: Error) -> Self {
        CompatError {
            error,
            class: ErrorClass::Error,
            text: None,
        }
    }
}

impl fmt::Display for CompatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.class.name(), self.message())
    }
}

impl std::error::Error for CompatError {}
