// `signUrlAsync` and `signCookiesAsync`, which every entry of the package
// adds to the wasm core's CloudFrontSigner class (the Node entry loads the
// CommonJS copy scripts/build-pkg.sh makes of this file). The wasm core
// builds the policy and finishes the URL or cookies synchronously; only the
// awaiting of WebCrypto happens here, in plain promises, which cost less
// than Rust futures driven through the wasm boundary.

/**
 * Adds the asynchronous signing methods to `CloudFrontSigner` and returns it.
 *
 * @example
 * export const CloudFrontSigner = withAsyncSigning(glue.CloudFrontSigner);
 */
export function withAsyncSigning(CloudFrontSigner) {
  const methods = {
    /** `await signer.signUrlAsync(url, options)`: the same URL as `signUrl`. */
    signUrlAsync(url, options) {
      return signed(this, () => this.pendingUrl(url, options));
    },
    /** `await signer.signCookiesAsync(resource, options)`: the same cookies as `signCookies`. */
    signCookiesAsync(resource, options) {
      return signed(this, () => this.pendingCookies(resource, options));
    },
  };
  for (const [name, value] of Object.entries(methods)) {
    Object.defineProperty(CloudFrontSigner.prototype, name, { value, writable: true, configurable: true });
  }
  return CloudFrontSigner;
}

/**
 * Has the wasm core prepare the signature (bad input rejects, with the same
 * codes as the synchronous methods), signs it with WebCrypto where the core
 * asks for that, and lets the core finish it: the core checks WebCrypto's
 * answer and signs itself when there is none or it is wrong.
 */
async function signed(signer, prepare) {
  const [id, key, algorithm, message] = prepare();
  let signature;
  if (key !== undefined) {
    try {
      signature = await globalThis.crypto.subtle.sign(algorithm, await key, message);
    } catch {
      // No answer: the core signs, and stops asking WebCrypto.
    }
  }
  return signer.finishPending(id, signature);
}
