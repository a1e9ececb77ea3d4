// The browser and bundler entry. The .wasm file is fetched, so call
// `await init()` once before anything else.
export { default as init, initSync } from "./cloudfront_signer.js";
export * from "./cloudfront_signer.js";
