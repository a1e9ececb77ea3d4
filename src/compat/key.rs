//! Private keys as Node's `crypto.createSign().sign({ key, passphrase })`
//! reads them for the AWS package, and a one-entry cache of the parsed key.
//!
//! Node reads PEM only, the OpenSSL way: block delimiters at the start of a
//! line, blocks it cannot use skipped, a PKCS#8 body accepted under the
//! `RSA`/`EC PRIVATE KEY` labels. The drop-in mirrors those rules so that
//! it accepts and refuses the same texts, then parses with the core
//! [`PrivateKey`]. OpenSSL's error texts are not reproduced; the codes are
//! ours (`ERR_INVALID_KEY`, `ERR_PASSPHRASE_REQUIRED`, ...).

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use super::CompatError;
use crate::key::DerKind;
use crate::{ErrorKind, KeyType, PrivateKey, SigningKey};

/// Reads the private key from PEM text the way Node does for the AWS package.
///
/// ```
/// use cloudfront_signer::compat::key::load_private_key;
/// let pem = include_str!("../../tests/keys/rsa-pkcs1.pem");
/// assert_eq!(load_private_key(pem.as_bytes(), None).unwrap().bits(), 2048);
/// let pasted = pem.replace('\n', "\\n");
/// assert_eq!(load_private_key(pasted.as_bytes(), None).unwrap_err().code(), "ERR_INVALID_KEY");
/// ```
pub fn load_private_key(text: &[u8], passphrase: Option<&[u8]>) -> Result<PrivateKey, CompatError> {
    if text.len() > crate::key::MAX_KEY_BYTES {
        return Err(CompatError::error(
            ErrorKind::InputTooLarge,
            format!(
                "the private key is {} bytes; at most {} are accepted",
                text.len(),
                crate::key::MAX_KEY_BYTES
            ),
        ));
    }
    let text = text.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(text);
    let lines: Vec<&[u8]> = text.split(|&b| b == b'\n').map(trim_end).collect();
    let mut labels_seen: Vec<String> = Vec::new();
    let mut last_problem: Option<CompatError> = None;
    let mut index = 0;
    while let Some(line) = lines.get(index) {
        index += 1;
        let Some(label) = delimited(line, b"-----BEGIN ") else {
            continue;
        };
        let label = String::from_utf8_lossy(label).into_owned();
        let block = read_block(&lines, &mut index, &label);
        if !matches!(
            label.as_str(),
            "RSA PRIVATE KEY" | "EC PRIVATE KEY" | "PRIVATE KEY" | "ENCRYPTED PRIVATE KEY"
        ) {
            labels_seen.push(label);
            continue;
        }
        let result = match block {
            Ok(Block::Der(der)) => decode(&label, &der, passphrase),
            Ok(Block::LegacyEncrypted) => Err(CompatError::error(
                ErrorKind::UnsupportedKey,
                "legacy OpenSSL-encrypted PEM (Proc-Type: 4,ENCRYPTED) is not supported by this drop-in; convert it with `openssl pkcs8 -topk8 -in key.pem -out key-pkcs8.pem` and pass the passphrase",
            )),
            Err(problem) => Err(CompatError::error(
                ErrorKind::InvalidKey,
                format!("the {label} PEM block is malformed: {problem}"),
            )),
        };
        match result {
            Ok(key) => return Ok(key),
            Err(error) if error.kind() == ErrorKind::InvalidKey => last_problem = Some(error),
            Err(error) => return Err(error),
        }
    }
    if let Some(problem) = last_problem {
        return Err(problem);
    }
    let message = if labels_seen.iter().any(|l| l.contains("PUBLIC KEY")) {
        "privateKey holds a public key; signing needs the private key (PEM `-----BEGIN PRIVATE KEY-----` or `-----BEGIN RSA PRIVATE KEY-----`)".to_string()
    } else if !labels_seen.is_empty() {
        let shown: String = labels_seen.join(", ").chars().take(80).collect();
        format!("privateKey holds no private key block (found: {shown})")
    } else {
        "privateKey is not a PEM private key: getSignedUrl/getSignedCookies read PEM text only, with each -----BEGIN/-----END line on a line of its own, as Node's crypto does (no DER, JWK or literal \\n; use CloudFrontSigner for those)".to_string()
    };
    Err(CompatError::error(ErrorKind::InvalidKey, message))
}

enum Block {
    Der(Zeroizing<Vec<u8>>),
    LegacyEncrypted,
}

