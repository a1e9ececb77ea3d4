//! `CloudFrontSigner`: the JS class around a core `Signer`.

use std::rc::Rc;

use js_sys::{Object, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;

use super::convert::{
    absent, field, key_bytes, object_of, optional_date, optional_string, options_object, set,
    string,
};
use super::error::{js_error, IntoJs, JsResult};
use super::node_engine::NodeCryptoEngine;
use super::webcrypto::WebCrypto;
use crate::{ErrorKind, HashAlgorithm, Ipv4Cidr, PrivateKey, SignOptions, Signer, Unsigned};

/// A CloudFront signer: the private key is parsed once, here, and reused.
#[wasm_bindgen(js_name = CloudFrontSigner)]
pub struct JsSigner {
    signer: Rc<Signer>,
    webcrypto: Rc<WebCrypto>,
}

#[wasm_bindgen(js_class = CloudFrontSigner)]
impl JsSigner {
    /// `new CloudFrontSigner({ keyPairId, privateKey, passphrase?, hashAlgorithm? })`
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue) -> JsResult<JsSigner> {
        let options =
            options_object(&options, "the CloudFrontSigner options")?.ok_or_else(|| {
                js_error(
                    ErrorKind::InvalidArgument,
                    "new CloudFrontSigner needs { keyPairId, privateKey }",
                )
            })?;
        let key_pair_id = field(Some(&options), "keyPairId")?;
        if absent(&key_pair_id) {
            return Err(js_error(
                ErrorKind::InvalidKeyPairId,
                "keyPairId is required: the public key's ID from the CloudFront key group",
            ));
        }
        let key_pair_id = string(&key_pair_id, "keyPairId")?;
        let private_key = field(Some(&options), "privateKey")?;
        if absent(&private_key) {
            return Err(js_error(
                ErrorKind::InvalidKey,
                "privateKey is required: the PEM text, DER bytes or JWK of the private key",
            ));
        }
        let bytes = key_bytes(&private_key, "privateKey")?;
        let passphrase = passphrase(&field(Some(&options), "passphrase")?)?;
        let key =
            PrivateKey::from_bytes(&bytes, passphrase.as_deref().map(|p| p.as_slice())).js()?;
        let mut signer = Signer::new(key, &key_pair_id).js()?;
        if let Some(hash) =
            optional_string(&field(Some(&options), "hashAlgorithm")?, "hashAlgorithm")?
        {
            signer = signer.with_hash_algorithm(hash.parse::<HashAlgorithm>().js()?);
        }
        let engine = optional_string(&field(Some(&options), "engine")?, "engine")?;
        match engine.as_deref().unwrap_or("auto") {
            "wasm" => {}
            wanted @ ("auto" | "node") => {
                if let Some(node) = NodeCryptoEngine::for_key(signer.key()) {
                    signer = signer.with_engine(Box::new(node));
                }
                if wanted == "node" && signer.engine_name() != "node" {
                    return Err(js_error(
                        ErrorKind::InvalidArgument,
                        "engine \"node\" needs node:crypto through process.getBuiltinModule (Node 20.16+, Bun, Deno); use \"auto\" to fall back to \"wasm\"",
                    ));
                }
            }
            _ => {
                return Err(js_error(
                    ErrorKind::InvalidArgument,
                    "engine must be \"auto\", \"node\" or \"wasm\"",
                ))
            }
        }
        Ok(JsSigner {
            signer: Rc::new(signer),
            webcrypto: Rc::default(),
        })
    }

    /// `signer.signUrl(url, { expires, notBefore?, ipAddress?, resource?, policy? })`
    #[wasm_bindgen(js_name = signUrl)]
    pub fn sign_url(&self, url: JsValue, options: JsValue) -> JsResult<String> {
        let url = string(&url, "url")?;
        let options = sign_options(&options, true)?;
        self.signer.sign_url(&url, &options).js()
    }

    /// `signer.signCookies(resource, { expires, notBefore?, ipAddress?, policy? })`
    #[wasm_bindgen(js_name = signCookies)]
    pub fn sign_cookies(&self, resource: JsValue, options: JsValue) -> JsResult<Object> {
        let resource = string(&resource, "resource")?;
        let options = sign_options(&options, false)?;
        let cookies = self.signer.sign_cookies(&resource, &options).js()?;
        Ok(object_of(cookies.iter()))
    }

    /// `await signer.signUrlAsync(url, options)`: the same URL as `signUrl`.
    /// Where the synchronous engine is the wasm core, the signature comes
    /// from WebCrypto (`crypto.subtle`, key imported once), which is much
    /// faster in browsers and Workers; without WebCrypto, or if it fails its
    /// first self-check, the wasm core signs.
    #[wasm_bindgen(js_name = signUrlAsync)]
    pub fn sign_url_async(&self, url: JsValue, options: JsValue) -> Promise {
        let prepared = string(&url, "url").and_then(|url| {
            let options = sign_options(&options, true)?;
            self.signer.prepare_url(&url, &options).js()
        });
        self.finish_async(prepared, |unsigned, signature| {
            unsigned.into_url(signature).js().map(JsValue::from)
        })
    }

    /// `await signer.signCookiesAsync(resource, options)`: the same cookies
    /// as `signCookies`, signed like `signUrlAsync`.
    #[wasm_bindgen(js_name = signCookiesAsync)]
    pub fn sign_cookies_async(&self, resource: JsValue, options: JsValue) -> Promise {
        let prepared = string(&resource, "resource").and_then(|resource| {
            let options = sign_options(&options, false)?;
            self.signer.prepare_cookies(&resource, &options).js()
        });
        self.finish_async(prepared, |unsigned, signature| {
            Ok(object_of(unsigned.into_cookies(signature).iter()).into())
        })
    }

    fn finish_async(
        &self,
        prepared: JsResult<Unsigned>,
        finish: impl FnOnce(Unsigned, &[u8]) -> JsResult<JsValue> + 'static,
    ) -> Promise {
        let unsigned = match prepared {
            Ok(unsigned) => unsigned,
            Err(error) => return Promise::reject(&error),
        };
        let signer = Rc::clone(&self.signer);
        let webcrypto = Rc::clone(&self.webcrypto);
        future_to_promise(async move {
            let (hash, message) = (unsigned.hash_algorithm(), unsigned.message().to_vec());
            let from_webcrypto = match signer.engine_name() {
                "wasm" => webcrypto.sign(signer.key(), hash, &message).await,
                _ => None,
            };
            let signature = match from_webcrypto {
                Some(signature) => signature,
                None => signer.sign_policy(&message).js()?,
            };
            finish(unsigned, &signature)
        })
    }

    /// `"RSA"` or `"EC"`.
    #[wasm_bindgen(getter, js_name = keyType)]
    pub fn key_type(&self) -> String {
        self.signer.key().key_type().as_str().to_string()
    }

    /// The key size in bits (2048 for the RSA keys CloudFront key groups take).
    #[wasm_bindgen(getter, js_name = keyBits)]
    pub fn key_bits(&self) -> u32 {
        self.signer.key().bits()
    }

    /// Where the private-key operation runs: `"node"` (node:crypto) or `"wasm"`.
    #[wasm_bindgen(getter)]
    pub fn engine(&self) -> String {
        self.signer.engine_name().to_string()
    }

    /// The key-pair id URLs and cookies carry.
    #[wasm_bindgen(getter, js_name = keyPairId)]
    pub fn key_pair_id(&self) -> String {
        self.signer.key_pair_id().to_string()
    }

    /// `"SHA1"` or `"SHA256"`.
    #[wasm_bindgen(getter, js_name = hashAlgorithm)]
    pub fn hash_algorithm(&self) -> String {
        self.signer.hash_algorithm().as_str().to_string()
    }

    /// The matching public key as SPKI PEM, ready for a CloudFront key group.
    #[wasm_bindgen(getter, js_name = publicKeyPem)]
    pub fn public_key_pem(&self) -> String {
        self.signer.key().public_key().to_pem()
    }

    /// What `JSON.stringify(signer)` shows: never key material.
    #[wasm_bindgen(js_name = toJSON)]
    pub fn to_json(&self) -> Object {
        let object = Object::new();
        set(&object, "keyPairId", self.key_pair_id());
        set(&object, "keyType", self.key_type());
        set(&object, "keyBits", self.key_bits());
        set(&object, "hashAlgorithm", self.hash_algorithm());
        set(&object, "engine", self.engine());
        object
    }
}

