// The Cloudflare Workers (workerd) entry. Workers cannot fetch or compile
// WebAssembly from bytes at run time: the bundler (wrangler, esbuild with the
// "workerd" condition) imports the .wasm file as a compiled
// WebAssembly.Module, and the instance is created synchronously here, on
// import. Everything is usable at once, also at module top level; `init()`
// and `initSync()` are still exported and do nothing more.
import module from "./web/cloudfront_signer_bg.wasm";
import { initSync } from "./web/cloudfront_signer.js";

initSync({ module });

export * from "./web/index.js";