/// Reads a block body up to its END line; `index` ends after the END line.
fn read_block(lines: &[&[u8]], index: &mut usize, label: &str) -> Result<Block, &'static str> {
    let mut body: Vec<&[u8]> = Vec::new();
    loop {
        let Some(line) = lines.get(*index) else {
            return Err("no -----END line");
        };
        *index += 1;
        if line.starts_with(b"-----END ") {
            if delimited(line, b"-----END ") != Some(label.as_bytes()) {
                return Err("its -----END line does not match its -----BEGIN line");
            }
            break;
        }
        body.push(line);
    }
    let (headers, data) = match body.iter().position(|line| line.is_empty()) {
        Some(blank) => {
            let (headers, data) = body.split_at(blank);
            if !headers.iter().all(|line| line.contains(&b':')) || headers.is_empty() {
                return Err("a blank line inside the base64 body");
            }
            (headers, data.get(1..).unwrap_or_default())
        }
        None if body.iter().any(|line| line.contains(&b':')) => {
            return Err("header lines not followed by a blank line")
        }
        None => (&[][..], body.as_slice()),
    };
    if headers.iter().any(|line| line.starts_with(b"Proc-Type:")) {
        return Ok(Block::LegacyEncrypted);
    }
    let mut base64 = Zeroizing::new(Vec::new());
    for line in data {
        base64.extend(line.iter().copied().filter(|b| !b.is_ascii_whitespace()));
    }
    STANDARD
        .decode(base64.as_slice())
        .map(|der| Block::Der(Zeroizing::new(der)))
        .map_err(|_| "its base64 body is corrupt")
}

/// Decodes one block by its label, with OpenSSL's tolerance for PKCS#8
/// inside `RSA PRIVATE KEY` / `EC PRIVATE KEY` and for an unencrypted
/// PKCS#8 inside `ENCRYPTED PRIVATE KEY`.
fn decode(label: &str, der: &[u8], passphrase: Option<&[u8]>) -> Result<PrivateKey, CompatError> {
    let kind = DerKind::of(der);
    let is_pkcs8 = kind == Some(DerKind::Pkcs8);
    let (allowed, wanted_type) = match label {
        "RSA PRIVATE KEY" => (is_pkcs8 || kind == Some(DerKind::Pkcs1), Some(KeyType::Rsa)),
        "EC PRIVATE KEY" => (is_pkcs8 || kind == Some(DerKind::Sec1), Some(KeyType::Ec)),
        "PRIVATE KEY" => (is_pkcs8, None),
        _ => (is_pkcs8 || kind == Some(DerKind::EncryptedPkcs8), None),
    };
    if !allowed {
        return Err(CompatError::error(
            ErrorKind::InvalidKey,
            format!("the {label} PEM block does not hold a key of that kind"),
        ));
    }
    let key = PrivateKey::from_der(der, passphrase).map_err(|error| {
        if error.kind() == ErrorKind::PassphraseRequired && passphrase.is_some() {
            CompatError::error(
                ErrorKind::WrongPassphrase,
                "the passphrase does not decrypt the private key (it is empty)",
            )
        } else {
            CompatError::from(error)
        }
    })?;
    if wanted_type.is_some_and(|wanted| wanted != key.key_type()) {
        return Err(CompatError::error(
            ErrorKind::InvalidKey,
            format!("the {label} PEM block holds a key of another type"),
        ));
    }
    Ok(key)
}

/// The label of a `-----BEGIN label-----` / `-----END label-----` line.
fn delimited<'a>(line: &'a [u8], prefix: &[u8]) -> Option<&'a [u8]> {
    line.strip_prefix(prefix)?.strip_suffix(b"-----")
}

/// Trailing white space (and NULs) do not count, as in OpenSSL's line reader.
fn trim_end(line: &[u8]) -> &[u8] {
    let end = line
        .iter()
        .rposition(|b| !(b.is_ascii_whitespace() || *b == 0))
        .map_or(0, |at| at + 1);
    line.get(..end).unwrap_or_default()
}

