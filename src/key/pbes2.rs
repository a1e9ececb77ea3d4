//! PBES2 (RFC 8018 §6.2), how an `ENCRYPTED PRIVATE KEY` is encrypted:
//! a key derived from the passphrase with PBKDF2 (HMAC-SHA-1, -224, -256,
//! -384 or -512) or scrypt (RFC 7914), and AES-128, -192 or -256 in CBC
//! mode with PKCS#7 padding. The parameters come from the key file, so
//! they are checked for cost before any work is done.

use zeroize::Zeroizing;

use super::aes::AesDecryptor;
use super::algorithm::AlgorithmIdentifier;
use super::pbkdf2::{self, Prf};
use crate::der::{oid, tag, Reader};
use crate::error::{fail, Error, ErrorKind, Result};

/// The most PBKDF2 iterations an encrypted key may ask for. OpenSSL writes
/// 2,048 by default and OWASP recommends 600,000 for PBKDF2-HMAC-SHA256.
pub const MAX_PBKDF2_ITERATIONS: u32 = 1_000_000;

/// The most scrypt memory an encrypted key may ask for, in bytes
/// (`128 × r × N`). OpenSSL's default (N = 16384, r = 8) takes 16 MiB.
pub const MAX_SCRYPT_MEMORY: u64 = 64 << 20;

/// The most scrypt work an encrypted key may ask for, in bytes mixed
/// (`128 × r × N × p`): eight times OpenSSL's default.
pub const MAX_SCRYPT_WORK: u64 = 128 << 20;

/// id-PBES2, 1.2.840.113549.1.5.13.
const PBES2: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x05, 0x0d];
/// id-PBKDF2, 1.2.840.113549.1.5.12.
const PBKDF2: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x05, 0x0c];
/// id-scrypt, 1.3.6.1.4.1.11591.4.11.
const SCRYPT: &[u8] = &[0x2b, 0x06, 0x01, 0x04, 0x01, 0xda, 0x47, 0x04, 0x0b];
/// The HMAC PRFs, 1.2.840.113549.2.7 to .11, without their last byte.
const HMAC_PREFIX: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x02];
/// The AES-CBC ciphers, 2.16.840.1.101.3.4.1.2, .22 and .42, without
/// their last byte.
const AES_CBC_PREFIX: &[u8] = &[0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x01];

/// The advice every refusal of a scheme ends with.
const RE_ENCRYPT: &str = "re-encrypt the key with `openssl pkcs8 -topk8 -v2 aes-256-cbc` (PBES2, PBKDF2 or scrypt, AES-CBC are supported)";

/// How the encryption key is derived from the passphrase.
enum Kdf<'a> {
    Pbkdf2 {
        salt: &'a [u8],
        iterations: u32,
        key_length: Option<u64>,
        prf: Prf,
    },
    Scrypt {
        salt: &'a [u8],
        log_n: u8,
        r: u32,
        p: u32,
        key_length: Option<u64>,
    },
}

/// Decrypts the `encrypted_data` of an `EncryptedPrivateKeyInfo` whose
/// `encryptionAlgorithm` is `algorithm`, giving the DER of the
/// `PrivateKeyInfo` inside.
///
/// A wrong passphrase shows as bad padding: `ErrorKind::WrongPassphrase`.
/// Schemes other than PBES2 with PBKDF2 or scrypt and AES-CBC, and costs
/// above the limits, are `ErrorKind::UnsupportedKey`.
///
/// ```ignore
/// let info = EncryptedPrivateKeyInfo::read(&der)?;
/// let pkcs8 = decrypt(&info.algorithm, info.encrypted_data, b"passphrase")?;
/// ```
pub(crate) fn decrypt(
    algorithm: &AlgorithmIdentifier,
    encrypted: &[u8],
    passphrase: &[u8],
) -> Result<Zeroizing<Vec<u8>>> {
    if algorithm.oid != PBES2 {
        return unsupported(format!(
            "the key is encrypted with {}, which is not supported; {RE_ENCRYPT}",
            scheme_name(algorithm.oid)
        ));
    }
    let (kdf, cipher) = match algorithm.parameters {
        Some((tag::SEQUENCE, contents)) => {
            let mut parameters = Reader::new(contents);
            let kdf = AlgorithmIdentifier::read(&mut parameters).ok_or_else(malformed)?;
            let cipher = AlgorithmIdentifier::read(&mut parameters).ok_or_else(malformed)?;
            parameters.finish().ok_or_else(malformed)?;
            (kdf, cipher)
        }
        _ => return Err(malformed()),
    };
    let (key_size, iv) = read_cipher(&cipher)?;
    let kdf = read_kdf(&kdf)?;
    let key = derive_key(&kdf, passphrase, key_size)?;
    decrypt_cbc(&key, iv, encrypted).ok_or_else(|| {
        Error::new(
            ErrorKind::WrongPassphrase,
            "the passphrase does not decrypt the private key",
        )
    })
}

