//! Signatures a signer has prepared for `signUrlAsync`/`signCookiesAsync`
//! and not yet finished, by number: the package's JavaScript
//! (`async-signing.js`) awaits WebCrypto between `signer.pendingUrl` (or
//! `pendingCookies`) and `signer.finishPending`.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::JsValue;

use super::convert::object_of;
use super::error::{js_error, IntoJs, JsResult};
use super::webcrypto::WebCrypto;
use super::wipe::StackWipe;
use crate::{ErrorKind, Signer, Unsigned};

/// What a pending signature becomes once signed.
pub(crate) enum Output {
    Url,
    Cookies,
}

/// A policy waiting for its signature. It holds the signer, so that a
/// signature under way completes after `free()`.
struct Pending {
    unsigned: Unsigned,
    output: Output,
    signer: Rc<Signer>,
}

/// The pending signatures of one signer (a handful at most at a time, so
/// a list: a map would add kilobytes of code to the module).
#[derive(Default)]
pub(crate) struct PendingSignatures {
    next: Cell<u32>,
    waiting: RefCell<Vec<(u32, Pending)>>,
}

impl PendingSignatures {
    /// Keeps `unsigned` until [`finish`](Self::finish) and returns its number.
    pub(crate) fn add(&self, unsigned: Unsigned, output: Output, signer: Rc<Signer>) -> u32 {
        let id = self.next.get();
        self.next.set(id.wrapping_add(1));
        let pending = Pending {
            unsigned,
            output,
            signer,
        };
        self.waiting.borrow_mut().push((id, pending));
        id
    }

    /// The signed URL (a string) or cookie set (an object) of pending
    /// signature `id`. `signature` is WebCrypto's answer to the request
    /// made with it, or `None`; the signer signs itself whenever there is
    /// no answer or [`WebCrypto::accept`] refuses it.
    pub(crate) fn finish(
        &self,
        id: u32,
        webcrypto: &WebCrypto,
        signature: Option<Vec<u8>>,
    ) -> JsResult<JsValue> {
        let pending = {
            let mut waiting = self.waiting.borrow_mut();
            let index = waiting.iter().position(|(number, _)| *number == id);
            index.map(|index| waiting.swap_remove(index).1)
        };
        let Some(Pending {
            unsigned,
            output,
            signer,
        }) = pending
        else {
            return Err(js_error(
                ErrorKind::InvalidArgument,
                "no signature with this number is pending (signUrlAsync and signCookiesAsync finish each one once)",
            ));
        };
        let (key, hash, message) = (signer.key(), unsigned.hash_algorithm(), unsigned.message());
        let signature = match webcrypto.accept(key, hash, message, signature) {
            Some(signature) => signature,
            None => {
                let _wipe = StackWipe::new();
                signer.sign_policy(message).js()?
            }
        };
        match output {
            Output::Url => unsigned.into_url(&signature).js().map(JsValue::from),
            Output::Cookies => Ok(object_of(unsigned.into_cookies(&signature).iter()).into()),
        }
    }
}