/// The most recently used private key, parsed once (and given its engine
/// once) and kept until another key (or passphrase) is used. It is looked up
/// by a SHA-256 fingerprint of the key bytes and passphrase, so no copy of
/// the raw key is retained; the parsed key zeroizes itself when it is
/// replaced or dropped.
///
/// ```
/// use cloudfront_signer::compat::key::KeyCache;
/// use cloudfront_signer::SigningKey;
/// let pem = include_bytes!("../../tests/keys/ec-sec1.pem");
/// let mut cache = KeyCache::default();
/// assert_eq!(cache.get_or_load(pem, None, SigningKey::new).unwrap().key().bits(), 256);
/// assert!(cache.holds(pem, None));
/// assert!(!cache.holds(pem, Some(b"other passphrase")));
/// ```
#[derive(Default)]
pub struct KeyCache {
    entry: Option<([u8; 32], SigningKey)>,
}

impl KeyCache {
    /// The key for `text` and `passphrase`, parsed and made ready by
    /// `prepare` (which may attach an engine) on a miss. A failed parse
    /// leaves the cache as it was.
    pub fn get_or_load(
        &mut self,
        text: &[u8],
        passphrase: Option<&[u8]>,
        prepare: impl FnOnce(PrivateKey) -> SigningKey,
    ) -> Result<&SigningKey, CompatError> {
        let fingerprint = fingerprint(text, passphrase);
        let hit = matches!(&self.entry, Some((cached, _)) if *cached == fingerprint);
        if !hit {
            let key = load_private_key(text, passphrase)?;
            self.entry = Some((fingerprint, prepare(key)));
        }
        match &self.entry {
            Some((_, key)) => Ok(key),
            None => Err(CompatError::error(ErrorKind::InvalidKey, "no key")),
        }
    }

    /// Whether the cached key is the one for `text` and `passphrase`.
    pub fn holds(&self, text: &[u8], passphrase: Option<&[u8]>) -> bool {
        matches!(&self.entry, Some((cached, _)) if *cached == fingerprint(text, passphrase))
    }

    /// Drops (and so zeroizes) the cached key.
    pub fn clear(&mut self) {
        self.entry = None;
    }
}

