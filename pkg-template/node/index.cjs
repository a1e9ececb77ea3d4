// The Node and Bun entry (CommonJS; node/index.mjs re-exports it for
// `import`). The wasm-bindgen glue reads and instantiates the .wasm
// synchronously when it is required, so everything is ready at once.
// `init` and `initSync` exist for code shared with the browser entry; here
// they have nothing left to do.
const glue = require("./cloudfront_signer.js");
const { withAsyncSigning } = require("./async-signing.cjs");

module.exports = {
  ...glue,
  CloudFrontSigner: withAsyncSigning(glue.CloudFrontSigner),
  init: async () => {},
  initSync: () => {},
};
