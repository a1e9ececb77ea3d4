//! An ECDSA P-256 signature `(r, s)`: read from strict DER (as the `ecdsa`
//! crate reads it) or from raw `r || s` (IEEE P1363), written as DER.

use p256::elliptic_curve::ops::Reduce;
use p256::elliptic_curve::scalar::IsHigh;
use p256::elliptic_curve::subtle::ConditionallySelectable;
use p256::elliptic_curve::{Field, PrimeField};
use p256::{FieldBytes, Scalar, U256};

/// The DER tag of a SEQUENCE.
const SEQUENCE: u8 = 0x30;

/// The DER tag of an INTEGER.
const INTEGER: u8 = 0x02;

/// A signature whose `r` and `s` are both from 1 to `n - 1`.
///
/// ```
/// use cloudfront_signer_crypto::ecdsa::{EcdsaPrivateKey, Signature};
/// let der = EcdsaPrivateKey::from_bytes(&[7; 32]).unwrap().sign(&[1; 32]).to_der();
/// let signature = Signature::from_der(&der).unwrap();
/// assert_eq!(signature.with_low_s(), signature.with_low_s().with_low_s());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Signature {
    r: Scalar,
    s: Scalar,
}

impl Signature {
    /// The signature `(r, s)`; `None` when either is zero.
    pub(crate) fn new(r: Scalar, s: Scalar) -> Option<Self> {
        let zero = r.is_zero() | s.is_zero();
        (!bool::from(zero)).then_some(Signature { r, s })
    }

    /// Reads DER `SEQUENCE { r INTEGER, s INTEGER }` as the `ecdsa` crate
    /// does: minimal lengths and integers, no sign bit, nothing after it.
    ///
    /// ```
    /// use cloudfront_signer_crypto::ecdsa::{EcdsaPrivateKey, Signature};
    /// let der = EcdsaPrivateKey::from_bytes(&[7; 32]).unwrap().sign(&[1; 32]).to_der();
    /// assert_eq!(Signature::from_der(&der).unwrap().to_der(), der);
    /// assert!(Signature::from_der(&[der.as_slice(), &[0]].concat()).is_none());
    /// ```
    pub fn from_der(der: &[u8]) -> Option<Self> {
        let (contents, rest) = element(der, SEQUENCE)?;
        let (r, after_r) = element(contents, INTEGER)?;
        let (s, after_s) = element(after_r, INTEGER)?;
        if !rest.is_empty() || !after_s.is_empty() {
            return None;
        }
        Self::new(scalar_of_integer(r)?, scalar_of_integer(s)?)
    }

    /// Reads raw `r || s`, 32 big-endian bytes each (what WebCrypto returns).
    ///
    /// ```
    /// use cloudfront_signer_crypto::ecdsa::Signature;
    /// let signature = Signature::from_p1363(&[1; 64]).unwrap();
    /// assert_eq!(signature.to_der().len(), 70);
    /// assert!(Signature::from_p1363(&[0; 64]).is_none());
    /// assert!(Signature::from_p1363(&[1; 63]).is_none());
    /// ```
    pub fn from_p1363(raw: &[u8]) -> Option<Self> {
        let (r, s) = <&[u8; 64]>::try_from(raw).ok()?.split_at(32);
        Self::new(scalar_of_bytes(r)?, scalar_of_bytes(s)?)
    }

    /// `r`.
    pub(crate) fn r(&self) -> &Scalar {
        &self.r
    }

    /// `s`.
    pub(crate) fn s(&self) -> &Scalar {
        &self.s
    }

    /// The same signature with `s` replaced by `n - s` when it is above
    /// half the group order (both verify), in constant time.
    ///
    /// ```
    /// use cloudfront_signer_crypto::ecdsa::Signature;
    /// let high = Signature::from_p1363(&[0xee; 64]).unwrap();
    /// assert_ne!(high.with_low_s(), high);
    /// assert_eq!(high.with_low_s().with_low_s(), high.with_low_s());
    /// ```
    pub fn with_low_s(self) -> Self {
        let s = Scalar::conditional_select(&self.s, &-self.s, self.s.is_high());
        Signature { r: self.r, s }
    }

