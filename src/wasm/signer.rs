//! `CloudFrontSigner`: the JS class around a core `Signer`.

use std::rc::Rc;

use js_sys::{Array, Object};
use wasm_bindgen::prelude::*;
use zeroize::Zeroizing;

use super::convert::{
    absent, array_buffer_bytes, bounded_string, bytes, field, key_bytes, object_of, optional_date,
    optional_string, optional_string_within, options_object, set, string, string_within, type_name,
};
use super::error::{freed, js_error, IntoJs, JsResult};
use super::node_engine::NodeCryptoEngine;
use super::pending::{Output, PendingSignatures};
use super::webcrypto::WebCrypto;
use super::wipe::StackWipe;
use crate::key::MAX_KEY_BYTES;
use crate::policy::MAX_POLICY_BYTES;
use crate::url::MAX_URL_BYTES;
use crate::{ErrorKind, HashAlgorithm, Ipv4Cidr, PrivateKey, SignOptions, Signer, Unsigned};

/// A CloudFront signer: the private key is parsed once, here, and reused.
///
/// `free()` (also `Symbol.dispose`) drops the signer at once, which wipes
/// the key (an asynchronous signature under way keeps it until it is done);
/// every later use throws `ERR_FREED`. This `free` replaces the one
/// wasm-bindgen generates, which would release the object itself and leave
/// later calls to fail with an uncoded "null pointer" error: the small object
/// left behind is released by the garbage collector instead.
#[wasm_bindgen(js_name = CloudFrontSigner)]
pub struct JsSigner {
    signer: Option<Rc<Signer>>,
    webcrypto: WebCrypto,
    pending: PendingSignatures,
}

