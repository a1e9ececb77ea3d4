//! The small parsers, from hostile text: dates, IPv4 ranges, URLs,
//! CloudFront base64, path encoding and wildcard matching. Each must
//! refuse or round-trip:
//!
//! - a parsed date formats back to the same second;
//! - a parsed range prints back to the same range;
//! - a valid URL is exactly what verification recovers after signing
//!   parameters are appended;
//! - decoded CloudFront base64 re-encodes to the same text (one spelling
//!   per byte string, so a signature cannot be respelled);
//! - an encoded path always makes a URL that can be signed.
#![no_main]

use cloudfront_signer::encoding::{decode, encode};
use cloudfront_signer::time::{format_utc, parse_date};
use cloudfront_signer::url::{
    append_parameters, encode_path, split_signing_parameters, validate_url, MAX_URL_BYTES,
};
use cloudfront_signer::verify::WildcardMatching;
use cloudfront_signer::Ipv4Cidr;
use libfuzzer_sys::fuzz_target;

/// 9999-12-31T23:59:59Z, the last second `format_utc` writes with four digits.
const LAST_FOUR_DIGIT_YEAR: i64 = 253_402_300_799;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };

    if let Ok(seconds) = parse_date(text) {
        if (0..=LAST_FOUR_DIGIT_YEAR).contains(&seconds) {
            assert_eq!(parse_date(&format_utc(seconds)), Ok(seconds), "{text:?}");
        }
    }

    if let Ok(range) = text.parse::<Ipv4Cidr>() {
        assert_eq!(range.to_string().parse::<Ipv4Cidr>(), Ok(range));
        assert!(range.contains(&std::net::IpAddr::V4(range.address())));
    }

    if validate_url(text).is_ok() {
        let signed = append_parameters(
            text,
            &[("Expires", "1"), ("Signature", "A"), ("Key-Pair-Id", "K")],
        );
        let split = split_signing_parameters(&signed);
        assert_eq!(split.resource, text);
        assert_eq!(split.signing_parameters.len(), 3);
    }

    if let Some(bytes) = decode(text) {
        assert_eq!(encode(&bytes), text);
    }

    let url = format!(
        "https://d111111abcdef8.cloudfront.net/{}",
        encode_path(text)
    );
    if url.len() <= MAX_URL_BYTES {
        assert_eq!(validate_url(&url), Ok(()), "{text:?}");
    }

    let (pattern, candidate) = text.split_once('\n').unwrap_or((text, text));
    for mode in [WildcardMatching::Sections, WildcardMatching::Glob] {
        let _ = mode.matches(pattern, candidate);
    }
});
