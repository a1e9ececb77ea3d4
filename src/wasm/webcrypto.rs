//! The `webcrypto` engine behind `signUrlAsync`/`signCookiesAsync`:
//! `crypto.subtle` with the key imported once, lazily at the first
//! asynchronous signature (never in the constructor: Workers refuse such
//! work in global scope), trusted after its first signature verifies.
//!
//! The awaiting happens in the package's JavaScript (`async-signing.js`),
//! which hands a [`SignRequest`] to `crypto.subtle.sign` and its answer
//! back to [`WebCrypto::accept`] (see `pending.rs`): plain promises cost
//! less there than Rust futures driven through wasm-bindgen.

use std::cell::{Cell, RefCell};

use js_sys::{Array, Function, Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};

use crate::{HashAlgorithm, KeyType, PrivateKey};

/// What `crypto.subtle.sign(algorithm, await key, message)` takes.
pub(crate) struct SignRequest {
    pub(crate) key: Promise,
    pub(crate) algorithm: Object,
    pub(crate) message: Uint8Array,
}

/// The imported `CryptoKey` (as a promise), the `sign` algorithm, and what
/// is known of the engine.
#[derive(Default)]
pub(crate) struct WebCrypto {
    key: RefCell<Option<Promise>>,
    algorithm: RefCell<Option<Object>>,
    trusted: Cell<bool>,
    broken: Cell<bool>,
}

impl WebCrypto {
    /// The arguments of `crypto.subtle.sign` (the key still a promise):
    /// `None` when WebCrypto is missing or has misbehaved for this signer.
    pub(crate) fn request(
        &self,
        key: &PrivateKey,
        hash: HashAlgorithm,
        message: &[u8],
    ) -> Option<SignRequest> {
        if self.broken.get() {
            return None;
        }
        let Some(key_promise) = self.imported_key(key, hash) else {
            self.broken.set(true);
            return None;
        };
        let algorithm = self
            .algorithm
            .borrow_mut()
            .get_or_insert_with(|| sign_algorithm(key, hash))
            .clone();
        Some(SignRequest {
            key: key_promise,
            algorithm,
            message: Uint8Array::from(message),
        })
    }

    /// Takes WebCrypto's answer to a [`request`](Self::request): RSA bytes
    /// as they are, ECDSA converted from `r || s` to DER, checked against the
    /// public key until one has verified. `None` (the engine is then never
    /// asked again) when there is no answer or it is wrong.
    pub(crate) fn accept(
        &self,
        key: &PrivateKey,
        hash: HashAlgorithm,
        message: &[u8],
        raw: Option<Vec<u8>>,
    ) -> Option<Vec<u8>> {
        let signature = raw.and_then(|raw| match key.key_type() {
            KeyType::Rsa => Some(raw),
            KeyType::Ec => key.der_from_p1363(&raw),
        });
        let checked = signature.filter(|signature| {
            self.trusted.get() || key.public_key().verify(hash, message, signature)
        });
        match &checked {
            Some(_) => self.trusted.set(true),
            None => self.broken.set(true),
        }
        checked
    }

    /// The `importKey` promise, started on first use; the PKCS#8 copy handed
    /// to JS is wiped as soon as `importKey` has copied it.
    fn imported_key(&self, key: &PrivateKey, hash: HashAlgorithm) -> Option<Promise> {
        if let Some(promise) = self.key.borrow().as_ref() {
            return Some(promise.clone());
        }
        let subtle = subtle()?;
        let import: Function = Reflect::get(&subtle, &"importKey".into())
            .ok()?
            .dyn_into()
            .ok()?;
        let der = key.to_pkcs8_der().ok()?;
        let bytes = Uint8Array::from(&der[..]);
        let algorithm = Object::new();
        let _ = Reflect::set(&algorithm, &"name".into(), &algorithm_name(key).into());
        match key.key_type() {
            KeyType::Rsa => Reflect::set(&algorithm, &"hash".into(), &hash_name(hash).into()),
            KeyType::Ec => Reflect::set(&algorithm, &"namedCurve".into(), &"P-256".into()),
        }
        .ok()?;
        let usages = Array::of1(&"sign".into());
        let arguments = Array::of5(
            &"pkcs8".into(),
            &bytes,
            &algorithm,
            &JsValue::FALSE,
            &usages,
        );
        let promise = import.apply(&subtle, &arguments);
        bytes.fill(0, 0, bytes.length());
        let promise: Promise = promise.ok()?.dyn_into().ok()?;
        *self.key.borrow_mut() = Some(promise.clone());
        Some(promise)
    }
}

/// `crypto.subtle.sign`'s first argument: RSA takes its hash from the key,
/// ECDSA names it at each signature.
fn sign_algorithm(key: &PrivateKey, hash: HashAlgorithm) -> Object {
    let algorithm = Object::new();
    let _ = Reflect::set(&algorithm, &"name".into(), &algorithm_name(key).into());
    if key.key_type() == KeyType::Ec {
        let _ = Reflect::set(&algorithm, &"hash".into(), &hash_name(hash).into());
    }
    algorithm
}

fn subtle() -> Option<JsValue> {
    let crypto = Reflect::get(&js_sys::global(), &"crypto".into()).ok()?;
    let subtle = Reflect::get(&crypto, &"subtle".into()).ok()?;
    subtle.is_object().then_some(subtle)
}

fn algorithm_name(key: &PrivateKey) -> &'static str {
    match key.key_type() {
        KeyType::Rsa => "RSASSA-PKCS1-v1_5",
        KeyType::Ec => "ECDSA",
    }
}

fn hash_name(hash: HashAlgorithm) -> &'static str {
    match hash {
        HashAlgorithm::Sha1 => "SHA-1",
        HashAlgorithm::Sha256 => "SHA-256",
    }
}