    /// The DER encoding, 8 to 72 bytes.
    ///
    /// ```
    /// use cloudfront_signer_crypto::ecdsa::Signature;
    /// let der = Signature::from_p1363(&[1; 64]).unwrap().to_der();
    /// assert_eq!(&der[..4], &[0x30, 68, 0x02, 32]);
    /// ```
    pub fn to_der(self) -> Vec<u8> {
        let mut der = Vec::with_capacity(72);
        der.extend_from_slice(&[SEQUENCE, 0]);
        for scalar in [&self.r, &self.s] {
            let bytes = scalar.to_repr();
            // Not zero, so it has a first non-zero byte.
            let start = bytes.iter().position(|&b| b != 0).unwrap_or(31);
            let magnitude = &bytes[start..];
            let sign_byte = magnitude[0] >= 0x80;
            // At most 33 bytes, and the whole at most 70.
            der.extend_from_slice(&[INTEGER, (magnitude.len() + usize::from(sign_byte)) as u8]);
            if sign_byte {
                der.push(0);
            }
            der.extend_from_slice(magnitude);
        }
        der[1] = (der.len() - 2) as u8;
        der
    }
}

/// The leftmost 256 bits of `bytes` as a big-endian number, modulo the
/// group order (the `ecdsa` crate's `bytes2scalar`): a digest as the
/// number signed, or a point's x as `r`.
///
/// ```ignore
/// assert_eq!(scalar_of(&[1]), Scalar::ONE);
/// ```
pub(crate) fn scalar_of(bytes: &[u8]) -> Scalar {
    let bytes = &bytes[..bytes.len().min(32)];
    let mut padded = [0u8; 32];
    padded[32 - bytes.len()..].copy_from_slice(bytes);
    <Scalar as Reduce<U256>>::reduce(&U256::from_be_slice(&padded))
}

/// Splits one DER element with `tag` off the front of `input`: its
/// contents and what follows. Only short-form lengths: a signature's
/// elements are all shorter than 128 bytes, and a long form for a shorter
/// length is not DER.
fn element(input: &[u8], tag: u8) -> Option<(&[u8], &[u8])> {
    match input {
        [first, length, rest @ ..] if *first == tag && *length < 0x80 => {
            rest.split_at_checked(usize::from(*length))
        }
        _ => None,
    }
}

/// The scalar a DER INTEGER's contents hold: `None` unless it is minimally
/// encoded, not negative and below the group order.
fn scalar_of_integer(contents: &[u8]) -> Option<Scalar> {
    let magnitude = match contents {
        // Empty, or negative.
        [] | [0x80..=0xff, ..] => return None,
        // A leading zero byte is there only to clear the sign bit.
        [0, next, ..] if *next < 0x80 => return None,
        [0, rest @ ..] if !rest.is_empty() => rest,
        _ => contents,
    };
    if magnitude.len() > 32 {
        return None;
    }
    scalar_of_bytes(magnitude)
}

/// The big-endian number `bytes` (at most 32) as a scalar; `None` when it
/// is not below the group order.
fn scalar_of_bytes(bytes: &[u8]) -> Option<Scalar> {
    let mut padded = FieldBytes::default();
    padded[32 - bytes.len()..].copy_from_slice(bytes);
    Scalar::from_repr(padded).into_option()
}

#[cfg(test)]
mod tests {
    use p256::ecdsa::{DerSignature, Signature as EcdsaSignature};

    use super::super::digits::tests::random_scalar;
    use super::*;

    /// What the `ecdsa` crate reads from `der`, as `(r, s)`.
    fn ecdsa_reads(der: &[u8]) -> Option<(Scalar, Scalar)> {
        let signature = DerSignature::from_bytes(der)
            .and_then(EcdsaSignature::try_from)
            .ok()?;
        Some((*signature.r(), *signature.s()))
    }

    fn we_read(der: &[u8]) -> Option<(Scalar, Scalar)> {
        Signature::from_der(der).map(|signature| (signature.r, signature.s))
    }

    fn random_byte() -> u8 {
        let mut byte = [0u8];
        getrandom::fill(&mut byte).unwrap();
        byte[0]
    }

