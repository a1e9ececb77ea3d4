// The RSA-2048 test key of the doc examples, as the `rsa` crate reads it,
// and its integers, big-endian: `include!` it as an expression.
{
    use rsa::pkcs1::DecodeRsaPrivateKey;
    use rsa::traits::{PrivateKeyParts, PublicKeyParts};

    let der = include_bytes!("../../../tests/keys/rsa-pkcs1.der");
    let reference = rsa::PrivateKey::from_pkcs1_der(der).unwrap();
    let bytes = |value: &rsa::BoxedUint| value.to_be_bytes().to_vec();
    let [p, q] = reference.primes() else {
        unreachable!("a two-prime key")
    };
    let (n, e) = (bytes(reference.n().as_ref()), bytes(reference.e()));
    let (d, p, q) = (bytes(reference.d()), bytes(p.as_ref()), bytes(q.as_ref()));
    (reference, n, e, d, p, q)
}
