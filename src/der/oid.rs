//! Object identifiers: the ones key files name, as DER contents, and the
//! checks and dotted form of any other.

/// rsaEncryption, 1.2.840.113549.1.1.1.
pub(crate) const RSA_ENCRYPTION: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];

/// id-ecPublicKey, 1.2.840.10045.2.1.
pub(crate) const EC_PUBLIC_KEY: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01];

/// prime256v1 (P-256, secp256r1), 1.2.840.10045.3.1.7.
pub(crate) const PRIME256V1: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07];

/// The longest OID accepted, in bytes of contents.
const MAX_BYTES: usize = 39;

/// Whether `contents` are an OID as the `der` crate reads one: a first
/// byte holding the first two arcs (at most 2 and 39), then base-128 arcs
/// of at most 32 bits each, the last one complete; at most 39 bytes in all.
///
/// ```ignore
/// assert!(is_valid(RSA_ENCRYPTION));
/// assert!(!is_valid(&[0x2a, 0x86]));
/// ```
pub(crate) fn is_valid(contents: &[u8]) -> bool {
    contents.len() <= MAX_BYTES && arcs(contents).is_some()
}

/// The dotted form of OID contents (`1.2.840.113549.1.1.1`), or `None`
/// when they are not a well-formed OID.
///
/// ```ignore
/// assert_eq!(dotted(PRIME256V1).as_deref(), Some("1.2.840.10045.3.1.7"));
/// ```
pub(crate) fn dotted(contents: &[u8]) -> Option<String> {
    if !is_valid(contents) {
        return None;
    }
    let arcs = arcs(contents)?;
    let text: Vec<String> = arcs.iter().map(u32::to_string).collect();
    Some(text.join("."))
}

/// The arcs of `contents`, or `None` when the first byte is not below
/// 120, an arc does not fit in 32 bits or the last one is cut short.
fn arcs(contents: &[u8]) -> Option<Vec<u32>> {
    let (&root, rest) = contents.split_first()?;
    if root >= 120 {
        return None;
    }
    let mut arcs = vec![u32::from(root / 40), u32::from(root % 40)];
    let mut value: u32 = 0;
    let mut pending = false;
    for &byte in rest {
        value = value
            .checked_mul(0x80)?
            .checked_add(u32::from(byte & 0x7f))?;
        pending = byte & 0x80 != 0;
        if !pending {
            arcs.push(value);
            value = 0;
        }
    }
    (!pending).then_some(arcs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_known_oids() {
        assert_eq!(dotted(RSA_ENCRYPTION).unwrap(), "1.2.840.113549.1.1.1");
        assert_eq!(dotted(EC_PUBLIC_KEY).unwrap(), "1.2.840.10045.2.1");
        assert_eq!(dotted(PRIME256V1).unwrap(), "1.2.840.10045.3.1.7");
        // Ed25519 and secp384r1.
        assert_eq!(dotted(&[0x2b, 0x65, 0x70]).unwrap(), "1.3.101.112");
        assert_eq!(
            dotted(&[0x2b, 0x81, 0x04, 0x00, 0x22]).unwrap(),
            "1.3.132.0.34"
        );
        assert_eq!(dotted(&[0x77]).unwrap(), "2.39");
    }

    #[test]
    fn refuses_what_the_der_crate_refuses() {
        for bad in [
            &[][..],
            &[0x78],                               // a second arc above 39
            &[0x2a, 0x86],                         // cut short
            &[0x2a, 0x90, 0x80, 0x80, 0x80, 0x00], // more than 32 bits
            &[0x2a; 40],                           // too long
        ] {
            assert!(!is_valid(bad), "{bad:02x?}");
            assert!(dotted(bad).is_none());
            assert!(const_oid_reads(bad).is_none(), "{bad:02x?}");
        }
        for good in [
            &[0x2a, 0x8f, 0xff, 0xff, 0xff, 0x7f][..],
            &[0x2a, 0x80, 0x01],
            &[0x00],
        ] {
            assert!(is_valid(good), "{good:02x?}");
            assert_eq!(dotted(good), const_oid_reads(good), "{good:02x?}");
        }
    }

    fn const_oid_reads(contents: &[u8]) -> Option<String> {
        pkcs8::ObjectIdentifier::from_bytes(contents)
            .ok()
            .map(|oid| oid.to_string())
    }
}
