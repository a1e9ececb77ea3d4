//! JSON Web Keys (RFC 7517) for RSA and P-256.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use cloudfront_signer_crypto::rsa_any::{PrivateComponents, RsaPublicKey};
use zeroize::Zeroizing;

use super::algorithm::{ensure_jwk_p256, name_in_key};
use super::PublicKey;
use crate::error::{fail, Error, ErrorKind, Result};
use crate::json::{self, Text, Value};

/// The private parts a JWK holds.
pub(crate) enum PrivateParts {
    Rsa(Box<PrivateComponents>),
    Ec(Zeroizing<Vec<u8>>),
}

/// The members of a JWK this crate reads, as strings. They borrow from the
/// JSON text, except a member spelled with escapes, which is decoded into a
/// buffer wiped on drop; unknown members are skipped, and a member given
/// twice is refused.
#[derive(Default)]
struct Jwk<'a> {
    kty: Option<Text<'a>>,
    crv: Option<Text<'a>>,
    n: Option<Text<'a>>,
    e: Option<Text<'a>>,
    x: Option<Text<'a>>,
    y: Option<Text<'a>>,
    d: Option<Text<'a>>,
    p: Option<Text<'a>>,
    q: Option<Text<'a>>,
}

/// Reads a private JWK (one with `d`).
pub(crate) fn parse_private(json: &str) -> Result<PrivateParts> {
    let jwk = parse_object(json)?;
    if jwk.d.is_none() {
        return fail(
            ErrorKind::InvalidKey,
            "this JWK is a public key (no \"d\"); signing needs the private key",
        );
    }
    match key_type(&jwk)? {
        "RSA" => {
            let n = nonempty(member(jwk.n.as_deref(), "n")?)?;
            let e = nonempty(member(jwk.e.as_deref(), "e")?)?;
            let secret = |value: Option<&str>, name: &str| {
                let bytes = member(value, name)?;
                if bytes.len() > n.len() {
                    return fail(
                        ErrorKind::InvalidKey,
                        "the RSA JWK has a component wider than its modulus",
                    );
                }
                Ok(bytes)
            };
            let (d, p, q) = (
                secret(jwk.d.as_deref(), "d")?,
                secret(jwk.p.as_deref(), "p")?,
                secret(jwk.q.as_deref(), "q")?,
            );
            let components = PrivateComponents::new(&n, &e, &d, &p, &q).ok_or_else(|| {
                Error::new(
                    ErrorKind::InvalidKey,
                    "the RSA JWK's components do not form a valid key",
                )
            })?;
            Ok(PrivateParts::Rsa(Box::new(components)))
        }
        "EC" => {
            ensure_jwk_p256(jwk.crv.as_deref().unwrap_or("(none)"))?;
            Ok(PrivateParts::Ec(member(jwk.d.as_deref(), "d")?))
        }
        _ => unsupported_kty(&jwk),
    }
}

/// Reads a public JWK; `None` when the JWK is a private one (has `d`).
pub(crate) fn parse_public(json: &str) -> Result<Option<PublicKey>> {
    let jwk = parse_object(json)?;
    if jwk.d.is_some() {
        return Ok(None);
    }
    match key_type(&jwk)? {
        "RSA" => {
            let n = member(jwk.n.as_deref(), "n")?;
            let e = member(jwk.e.as_deref(), "e")?;
            let key = RsaPublicKey::new(&n, &e).ok_or_else(|| {
                Error::new(
                    ErrorKind::InvalidKey,
                    "the RSA JWK's n and e do not form a valid key",
                )
            })?;
            Ok(Some(PublicKey::from_rsa(key)))
        }
        "EC" => {
            ensure_jwk_p256(jwk.crv.as_deref().unwrap_or("(none)"))?;
            let (x, y) = (
                member(jwk.x.as_deref(), "x")?,
                member(jwk.y.as_deref(), "y")?,
            );
            if x.len() != 32 || y.len() != 32 {
                return fail(
                    ErrorKind::InvalidKey,
                    "the EC JWK's x and y must be 32 bytes each",
                );
            }
            let mut point = vec![4u8];
            point.extend_from_slice(&x);
            point.extend_from_slice(&y);
            let key = p256::PublicKey::from_sec1_bytes(&point).map_err(|_| {
                Error::new(
                    ErrorKind::InvalidKey,
                    "the EC JWK's x and y are not a P-256 point",
                )
            })?;
            Ok(Some(PublicKey::from_ec(key)))
        }
        _ => unsupported_kty(&jwk),
    }
}

