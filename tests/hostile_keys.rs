//! Regression tests for hostile key files found while fuzzing: encrypted
//! PKCS#8 whose key-derivation parameters are invalid or absurdly costly
//! must be refused before any work is done, never panic (a panic traps the
//! WebAssembly instance) and never run for minutes or allocate gigabytes.

use cloudfront_signer::{ErrorKind, PrivateKey};

const PASSPHRASE: &[u8] = b"correct horse battery staple";

/// A DER tag-length-value.
fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    match content.len() {
        len @ 0..=127 => out.push(len as u8),
        len @ 128..=255 => out.extend([0x81, len as u8]),
        len => out.extend([0x82, (len >> 8) as u8, len as u8]),
    }
    out.extend_from_slice(content);
    out
}

fn sequence(parts: &[Vec<u8>]) -> Vec<u8> {
    tlv(0x30, &parts.concat())
}

/// A minimal DER INTEGER for a non-negative value.
fn integer(value: u64) -> Vec<u8> {
    let bytes = value.to_be_bytes();
    let start = bytes.iter().position(|&b| b != 0).unwrap_or(7);
    let mut content = bytes[start..].to_vec();
    if content[0] & 0x80 != 0 {
        content.insert(0, 0);
    }
    tlv(0x02, &content)
}

const PBES2: &[u8] = &[
    0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x05, 0x0d,
];
const PBKDF2: &[u8] = &[
    0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x05, 0x0c,
];
const SCRYPT: &[u8] = &[
    0x06, 0x09, 0x2b, 0x06, 0x01, 0x04, 0x01, 0xda, 0x47, 0x04, 0x0b,
];
const AES_256_CBC: &[u8] = &[
    0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x01, 0x2a,
];

/// An `EncryptedPrivateKeyInfo` with the given KDF and 32 bytes of ciphertext.
fn encrypted_key(kdf: Vec<u8>) -> Vec<u8> {
    let cipher = sequence(&[AES_256_CBC.to_vec(), tlv(0x04, &[7; 16])]);
    let algorithm = sequence(&[PBES2.to_vec(), sequence(&[kdf, cipher])]);
    sequence(&[algorithm, tlv(0x04, &[9; 32])])
}

fn scrypt(n: u64, r: u64, p: u64) -> Vec<u8> {
    let parameters = sequence(&[tlv(0x04, &[1; 8]), integer(n), integer(r), integer(p)]);
    sequence(&[SCRYPT.to_vec(), parameters])
}

fn pbkdf2(iterations: u64) -> Vec<u8> {
    sequence(&[
        PBKDF2.to_vec(),
        sequence(&[tlv(0x04, &[1; 8]), integer(iterations)]),
    ])
}

fn refusal(der: &[u8]) -> ErrorKind {
    PrivateKey::from_der(der, Some(PASSPHRASE))
        .map(|_| ())
        .expect_err("a hostile key must be refused")
        .kind()
}

#[test]
fn scrypt_cost_zero_is_refused_not_a_panic() {
    // pkcs5 computes log2(N) with `expect` and panicked on N = 0.
    assert_eq!(
        refusal(&encrypted_key(scrypt(0, 8, 1))),
        ErrorKind::InvalidKey
    );
    assert_eq!(
        refusal(&encrypted_key(scrypt(3, 8, 1))),
        ErrorKind::InvalidKey
    );
}

#[test]
fn costly_scrypt_and_pbkdf2_are_refused_up_front() {
    for kdf in [
        scrypt(1 << 40, 8, 1),
        scrypt(1 << 20, 8, 1),
        scrypt(1 << 14, 8, 64),
        pbkdf2(u64::from(u32::MAX)),
    ] {
        let started = std::time::Instant::now();
        assert_eq!(refusal(&encrypted_key(kdf)), ErrorKind::UnsupportedKey);
        assert!(started.elapsed().as_secs() < 1);
    }
}

#[test]
fn ordinary_settings_still_reach_decryption() {
    // OpenSSL's defaults: scrypt N = 16384, r = 8, p = 1; PBKDF2 2048 rounds.
    // The ciphertext is junk, so decryption itself fails.
    for kdf in [scrypt(1 << 14, 8, 1), pbkdf2(2048)] {
        assert_eq!(refusal(&encrypted_key(kdf)), ErrorKind::WrongPassphrase);
    }
}
