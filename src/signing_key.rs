//! A private key together with the engine, if any, that signs with it.

use std::fmt;

use crate::engine::{SigningEngine, PROBE};
use crate::error::Result;
use crate::hash::HashAlgorithm;
use crate::key::PrivateKey;

/// A private key, and optionally a platform engine trusted to sign with it.
///
/// ```
/// use cloudfront_signer::{HashAlgorithm, PrivateKey, SigningKey};
/// let key = PrivateKey::from_pem(include_str!("../tests/keys/ec-sec1.pem"), None).unwrap();
/// let signing_key = SigningKey::new(key);
/// assert_eq!(signing_key.sign(HashAlgorithm::Sha256, b"policy").unwrap()[0], 0x30);
/// ```
pub struct SigningKey {
    key: PrivateKey,
    engine: Option<Box<dyn SigningEngine>>,
}

impl SigningKey {
    /// The key alone: this crate signs.
    pub fn new(key: PrivateKey) -> Self {
        SigningKey { key, engine: None }
    }

    /// Hands the private-key operation to `engine`, after a one-time self
    /// check: its signature of a fixed probe under `hash` must verify for
    /// this key. An engine that fails is dropped.
    pub fn with_engine(mut self, engine: Box<dyn SigningEngine>, hash: HashAlgorithm) -> Self {
        let trusted = engine
            .sign(hash, PROBE)
            .and_then(|signature| self.key.canonical_signature(signature))
            .is_some_and(|signature| self.key.verify(hash, PROBE, &signature));
        if trusted {
            self.engine = Some(engine);
        }
        self
    }

    /// Checks the engine again, for another hash.
    pub fn rechecked(mut self, hash: HashAlgorithm) -> Self {
        match self.engine.take() {
            Some(engine) => self.with_engine(engine, hash),
            None => self,
        }
    }

    /// Where signatures are made: the engine's name, or `"wasm"` on
    /// WebAssembly and `"native"` elsewhere when this crate signs itself.
    pub fn engine_name(&self) -> &'static str {
        match &self.engine {
            Some(engine) => engine.name(),
            None if cfg!(target_arch = "wasm32") => "wasm",
            None => "native",
        }
    }

    /// The private key.
    pub fn key(&self) -> &PrivateKey {
        &self.key
    }

    /// Signs with the engine, or with this crate's own code when there is
    /// none or it fails: RSA PKCS#1 v1.5, or canonical (low-S) DER ECDSA.
    pub fn sign(&self, hash: HashAlgorithm, message: &[u8]) -> Result<Vec<u8>> {
        let from_engine = self
            .engine
            .as_ref()
            .and_then(|engine| engine.sign(hash, message))
            .and_then(|signature| self.key.canonical_signature(signature));
        match from_engine {
            Some(signature) => Ok(signature),
            None => self.key.sign(hash, message),
        }
    }
}

impl fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SigningKey")
            .field("key", &self.key)
            .field("engine", &self.engine_name())
            .finish()
    }
}
