// The browser and bundler entry. The .wasm file is fetched, so call
// `await init()` once before anything else.
import { CloudFrontSigner as WasmSigner } from "./cloudfront_signer.js";
import { withAsyncSigning } from "./async-signing.js";

export { default as init, initSync } from "./cloudfront_signer.js";
export * from "./cloudfront_signer.js";
export const CloudFrontSigner = withAsyncSigning(WasmSigner);
