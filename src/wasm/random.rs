//! Random bytes for `getrandom` (RSA blinding), from `node:crypto`'s
//! `randomFillSync` where `process.getBuiltinModule` reaches it (Node, Bun,
//! Workers with `nodejs_compat`) and the runtime is not Deno, else from
//! WebCrypto's `crypto.getRandomValues`.
//!
//! Why not always WebCrypto, as `getrandom`'s own `wasm_js` backend does:
//! in Node, the first read of `globalThis.crypto` loads Node's WebCrypto
//! implementation on top of `node:crypto`: about 7 ms in a fresh process
//! against 5 ms for `node:crypto` alone, and 1.3 ms against nothing once
//! `node:crypto` is loaded (as the `auto` engine loads it). Deno is the
//! other way round: its WebCrypto is native, and making its `process`
//! object and loading its `node:crypto` takes tens of milliseconds.
//!
//! Built as `getrandom`'s custom backend only when the package is built
//! (`.cargo/config.toml` sets `getrandom_backend="custom"` for wasm32):
//! a program that uses this crate as a library keeps `wasm_js`.

use std::cell::OnceCell;

use js_sys::{Function, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use zeroize::Zeroizing;

/// `getRandomValues` takes at most this many bytes at once.
const MAX_CHUNK: usize = 65_536;

/// The error `getrandom` reports when the runtime refuses random values
/// (Cloudflare Workers outside a request) or has no source of them.
const REFUSED: getrandom::Error = getrandom::Error::new_custom(0);

thread_local! {
    /// The function that fills a `Uint8Array`, and its `this`.
    static SOURCE: OnceCell<Option<(Function, JsValue)>> = const { OnceCell::new() };
}

/// The `getrandom` custom backend: fills `dest[..len]` with random bytes.
///
/// # Safety
///
/// `dest` must be valid for writes of `len` bytes (`getrandom` passes its
/// own buffer).
#[no_mangle]
unsafe extern "Rust" fn __getrandom_v03_custom(
    dest: *mut u8,
    len: usize,
) -> Result<(), getrandom::Error> {
    // SAFETY: getrandom hands over a buffer of `len` writable bytes, which
    // may be uninitialised: it is zeroed before a slice of it is made.
    let buffer = unsafe {
        core::ptr::write_bytes(dest, 0, len);
        core::slice::from_raw_parts_mut(dest, len)
    };
    fill(buffer)
}

/// Fills `buffer` from the runtime's source of random values.
fn fill(buffer: &mut [u8]) -> Result<(), getrandom::Error> {
    let (function, this) = SOURCE
        .with(|source| source.get_or_init(find_source).clone())
        .ok_or(REFUSED)?;
    for chunk in buffer.chunks_mut(MAX_CHUNK) {
        let array = Uint8Array::new_with_length(chunk.len() as u32);
        function.call1(&this, &array).map_err(|_| REFUSED)?;
        let mut copied = Zeroizing::new(vec![0u8; chunk.len()]);
        array.copy_to(&mut copied);
        array.fill(0, 0, chunk.len() as u32);
        chunk.copy_from_slice(&copied);
    }
    Ok(())
}

/// `node:crypto.randomFillSync` when `process.getBuiltinModule` gives it
/// outside Deno, else `globalThis.crypto.getRandomValues`; `None` when
/// neither exists.
fn find_source() -> Option<(Function, JsValue)> {
    let global = js_sys::global();
    // Deno makes its `process` object when it is first read, which alone
    // costs tens of milliseconds: in Deno, neither it nor `node:crypto` is
    // touched.
    let is_deno = Reflect::has(&global, &JsValue::from_str("Deno")).unwrap_or(false);
    let node_crypto = (!is_deno)
        .then(|| Reflect::get(&global, &JsValue::from_str("process")).ok())
        .flatten()
        .and_then(|process| {
            let get_builtin: Function =
                Reflect::get(&process, &JsValue::from_str("getBuiltinModule"))
                    .ok()?
                    .dyn_into()
                    .ok()?;
            get_builtin
                .call1(&process, &JsValue::from_str("node:crypto"))
                .ok()
        });
    if let Some(found) = node_crypto.and_then(|crypto| method(crypto, "randomFillSync")) {
        return Some(found);
    }
    let web_crypto = Reflect::get(&global, &JsValue::from_str("crypto")).ok()?;
    method(web_crypto, "getRandomValues")
}

/// `object[name]` when it is a function, with `object` as its `this`.
fn method(object: JsValue, name: &str) -> Option<(Function, JsValue)> {
    if !object.is_object() {
        return None;
    }
    let function: Function = Reflect::get(&object, &JsValue::from_str(name))
        .ok()?
        .dyn_into()
        .ok()?;
    Some((function, object))
}
