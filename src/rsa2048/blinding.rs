//! The cached base-blinding pair of a private key: drawn at the first
//! signature (never when the key is built: Cloudflare Workers refuse random
//! values in global scope), then squared after each use.

use std::sync::Mutex;

use super::limbs::wipe;
use super::{RsaModulus, RsaResidue};

/// `r^e` and `r^-1` modulo `n`, both in Montgomery form, for a secret
/// random `r`. Wiped on drop.
#[derive(Clone)]
pub(crate) struct BlindingPair {
    /// `r^e × R mod n`: multiplying a message by it (Montgomery product)
    /// gives the blinded message in ordinary form.
    pub(crate) blind: RsaResidue,
    /// `r^-1 × R mod n`: multiplying the blinded signature by it gives the
    /// signature.
    pub(crate) unblind: RsaResidue,
}

impl Drop for BlindingPair {
    fn drop(&mut self) {
        wipe(&mut self.blind);
        wipe(&mut self.unblind);
    }
}

/// Where a key keeps its blinding pair between signatures (behind a
/// mutex, so that a key can sign from several threads natively).
pub(crate) struct Blinding {
    pair: Mutex<Option<BlindingPair>>,
}

impl Blinding {
    /// No pair yet: one is drawn at the first signature.
    pub(crate) fn new() -> Self {
        Blinding {
            pair: Mutex::new(None),
        }
    }

    /// The pair for this signature: the cached one, or a new one from
    /// `draw` the first time. The cached pair is squared (`r` becomes
    /// `r^2`) so that no two signatures use the same one.
    pub(crate) fn next<E>(
        &self,
        n: &RsaModulus,
        draw: impl FnOnce() -> Result<BlindingPair, E>,
    ) -> Result<BlindingPair, E> {
        let mut cached = self
            .pair
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let pair = match cached.as_mut() {
            Some(pair) => pair,
            None => cached.insert(draw()?),
        };
        let current = pair.clone();
        pair.blind = n.square(&pair.blind);
        pair.unblind = n.square(&pair.unblind);
        Ok(current)
    }

    /// The cached pair, if one has been drawn.
    #[cfg(test)]
    pub(crate) fn current(&self) -> Option<BlindingPair> {
        self.pair.lock().ok()?.clone()
    }
}
