// The Deno entry. The .wasm is imported as a module source, so Deno loads it
// with the rest of the module graph (no --allow-read, no fetch) and the
// package is ready as soon as the import resolves: `init` and `initSync`
// have nothing left to do here.
import source wasmModule from "../web/cloudfront_signer_bg.wasm";
import { initSync } from "../web/cloudfront_signer.js";

initSync({ module: wasmModule });

export * from "../web/index.js";
