// The Node and Bun entry (CommonJS; node/index.mjs re-exports it for
// `import`). The wasm-bindgen glue reads and instantiates the .wasm
// synchronously when it is required, so everything is ready at once.
// `init` and `initSync` exist for code shared with the browser entry; here
// they have nothing left to do.
const glue = require("./cloudfront_signer.js");
const { withAsyncSigning } = require("./async-signing.cjs");

// node:crypto (the "auto" engine's signer, and the wasm core's source of
// random numbers) is loaded here, with the package, as a static import
// would load it, and not by the first signer: loading it takes about 3 ms,
// which would otherwise be added to the first signature. It is reached the
// way the core reaches it, so nothing is loaded where the core would not
// use it (Node before 20.16 has no process.getBuiltinModule).
globalThis.process?.getBuiltinModule?.("node:crypto");

module.exports = {
  ...glue,
  CloudFrontSigner: withAsyncSigning(glue.CloudFrontSigner),
  init: async () => {},
  initSync: () => {},
};
