//! Policy documents from hostile bytes: `Policy::parse` never panics, and a
//! policy it accepts is written back by `to_json` into bytes that parse to
//! the same policy (when the resource can be written unescaped).
#![no_main]

use cloudfront_signer::policy::MAX_POLICY_BYTES;
use cloudfront_signer::Policy;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(policy) = Policy::parse(data) else {
        return;
    };
    let _ = policy.validate_for_signing();
    let _ = policy.is_cannable();
    let writable = policy
        .resource
        .as_deref()
        .is_none_or(|r| !r.chars().any(|c| matches!(c, '"' | '\\') || c.is_control()));
    let json = policy.to_json();
    if writable && json.len() <= MAX_POLICY_BYTES {
        assert_eq!(
            Policy::parse(json.as_bytes()).as_ref(),
            Ok(&policy),
            "{json}"
        );
    }
});
