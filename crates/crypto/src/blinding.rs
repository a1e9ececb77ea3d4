//! The random multipliers that blind RSA's CRT exponents, drawn afresh for
//! each signature, when it is made: never when a key is read (Cloudflare
//! Workers refuse random values outside a request).

use zeroize::Zeroizing;

use crate::error::{random_unavailable, Result};

/// Two random 64-bit numbers, `k` and `j`, for `dp + k (p - 1)` and
/// `dq + j (q - 1)`; an `ERR_RANDOM_UNAVAILABLE` error when the runtime
/// refuses them.
pub(crate) fn blinding_factors() -> Result<(Zeroizing<u64>, Zeroizing<u64>)> {
    let random = || {
        getrandom::u64()
            .map(Zeroizing::new)
            .map_err(|_| random_unavailable())
    };
    Ok((random()?, random()?))
}
