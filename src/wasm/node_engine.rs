//! The `node` engine: `node:crypto` with a `KeyObject` created once, reached
//! synchronously through `process.getBuiltinModule` (Node 20.16+, Bun,
//! Deno) and never by a static import, so browser and Workers bundles never
//! see it.

use js_sys::{Function, Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};

use crate::{HashAlgorithm, PrivateKey, SigningEngine};

/// Signs with `crypto.sign(hash, data, keyObject)`.
pub(crate) struct NodeCryptoEngine {
    crypto: JsValue,
    sign: Function,
    key_object: JsValue,
}

impl NodeCryptoEngine {
    /// Creates the engine when `node:crypto` is reachable and takes the key;
    /// `None` anywhere else. The DER copy handed to JS (PKCS#1 for keys read
    /// as RSA-2048, else PKCS#8) is wiped after use.
    pub(crate) fn for_key(key: &PrivateKey) -> Option<Self> {
        let process = Reflect::get(&js_sys::global(), &JsValue::from_str("process")).ok()?;
        let get_builtin: Function = Reflect::get(&process, &JsValue::from_str("getBuiltinModule"))
            .ok()?
            .dyn_into()
            .ok()?;
        let crypto = get_builtin
            .call1(&process, &JsValue::from_str("node:crypto"))
            .ok()?;
        let create: Function = Reflect::get(&crypto, &JsValue::from_str("createPrivateKey"))
            .ok()?
            .dyn_into()
            .ok()?;
        let sign: Function = Reflect::get(&crypto, &JsValue::from_str("sign"))
            .ok()?
            .dyn_into()
            .ok()?;
        let pkcs8;
        let (der, form): (&[u8], &str) = match key.pkcs1_der() {
            Some(pkcs1) => (pkcs1, "pkcs1"),
            None => {
                pkcs8 = key.to_pkcs8_der().ok()?;
                (&pkcs8, "pkcs8")
            }
        };
        let bytes = Uint8Array::from(der);
        let options = Object::new();
        let _ = Reflect::set(&options, &JsValue::from_str("key"), &bytes);
        let _ = Reflect::set(
            &options,
            &JsValue::from_str("format"),
            &JsValue::from_str("der"),
        );
        let _ = Reflect::set(
            &options,
            &JsValue::from_str("type"),
            &JsValue::from_str(form),
        );
        let key_object = create.call1(&crypto, &options);
        bytes.fill(0, 0, bytes.length());
        Some(NodeCryptoEngine {
            crypto,
            sign,
            key_object: key_object.ok()?,
        })
    }
}

impl SigningEngine for NodeCryptoEngine {
    fn name(&self) -> &'static str {
        "node"
    }

    fn sign(&self, hash: HashAlgorithm, message: &[u8]) -> Option<Vec<u8>> {
        let algorithm = match hash {
            HashAlgorithm::Sha1 => "sha1",
            HashAlgorithm::Sha256 => "sha256",
        };
        let signature = self
            .sign
            .call3(
                &self.crypto,
                &JsValue::from_str(algorithm),
                &Uint8Array::from(message),
                &self.key_object,
            )
            .ok()?;
        Some(signature.dyn_into::<Uint8Array>().ok()?.to_vec())
    }
}
