//! `PendingSignature`: a URL or cookie set whose policy the wasm core has
//! built, waiting for its signature. The package's `signUrlAsync` and
//! `signCookiesAsync` (`async-signing.js`) get one from
//! `signer.pendingUrl`/`pendingCookies`, sign its `webCrypto` request with
//! `crypto.subtle`, and hand the result to `finish`.

use std::rc::Rc;

use wasm_bindgen::prelude::*;

use super::convert::object_of;
use super::error::{IntoJs, JsResult};
use super::webcrypto::WebCrypto;
use super::wipe::StackWipe;
use crate::{Signer, Unsigned};

/// What a pending signature becomes once signed.
pub(crate) enum Output {
    Url,
    Cookies,
}

/// A policy waiting for its signature (the signer, and its key, stay alive
/// until it is finished).
#[wasm_bindgen(js_name = PendingSignature)]
pub struct JsPendingSignature {
    unsigned: Unsigned,
    output: Output,
    signer: Rc<Signer>,
    webcrypto: Rc<WebCrypto>,
}

impl JsPendingSignature {
    pub(crate) fn new(
        unsigned: Unsigned,
        output: Output,
        signer: Rc<Signer>,
        webcrypto: Rc<WebCrypto>,
    ) -> Self {
        JsPendingSignature {
            unsigned,
            output,
            signer,
            webcrypto,
        }
    }
}

#[wasm_bindgen(js_class = PendingSignature)]
impl JsPendingSignature {
    /// `[cryptoKeyPromise, algorithm, policyBytes]` for `crypto.subtle.sign`
    /// where the wasm core would sign, or `undefined` where the signer's
    /// engine signs (node:crypto) or WebCrypto is missing or misbehaved.
    #[wasm_bindgen(getter, js_name = webCrypto)]
    pub fn web_crypto(&self) -> JsValue {
        if self.signer.engine_name() != "wasm" {
            return JsValue::UNDEFINED;
        }
        let (key, hash) = (self.signer.key(), self.unsigned.hash_algorithm());
        self.webcrypto
            .request(key, hash, self.unsigned.message())
            .map_or(JsValue::UNDEFINED, JsValue::from)
    }

    /// `pending.finish(signature?)`: the signed URL (a string) or cookie set
    /// (an object). `signature` is WebCrypto's answer to `webCrypto`, or
    /// `undefined` when there was none; the signer signs itself whenever
    /// there is no answer or the answer is wrong.
    pub fn finish(self, signature: Option<Vec<u8>>) -> JsResult<JsValue> {
        let (key, hash, message) = (
            self.signer.key(),
            self.unsigned.hash_algorithm(),
            self.unsigned.message(),
        );
        let signature = match self.webcrypto.accept(key, hash, message, signature) {
            Some(signature) => signature,
            None => {
                let _wipe = StackWipe::new();
                self.signer.sign_policy(message).js()?
            }
        };
        match self.output {
            Output::Url => self.unsigned.into_url(&signature).js().map(JsValue::from),
            Output::Cookies => Ok(object_of(self.unsigned.into_cookies(&signature).iter()).into()),
        }
    }
}