    /// Scalars with short, long and sign-bit encodings.
    fn interesting_scalar(choice: u8) -> Scalar {
        match choice % 5 {
            0 => Scalar::ONE,
            1 => Scalar::from(0x80u64),
            2 => -Scalar::ONE,
            3 => Scalar::from(u64::from(random_byte()) + 1) * Scalar::from(1u64 << 63),
            _ => random_scalar(),
        }
    }

    #[test]
    fn writes_what_the_ecdsa_crate_writes() {
        for choice in 0..200u8 {
            let (r, s) = (interesting_scalar(choice), interesting_scalar(choice / 5));
            let Some(signature) = Signature::new(r, s) else {
                continue;
            };
            let theirs = EcdsaSignature::from_scalars(r, s).unwrap();
            assert_eq!(signature.to_der(), theirs.to_der().as_bytes());
            assert_eq!(
                signature.with_low_s().to_der(),
                theirs.normalize_s().to_der().as_bytes()
            );
            assert_eq!(Signature::from_p1363(&theirs.to_bytes()), Some(signature));
        }
    }

    #[test]
    fn reads_what_the_ecdsa_crate_reads() {
        let order = {
            let mut bytes = [0u8; 33];
            bytes[1..].copy_from_slice(&(-Scalar::ONE).to_repr());
            bytes[32] += 1;
            bytes
        };
        let handmade: Vec<Vec<u8>> = vec![
            vec![],
            vec![0x30],
            vec![0x30, 0x00],
            vec![0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01],
            vec![0x30, 0x06, 0x02, 0x01, 0x00, 0x02, 0x01, 0x01],
            vec![0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x80],
            vec![0x30, 0x07, 0x02, 0x02, 0x00, 0x80, 0x02, 0x01, 0x01],
            vec![0x30, 0x07, 0x02, 0x02, 0x00, 0x7f, 0x02, 0x01, 0x01],
            vec![0x30, 0x07, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01, 0x00],
            vec![0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01, 0x00],
            vec![0x30, 0x81, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01],
            vec![0x30, 0x80, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01, 0x00, 0x00],
            vec![0x31, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01],
            vec![0x30, 0x06, 0x03, 0x01, 0x01, 0x02, 0x01, 0x01],
            vec![0x30, 0x07, 0x02, 0x00, 0x02, 0x01, 0x01, 0x02, 0x00],
            [&[0x30, 0x26, 0x02, 0x21][..], &order, &[0x02, 0x01, 0x01]].concat(),
        ];
        for der in &handmade {
            assert_eq!(we_read(der), ecdsa_reads(der), "{der:02x?}");
        }
        for round in 0..3000u32 {
            let (r, s) = (
                interesting_scalar(random_byte()),
                interesting_scalar(random_byte()),
            );
            let mut der = EcdsaSignature::from_scalars(r, s)
                .unwrap()
                .to_der()
                .as_bytes()
                .to_vec();
            assert_eq!(we_read(&der), Some((r, s)));
            for _ in 0..=(round % 3) {
                let at = usize::from(random_byte()) % (der.len() + 1);
                match random_byte() % 6 {
                    0 if at < der.len() => der[at] = random_byte(),
                    1 if at < der.len() => der[at] ^= 1 << (random_byte() % 8),
                    2 if at < der.len() => {
                        der.remove(at);
                    }
                    3 => der.insert(at, 0),
                    4 => der.insert(at, random_byte()),
                    _ => der.truncate(at),
                }
            }
            assert_eq!(we_read(&der), ecdsa_reads(&der), "{der:02x?}");
        }
    }

    #[test]
    fn p1363_needs_64_bytes_of_scalars_in_range() {
        let valid = [1u8; 64];
        assert!(Signature::from_p1363(&valid).is_some());
        assert!(Signature::from_p1363(&valid[..63]).is_none());
        assert!(Signature::from_p1363(&[0xff; 64]).is_none());
        let mut zero_r = valid;
        zero_r[..32].fill(0);
        assert!(Signature::from_p1363(&zero_r).is_none());
    }

    #[test]
    fn scalar_of_takes_the_leftmost_256_bits() {
        assert_eq!(scalar_of(&[1]), Scalar::ONE);
        let mut long = [0u8; 40];
        long[31] = 2;
        long[39] = 0xff;
        assert_eq!(scalar_of(&long), Scalar::from(2u64));
    }
}
