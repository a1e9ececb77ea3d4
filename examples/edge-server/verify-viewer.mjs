// One viewer request checked the way CloudFront checks it.

/**
 * Verifies the request URL CloudFront would see, with its `Cookie` header
 * (signing parameters in the URL win over cookies) and the viewer's address.
 * An address that is not an IP (a spoofed or garbled header) counts as
 * none, so a policy with an IP condition refuses the request.
 *
 * @param {import("cloudfront-signer").CloudFrontVerifier} verifier
 * @param {{ url: string, cookie?: string | null, clientIp?: string | null, requireSha256?: boolean }} request
 * @returns {object} the verification: `{ valid, reason, message, cloudfrontMessage, … }`
 * @example
 * const result = verifyViewer(verifier, { url: "https://d111111abcdef8.cloudfront.net/a.txt?Expires=…", clientIp: "203.0.113.7" });
 * if (!result.valid) console.log(result.reason, result.message);
 */
export function verifyViewer(verifier, { url, cookie, clientIp, requireSha256 = false }) {
  const options = { requireSha256 };
  const cookies = cookie ?? "";
  if (!clientIp) return verifier.verifyCookies(url, cookies, options);
  try {
    return verifier.verifyCookies(url, cookies, { ...options, clientIp });
  } catch (error) {
    if (error?.code !== "ERR_INVALID_IP") throw error;
    return verifier.verifyCookies(url, cookies, options);
  }
}
