//! The `webcrypto` engine behind `signUrlAsync`/`signCookiesAsync`:
//! `crypto.subtle` with the key imported once, lazily at the first
//! asynchronous signature (never in the constructor: Workers refuse such
//! work in global scope), trusted after its first signature verifies.

use std::cell::{Cell, RefCell};

use js_sys::{Function, Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::{HashAlgorithm, KeyType, PrivateKey};

/// The imported `CryptoKey` (as a promise) and what is known of the engine.
#[derive(Default)]
pub(crate) struct WebCrypto {
    key: RefCell<Option<Promise>>,
    trusted: Cell<bool>,
    broken: Cell<bool>,
}

impl WebCrypto {
    /// Signs with `crypto.subtle`; `None` when it is missing or misbehaves,
    /// after which this engine is never tried again for the signer.
    pub(crate) async fn sign(
        &self,
        key: &PrivateKey,
        hash: HashAlgorithm,
        message: &[u8],
    ) -> Option<Vec<u8>> {
        if self.broken.get() {
            return None;
        }
        let signature = self.try_sign(key, hash, message).await;
        let checked = signature.filter(|signature| {
            self.trusted.get() || key.public_key().verify(hash, message, signature)
        });
        match &checked {
            Some(_) => self.trusted.set(true),
            None => self.broken.set(true),
        }
        checked
    }

    async fn try_sign(
        &self,
        key: &PrivateKey,
        hash: HashAlgorithm,
        message: &[u8],
    ) -> Option<Vec<u8>> {
        let subtle = subtle()?;
        let imported = self.imported_key(&subtle, key, hash)?;
        let crypto_key = JsFuture::from(imported).await.ok()?;
        let algorithm = Object::new();
        let _ = Reflect::set(&algorithm, &"name".into(), &algorithm_name(key).into());
        let _ = Reflect::set(&algorithm, &"hash".into(), &hash_name(hash).into());
        let sign: Function = Reflect::get(&subtle, &"sign".into())
            .ok()?
            .dyn_into()
            .ok()?;
        let data = Uint8Array::from(message);
        let promise: Promise = sign
            .call3(&subtle, &algorithm, &crypto_key, &data)
            .ok()?
            .dyn_into()
            .ok()?;
        let raw = Uint8Array::new(&JsFuture::from(promise).await.ok()?).to_vec();
        match key.key_type() {
            KeyType::Rsa => Some(raw),
            KeyType::Ec => key.der_from_p1363(&raw),
        }
    }

    /// The `importKey` promise, started on first use; the PKCS#8 copy handed
    /// to JS is wiped as soon as `importKey` has copied it.
    fn imported_key(
        &self,
        subtle: &JsValue,
        key: &PrivateKey,
        hash: HashAlgorithm,
    ) -> Option<Promise> {
        if let Some(promise) = self.key.borrow().as_ref() {
            return Some(promise.clone());
        }
        let import: Function = Reflect::get(subtle, &"importKey".into())
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
        let usages = js_sys::Array::of1(&"sign".into());
        let arguments = js_sys::Array::of5(
            &"pkcs8".into(),
            &bytes,
            &algorithm,
            &JsValue::FALSE,
            &usages,
        );
        let promise = import.apply(subtle, &arguments);
        bytes.fill(0, 0, bytes.length());
        let promise: Promise = promise.ok()?.dyn_into().ok()?;
        *self.key.borrow_mut() = Some(promise.clone());
        Some(promise)
    }
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