#[wasm_bindgen(js_class = CloudFrontSigner)]
impl JsSigner {
    /// `new CloudFrontSigner({ keyPairId, privateKey, passphrase?, hashAlgorithm? })`
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue) -> JsResult<JsSigner> {
        let _wipe = StackWipe::new();
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
            signer: Some(Rc::new(signer)),
            webcrypto: WebCrypto::default(),
            pending: PendingSignatures::default(),
        })
    }

    fn signer(&self) -> JsResult<&Rc<Signer>> {
        self.signer
            .as_ref()
            .ok_or_else(|| freed("CloudFrontSigner"))
    }

    /// Wipes the key now; the signer cannot be used afterwards.
    #[wasm_bindgen(js_name = free)]
    pub fn dispose(&mut self) {
        self.signer = None;
    }

    /// `signer.signUrl(url, { expires, notBefore?, ipAddress?, resource?, policy? })`
    #[wasm_bindgen(js_name = signUrl)]
    pub fn sign_url(&self, url: JsValue, options: JsValue) -> JsResult<String> {
        let _wipe = StackWipe::new();
        let signer = self.signer()?;
        let url = string_within(&url, "url", MAX_URL_BYTES)?;
        let options = sign_options(&options, true)?;
        signer.sign_url(&url, &options).js()
    }

    /// `signer.signCookies(resource, { expires, notBefore?, ipAddress?, policy? })`
    #[wasm_bindgen(js_name = signCookies)]
    pub fn sign_cookies(&self, resource: JsValue, options: JsValue) -> JsResult<Object> {
        let _wipe = StackWipe::new();
        let signer = self.signer()?;
        let resource = string_within(&resource, "resource", MAX_POLICY_BYTES)?;
        let options = sign_options(&options, false)?;
        let cookies = signer.sign_cookies(&resource, &options).js()?;
        Ok(object_of(cookies.iter()))
    }

    /// `signer.pendingUrl(url, options)`: everything of `signUrl` but the
    /// signature, for the package's `signUrlAsync`. Returns
    /// `[id, cryptoKeyPromise, algorithm, policyBytes]` when WebCrypto is to
    /// sign (where the wasm core would), else `[id]`; `finishPending` ends it.
    #[wasm_bindgen(js_name = pendingUrl)]
    pub fn pending_url(&self, url: JsValue, options: JsValue) -> JsResult<Array> {
        let _wipe = StackWipe::new();
        let signer = self.signer()?;
        let url = string_within(&url, "url", MAX_URL_BYTES)?;
        let options = sign_options(&options, true)?;
        let unsigned = signer.prepare_url(&url, &options).js()?;
        Ok(self.pending(unsigned, Output::Url, signer))
    }

    /// `signer.pendingCookies(resource, options)`: everything of
    /// `signCookies` but the signature, for the package's
    /// `signCookiesAsync`; returns what `pendingUrl` returns.
    #[wasm_bindgen(js_name = pendingCookies)]
    pub fn pending_cookies(&self, resource: JsValue, options: JsValue) -> JsResult<Array> {
        let _wipe = StackWipe::new();
        let signer = self.signer()?;
        let resource = string_within(&resource, "resource", MAX_POLICY_BYTES)?;
        let options = sign_options(&options, false)?;
        let unsigned = signer.prepare_cookies(&resource, &options).js()?;
        Ok(self.pending(unsigned, Output::Cookies, signer))
    }

    /// `signer.finishPending(id, signature?)`: the signed URL or cookie set
    /// of a pending signature, given WebCrypto's signature (the
    /// `ArrayBuffer` `crypto.subtle.sign` resolves to; anything else counts
    /// as no answer); works after `free()` for signatures under way.
    #[wasm_bindgen(js_name = finishPending)]
    pub fn finish_pending(&self, id: JsValue, signature: JsValue) -> JsResult<JsValue> {
        let id = id
            .as_f64()
            .filter(|id| id.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(id))
            .ok_or_else(|| {
                js_error(
                    ErrorKind::InvalidArgument,
                    "finishPending takes the number pendingUrl or pendingCookies returned",
                )
            })?;
        let signature = array_buffer_bytes(&signature);
        self.pending.finish(id as u32, &self.webcrypto, signature)
    }

    fn pending(&self, unsigned: Unsigned, output: Output, signer: &Rc<Signer>) -> Array {
        let request = match signer.engine_name() {
            "wasm" => {
                self.webcrypto
                    .request(signer.key(), unsigned.hash_algorithm(), unsigned.message())
            }
            _ => None,
        };
        let id = JsValue::from(self.pending.add(unsigned, output, Rc::clone(signer)));
        match request {
            Some(request) => Array::of4(&id, &request.key, &request.algorithm, &request.message),
            None => Array::of1(&id),
        }
    }

    /// `"RSA"` or `"EC"`.
    #[wasm_bindgen(getter, js_name = keyType)]
    pub fn key_type(&self) -> JsResult<String> {
        Ok(self.signer()?.key().key_type().as_str().to_string())
    }

    /// The key size in bits (2048 for the RSA keys CloudFront key groups take).
    #[wasm_bindgen(getter, js_name = keyBits)]
    pub fn key_bits(&self) -> JsResult<u32> {
        Ok(self.signer()?.key().bits())
    }

    /// Where the private-key operation runs: `"node"` (node:crypto) or `"wasm"`.
    #[wasm_bindgen(getter)]
    pub fn engine(&self) -> JsResult<String> {
        Ok(self.signer()?.engine_name().to_string())
    }

    /// The key-pair id URLs and cookies carry.
    #[wasm_bindgen(getter, js_name = keyPairId)]
    pub fn key_pair_id(&self) -> JsResult<String> {
        Ok(self.signer()?.key_pair_id().to_string())
    }

    /// `"SHA1"` or `"SHA256"`.
    #[wasm_bindgen(getter, js_name = hashAlgorithm)]
    pub fn hash_algorithm(&self) -> JsResult<String> {
        Ok(self.signer()?.hash_algorithm().as_str().to_string())
    }

    /// The matching public key as SPKI PEM, ready for a CloudFront key group.
    #[wasm_bindgen(getter, js_name = publicKeyPem)]
    pub fn public_key_pem(&self) -> JsResult<String> {
        Ok(self.signer()?.key().public_key().to_pem())
    }

    /// What `JSON.stringify(signer)` shows: never key material.
    #[wasm_bindgen(js_name = toJSON)]
    pub fn to_json(&self) -> JsResult<Object> {
        let object = Object::new();
        set(&object, "keyPairId", self.key_pair_id()?);
        set(&object, "keyType", self.key_type()?);
        set(&object, "keyBits", self.key_bits()?);
        set(&object, "hashAlgorithm", self.hash_algorithm()?);
        set(&object, "engine", self.engine()?);
        Ok(object)
    }
}

fn passphrase(value: &JsValue) -> JsResult<Option<Zeroizing<Vec<u8>>>> {
    if absent(value) {
        return Ok(None);
    }
    if let Some(text) = bounded_string(value, "passphrase", MAX_KEY_BYTES)? {
        return Ok(Some(Zeroizing::new(text.into_bytes())));
    }
    if let Some(bytes) = bytes(value, "passphrase")? {
        return Ok(Some(bytes));
    }
    Err(js_error(
        ErrorKind::InvalidArgument,
        format!(
            "passphrase must be a string or a Uint8Array, not {}",
            type_name(value)
        ),
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
    let resource =
        optional_string_within(&field(object, "resource")?, "resource", MAX_POLICY_BYTES)?;
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
        policy: optional_string_within(&field(object, "policy")?, "policy", MAX_POLICY_BYTES)?,
        now: Some((js_sys::Date::now() / 1000.0).floor() as i64),
    })
}