/// The AES key size and the IV of an `aes*-CBC-PAD` identifier.
fn read_cipher<'a>(cipher: &AlgorithmIdentifier<'a>) -> Result<(usize, &'a [u8])> {
    let key_size = match cipher.oid.strip_prefix(AES_CBC_PREFIX) {
        Some([0x02]) => 16,
        Some([0x16]) => 24,
        Some([0x2a]) => 32,
        _ => {
            return unsupported(format!(
                "the key is encrypted with cipher {}, which is not supported; {RE_ENCRYPT}",
                oid::dotted(cipher.oid).unwrap_or_default()
            ))
        }
    };
    match cipher.parameters {
        Some((tag::OCTET_STRING, iv)) if iv.len() == 16 => Ok((key_size, iv)),
        _ => Err(malformed()),
    }
}

/// Reads a PBKDF2 or scrypt identifier, refusing costs above the limits.
fn read_kdf<'a>(kdf: &AlgorithmIdentifier<'a>) -> Result<Kdf<'a>> {
    let Some((tag::SEQUENCE, contents)) = kdf.parameters else {
        if kdf.oid == PBKDF2 || kdf.oid == SCRYPT {
            return Err(malformed());
        }
        return unsupported(format!(
            "the key's passphrase is derived with {}, which is not supported; {RE_ENCRYPT}",
            oid::dotted(kdf.oid).unwrap_or_default()
        ));
    };
    let mut parameters = Reader::new(contents);
    if kdf.oid == PBKDF2 {
        read_pbkdf2(&mut parameters)
    } else if kdf.oid == SCRYPT {
        read_scrypt(&mut parameters)
    } else {
        unsupported(format!(
            "the key's passphrase is derived with {}, which is not supported; {RE_ENCRYPT}",
            oid::dotted(kdf.oid).unwrap_or_default()
        ))
    }
}

/// `PBKDF2-params ::= SEQUENCE { salt OCTET STRING, iterationCount,
/// keyLength OPTIONAL, prf DEFAULT hmacWithSHA1 }`.
fn read_pbkdf2<'a>(parameters: &mut Reader<'a>) -> Result<Kdf<'a>> {
    let salt = parameters.octet_string().ok_or_else(malformed)?;
    let iterations = positive(parameters)?;
    let key_length = match parameters.peek_tag() {
        Some(tag::INTEGER) => Some(positive(parameters)?),
        _ => None,
    };
    let prf = if parameters.is_empty() {
        Prf::Sha1
    } else {
        read_prf(&AlgorithmIdentifier::read(parameters).ok_or_else(malformed)?)?
    };
    parameters.finish().ok_or_else(malformed)?;
    if iterations > u64::from(MAX_PBKDF2_ITERATIONS) {
        return unsupported(format!(
            "the encrypted key asks for {iterations} PBKDF2 iterations; at most {MAX_PBKDF2_ITERATIONS} are accepted (re-encrypt it with `openssl pkcs8 -topk8 -v2 aes-256-cbc -iter 600000`)"
        ));
    }
    Ok(Kdf::Pbkdf2 {
        salt,
        iterations: iterations as u32,
        key_length,
        prf,
    })
}

/// `scrypt-params ::= SEQUENCE { salt OCTET STRING, costParameter,
/// blockSize, parallelizationParameter, keyLength OPTIONAL }`.
fn read_scrypt<'a>(parameters: &mut Reader<'a>) -> Result<Kdf<'a>> {
    let salt = parameters.octet_string().ok_or_else(malformed)?;
    let n = positive(parameters)?;
    let r = positive(parameters)?;
    let p = positive(parameters)?;
    let key_length = match parameters.peek_tag() {
        Some(tag::INTEGER) => Some(positive(parameters)?),
        _ => None,
    };
    parameters.finish().ok_or_else(malformed)?;
    if n < 2 || !n.is_power_of_two() {
        return fail(
            ErrorKind::InvalidKey,
            "the encrypted key's scrypt parameters are invalid (N must be a power of two, r and p at least 1)",
        );
    }
    let memory = n.saturating_mul(r).saturating_mul(128);
    if memory > MAX_SCRYPT_MEMORY || memory.saturating_mul(p) > MAX_SCRYPT_WORK {
        return unsupported(format!(
            "the encrypted key's scrypt parameters (N={n}, r={r}, p={p}) need more than {} MiB of memory or {} MiB of work; re-encrypt it with `openssl pkcs8 -topk8 -scrypt` (N=16384, r=8, p=1)",
            MAX_SCRYPT_MEMORY >> 20,
            MAX_SCRYPT_WORK >> 20
        ));
    }
    // Within the limits, N is below 2^20 and r and p below 2^20.
    Ok(Kdf::Scrypt {
        salt,
        log_n: n.trailing_zeros() as u8,
        r: r as u32,
        p: p as u32,
        key_length,
    })
}