fn passphrase(value: &JsValue) -> JsResult<Option<zeroize::Zeroizing<Vec<u8>>>> {
    if absent(value) {
        return Ok(None);
    }
    if let Some(text) = value.as_string() {
        return Ok(Some(zeroize::Zeroizing::new(text.into_bytes())));
    }
    if let Some(bytes) = value.dyn_ref::<js_sys::Uint8Array>() {
        return Ok(Some(zeroize::Zeroizing::new(bytes.to_vec())));
    }
    Err(js_error(
        ErrorKind::InvalidArgument,
        "passphrase must be a string or a Uint8Array",
    ))
}

/// Reads `{ expires, notBefore, ipAddress, resource, policy }`.
fn sign_options(value: &JsValue, allow_resource: bool) -> JsResult<SignOptions> {
    let object = options_object(value, "the signing options")?;
    let object = object.as_ref();
    let ip_address = match optional_string(&field(object, "ipAddress")?, "ipAddress")? {
        Some(text) => Some(text.parse::<Ipv4Cidr>().js()?),
        None => None,
    };
    let resource = optional_string(&field(object, "resource")?, "resource")?;
    if resource.is_some() && !allow_resource {
        return Err(js_error(
            ErrorKind::InvalidArgument,
            "signCookies takes the resource as its first argument, not as an option",
        ));
    }
    Ok(SignOptions {
        expires: optional_date(&field(object, "expires")?, "expires")?,
        not_before: optional_date(&field(object, "notBefore")?, "notBefore")?,
        ip_address,
        resource,
        policy: optional_string(&field(object, "policy")?, "policy")?,
        now: Some((js_sys::Date::now() / 1000.0).floor() as i64),
    })
}

use wasm_bindgen::JsCast;
