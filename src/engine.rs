//! Signing engines: somewhere other than this crate's own arithmetic where
//! the private-key operation can run (the platform's native crypto).

use crate::hash::HashAlgorithm;

/// Runs the private-key operation of a [`Signer`](crate::Signer) elsewhere,
/// for example in `node:crypto`. Everything else (policies, encoding, URL
/// and cookie assembly) stays in this crate.
///
/// An engine returns `None` when it cannot sign; the signer then signs with
/// its own implementation, so a failing engine never fails a signature.
///
/// ```
/// use cloudfront_signer::{HashAlgorithm, SigningEngine};
/// struct Refusing;
/// impl SigningEngine for Refusing {
///     fn name(&self) -> &'static str { "refusing" }
///     fn sign(&self, _: HashAlgorithm, _: &[u8]) -> Option<Vec<u8>> { None }
/// }
/// assert_eq!(Refusing.name(), "refusing");
/// ```
pub trait SigningEngine: ThreadSafeOutsideWasm {
    /// A short name, such as `"node"`.
    fn name(&self) -> &'static str;

    /// Signs `message` with `hash`: RSA PKCS#1 v1.5, or ECDSA DER.
    fn sign(&self, hash: HashAlgorithm, message: &[u8]) -> Option<Vec<u8>>;
}

/// `Send + Sync` natively, so that signers can be shared between threads;
/// nothing on `wasm32`, where engines hold JavaScript values (which are
/// neither) and there is one thread.
#[cfg(not(target_arch = "wasm32"))]
pub trait ThreadSafeOutsideWasm: Send + Sync {}
#[cfg(not(target_arch = "wasm32"))]
impl<T: Send + Sync + ?Sized> ThreadSafeOutsideWasm for T {}

/// `Send + Sync` natively; nothing on `wasm32` (see the native definition).
#[cfg(target_arch = "wasm32")]
pub trait ThreadSafeOutsideWasm {}
#[cfg(target_arch = "wasm32")]
impl<T: ?Sized> ThreadSafeOutsideWasm for T {}

/// The fixed message an engine must sign correctly before it is trusted.
pub(crate) const PROBE: &[u8] = br#"{"Statement":[{"Resource":"https://probe.invalid/engine-self-check","Condition":{"DateLessThan":{"AWS:EpochTime":2147483647}}}]}"#;