/// Reads the members of a JWK; a `null` member counts as absent.
fn parse_object(json: &str) -> Result<Jwk<'_>> {
    // The syntax error says where, never what: the text holds a key.
    let document = json::parse(json).map_err(|error| {
        Error::new(
            ErrorKind::InvalidKey,
            format!("the JWK is not valid JSON ({error})"),
        )
    })?;
    let not_a_jwk = || {
        Error::new(
            ErrorKind::InvalidKey,
            "the JWK is not a JSON object whose kty, crv, n, e, d, p, q, x and y members are strings (each given once)",
        )
    };
    let Value::Object(members) = document else {
        return Err(not_a_jwk());
    };
    let mut jwk = Jwk::default();
    let mut seen = 0u16;
    for (name, value) in members {
        let (index, slot) = match &*name {
            "kty" => (0, &mut jwk.kty),
            "crv" => (1, &mut jwk.crv),
            "n" => (2, &mut jwk.n),
            "e" => (3, &mut jwk.e),
            "x" => (4, &mut jwk.x),
            "y" => (5, &mut jwk.y),
            "d" => (6, &mut jwk.d),
            "p" => (7, &mut jwk.p),
            "q" => (8, &mut jwk.q),
            _ => continue,
        };
        let bit = 1 << index;
        if seen & bit != 0 {
            return Err(not_a_jwk());
        }
        seen |= bit;
        *slot = match value {
            Value::String(text) => Some(text),
            Value::Null => None,
            _ => return Err(not_a_jwk()),
        };
    }
    Ok(jwk)
}

fn key_type<'j>(jwk: &'j Jwk) -> Result<&'j str> {
    jwk.kty
        .as_deref()
        .ok_or_else(|| Error::new(ErrorKind::InvalidKey, "the JWK has no \"kty\""))
}

fn unsupported_kty<T>(jwk: &Jwk) -> Result<T> {
    let mut shown = name_in_key(jwk.kty.as_deref().unwrap_or(""));
    if let Some(curve) = jwk.crv.as_deref() {
        shown = format!("{shown} {}", name_in_key(curve));
    }
    fail(
        ErrorKind::UnsupportedKey,
        format!("JWK key type {shown} is not supported; CloudFront accepts RSA and EC P-256 keys"),
    )
}

/// A base64url member, decoded (padding tolerated).
fn member(value: Option<&str>, name: &str) -> Result<Zeroizing<Vec<u8>>> {
    let text = value.ok_or_else(|| {
        Error::new(
            ErrorKind::InvalidKey,
            format!("the JWK has no \"{name}\" string"),
        )
    })?;
    URL_SAFE_NO_PAD
        .decode(text.trim_end_matches('='))
        .map(Zeroizing::new)
        .map_err(|_| {
            Error::new(
                ErrorKind::InvalidKey,
                format!("the JWK's \"{name}\" is not base64url"),
            )
        })
}

/// `bytes`, unless they are empty (an RSA JWK's `n` or `e`).
fn nonempty(bytes: Zeroizing<Vec<u8>>) -> Result<Zeroizing<Vec<u8>>> {
    if bytes.is_empty() {
        return fail(
            ErrorKind::InvalidKey,
            "the RSA JWK has an empty or oversized component",
        );
    }
    Ok(bytes)
}