fn fingerprint(text: &[u8], passphrase: Option<&[u8]>) -> [u8; 32] {
    let mut hash = Sha256::new();
    hash.update(b"cloudfront-signer compat key v1\0");
    hash.update((text.len() as u64).to_be_bytes());
    hash.update(text);
    match passphrase {
        None => hash.update([0u8]),
        Some(passphrase) => {
            hash.update([1u8]);
            hash.update((passphrase.len() as u64).to_be_bytes());
            hash.update(passphrase);
        }
    }
    hash.finalize().into()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(name: &str) -> String {
        std::fs::read_to_string(format!("{}/tests/keys/{name}", env!("CARGO_MANIFEST_DIR")))
            .unwrap()
    }

    fn passphrase() -> Vec<u8> {
        key("passphrase.txt").trim_end().as_bytes().to_vec()
    }

    fn load(text: &str) -> Result<PrivateKey, CompatError> {
        load_private_key(text.as_bytes(), None)
    }

    #[test]
    fn reads_what_node_reads() {
        let pem = key("rsa-pkcs1.pem");
        let lines: Vec<&str> = pem.trim_end().lines().collect();
        let body = &lines[1..lines.len() - 1];
        let accepted = [
            pem.clone(),
            pem.trim_end().to_string(),
            pem.replace('\n', "\r\n"),
            format!("junk\n{pem}trailing junk\n"),
            format!("\u{feff}{pem}\0"),
            format!(
                "{}\n  {}\n{}",
                lines[0],
                body.join("\n\t"),
                lines[lines.len() - 1]
            ),
            format!(
                "{}\n{}\n{}",
                lines[0],
                body.join(""),
                lines[lines.len() - 1]
            ),
            format!(
                "{} \n{}\n{} ",
                lines[0],
                body.join(" \n"),
                lines[lines.len() - 1]
            ),
            format!(
                "{}\nFoo: bar\n\n{}\n{}",
                lines[0],
                body.join("\n"),
                lines[lines.len() - 1]
            ),
            key("rsa-pkcs8.pem").replace("PRIVATE KEY", "RSA PRIVATE KEY"),
            key("ec-pkcs8.pem").replace("PRIVATE KEY", "EC PRIVATE KEY"),
            key("rsa-pkcs8.pem").replace("PRIVATE KEY", "ENCRYPTED PRIVATE KEY"),
            format!("{}{pem}", key("rsa-public.pem")),
            format!("-----BEGIN FOO-----\nAAAA\n-----END FOO-----\n{pem}"),
            key("ec-sec1-with-params.pem"),
        ];
        for (index, text) in accepted.iter().enumerate() {
            assert!(load(text).is_ok(), "case {index}: {:?}", load(text).err());
        }
    }

    #[test]
    fn refuses_what_node_refuses() {
        let pem = key("rsa-pkcs1.pem");
        let lines: Vec<&str> = pem.trim_end().lines().collect();
        let last = lines.len() - 1;
        let refused = [
            String::new(),
            "abc".to_string(),
            pem.replace('\n', "\\n"),
            pem.replace('\n', "\r"),
            format!("x {pem}"),
            lines
                .iter()
                .map(|l| format!("  {l}"))
                .collect::<Vec<_>>()
                .join("\n"),
            format!("{}\n {}", lines[..last].join("\n"), lines[last]),
            format!("{}x\n{}", lines[0], lines[1..].join("\n")),
            format!("{}\n{}x", lines[..last].join("\n"), lines[last]),
            format!("{}\n\n{}", lines[0], lines[1..].join("\n")),
            format!("{}\nFoo: bar\n{}", lines[0], lines[1..].join("\n")),
            lines[..last].join("\n"),
            pem.replace("RSA PRIVATE KEY", "rsa private key"),
            pem.replace("END RSA PRIVATE KEY", "END PRIVATE KEY"),
            pem.replace("RSA PRIVATE KEY", "PRIVATE KEY"),
            key("ec-sec1.pem").replace("EC PRIVATE KEY", "PRIVATE KEY"),
            key("ec-sec1.pem").replace("EC PRIVATE KEY", "RSA PRIVATE KEY"),
            key("ec-pkcs8.pem").replace("PRIVATE KEY", "RSA PRIVATE KEY"),
            key("rsa-pkcs8.pem").replace("PRIVATE KEY", "ANY PRIVATE KEY"),
            key("rsa-private.jwk.json"),
            key("rsa-public.pem"),
        ];
        for (index, text) in refused.iter().enumerate() {
            let error = load(text)
                .err()
                .unwrap_or_else(|| panic!("case {index} loaded"));
            assert_eq!(error.kind(), ErrorKind::InvalidKey, "case {index}: {error}");
        }
        let der = std::fs::read(format!(
            "{}/tests/keys/rsa-pkcs8.der",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap();
        assert_eq!(
            load_private_key(&der, None).unwrap_err().kind(),
            ErrorKind::InvalidKey
        );
    }

    #[test]
    fn passphrases() {
        let encrypted = key("rsa-pkcs8-encrypted.pem");
        let pass = passphrase();
        assert!(load_private_key(encrypted.as_bytes(), Some(&pass)).is_ok());
        let code = |p: Option<&[u8]>| {
            load_private_key(encrypted.as_bytes(), p)
                .unwrap_err()
                .kind()
        };
        assert_eq!(code(None), ErrorKind::PassphraseRequired);
        assert_eq!(code(Some(b"")), ErrorKind::WrongPassphrase);
        assert_eq!(code(Some(b"wrong")), ErrorKind::WrongPassphrase);
        assert!(load_private_key(key("rsa-pkcs1.pem").as_bytes(), Some(b"ignored")).is_ok());
        assert_eq!(
            load(&key("rsa-legacy-encrypted.pem")).unwrap_err().kind(),
            ErrorKind::UnsupportedKey
        );
        assert_eq!(
            load(&key("ed25519.pem")).unwrap_err().kind(),
            ErrorKind::UnsupportedKey
        );
    }

    #[test]
    fn cache_reuses_and_replaces() {
        let rsa = key("rsa-pkcs1.pem");
        let ec = key("ec-sec1.pem");
        let mut cache = KeyCache::default();
        assert_eq!(
            cache
                .get_or_load(rsa.as_bytes(), None, SigningKey::new)
                .unwrap()
                .key()
                .bits(),
            2048
        );
        assert!(cache.holds(rsa.as_bytes(), None));
        assert!(cache
            .get_or_load(b"garbage", None, SigningKey::new)
            .is_err());
        assert!(
            cache.holds(rsa.as_bytes(), None),
            "a failure keeps the cached key"
        );
        assert_eq!(
            cache
                .get_or_load(ec.as_bytes(), None, SigningKey::new)
                .unwrap()
                .key()
                .bits(),
            256
        );
        assert!(!cache.holds(rsa.as_bytes(), None));
        cache.clear();
        assert!(!cache.holds(ec.as_bytes(), None));
    }
}