/// An `hmacWithSHA*` identifier, with NULL or no parameters.
fn read_prf(prf: &AlgorithmIdentifier) -> Result<Prf> {
    if !matches!(prf.parameters, None | Some((tag::NULL, []))) {
        return Err(malformed());
    }
    match prf.oid.strip_prefix(HMAC_PREFIX) {
        Some([0x07]) => Ok(Prf::Sha1),
        Some([0x08]) => Ok(Prf::Sha224),
        Some([0x09]) => Ok(Prf::Sha256),
        Some([0x0a]) => Ok(Prf::Sha384),
        Some([0x0b]) => Ok(Prf::Sha512),
        _ => unsupported(format!(
            "the key's passphrase is derived with PBKDF2 and PRF {}, which is not supported; {RE_ENCRYPT}",
            oid::dotted(prf.oid).unwrap_or_default()
        )),
    }
}

/// A positive INTEGER of at most 64 bits.
fn positive(reader: &mut Reader) -> Result<u64> {
    let bytes = reader.integer().ok_or_else(malformed)?;
    let bytes = bytes.strip_prefix(&[0]).unwrap_or(bytes);
    if bytes.len() > 8 {
        return unsupported(format!(
            "the encrypted key's derivation parameters are out of range; {RE_ENCRYPT}"
        ));
    }
    match bytes
        .iter()
        .fold(0u64, |value, &b| (value << 8) | u64::from(b))
    {
        0 => Err(malformed()),
        value => Ok(value),
    }
}

/// The key of `key_size` bytes derived from `passphrase`.
fn derive_key(kdf: &Kdf, passphrase: &[u8], key_size: usize) -> Result<Zeroizing<Vec<u8>>> {
    let (Kdf::Pbkdf2 { key_length, .. } | Kdf::Scrypt { key_length, .. }) = kdf;
    if key_length.is_some_and(|length| length != key_size as u64) {
        return Err(malformed());
    }
    let mut key = Zeroizing::new(vec![0u8; key_size]);
    match *kdf {
        Kdf::Pbkdf2 {
            salt,
            iterations,
            prf,
            ..
        } => {
            pbkdf2::derive(prf, passphrase, salt, iterations, &mut key);
        }
        Kdf::Scrypt {
            salt, log_n, r, p, ..
        } => {
            let params = scrypt::Params::new(log_n, r, p).map_err(|_| malformed())?;
            scrypt::scrypt(passphrase, salt, &params, &mut key).map_err(|_| malformed())?;
        }
    }
    Ok(key)
}

/// AES-CBC decryption with PKCS#7 padding removed; `None` when the
/// ciphertext is not whole blocks or the padding is wrong (a wrong key).
/// Each block is decrypted, then XORed with the ciphertext block before
/// it (the IV for the first).
fn decrypt_cbc(key: &[u8], iv: &[u8], encrypted: &[u8]) -> Option<Zeroizing<Vec<u8>>> {
    if encrypted.is_empty() || !encrypted.len().is_multiple_of(16) {
        return None;
    }
    let aes = AesDecryptor::new(key)?;
    let mut plain = Zeroizing::new(encrypted.to_vec());
    let mut previous = Zeroizing::new([0u8; 16]);
    previous.copy_from_slice(iv);
    let mut block = Zeroizing::new([0u8; 16]);
    for chunk in plain.chunks_exact_mut(16) {
        block.copy_from_slice(chunk);
        aes.decrypt_block(&mut block);
        for ((out, plain), prior) in chunk.iter_mut().zip(block.iter()).zip(previous.iter_mut()) {
            // The ciphertext byte is the next block's chaining value.
            let ciphertext = *out;
            *out = plain ^ *prior;
            *prior = ciphertext;
        }
    }
    let padding = usize::from(*plain.last()?);
    let body = plain.len().checked_sub(padding)?;
    let padding_valid =
        (1..=16).contains(&padding) && plain[body..].iter().all(|&b| usize::from(b) == padding);
    if !padding_valid {
        return None;
    }
    plain.truncate(body);
    Some(plain)
}

/// The name of an encryption scheme, for a refusal.
fn scheme_name(scheme: &[u8]) -> String {
    let dotted = oid::dotted(scheme).unwrap_or_default();
    let name = match dotted.as_str() {
        "1.2.840.113549.1.5.3" => "PBES1 (pbeWithMD5AndDES-CBC)",
        "1.2.840.113549.1.5.10" => "PBES1 (pbeWithSHA1AndDES-CBC)",
        "1.2.840.113549.1.12.1.3" => "PKCS#12 pbeWithSHAAnd3-KeyTripleDES-CBC",
        "1.2.840.113549.1.12.1.6" => "PKCS#12 pbeWithSHAAnd40BitRC2-CBC",
        _ => return format!("scheme {dotted}"),
    };
    name.to_string()
}

fn unsupported<T>(message: String) -> Result<T> {
    fail(ErrorKind::UnsupportedKey, message)
}

fn malformed() -> Error {
    Error::new(
        ErrorKind::InvalidKey,
        "the encrypted PKCS#8 private key's encryption parameters are malformed (check that the whole file was copied)",
    )
}
