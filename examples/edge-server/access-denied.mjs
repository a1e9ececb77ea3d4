// The 403 answer of the stand-in: CloudFront's XML error body, plus our
// reason code and sentence in two headers and in an XML comment.

const MAX_HEADER_CHARS = 1000;

/**
 * The 403 response for a refused request: CloudFront's body
 * (`<Error><Code>AccessDenied</Code><Message>…</Message></Error>`, with
 * CloudFront's own message), then `<!-- REASON: sentence -->`, and the
 * headers `x-cloudfront-signer-reason` and `x-cloudfront-signer-message`
 * (printable ASCII, other characters as `?`, at most 1000 characters).
 *
 * @param {{ reason: string, message: string, cloudfrontMessage?: string }} refusal
 *   a failed verification of `CloudFrontVerifier`, or one made by the server
 * @returns {{ status: 403, headers: Record<string, string>, body: string }}
 * @example
 * const { status, headers, body } = accessDenied(verifier.verifyUrl(url, { clientIp }));
 */
export function accessDenied({ reason, message, cloudfrontMessage = "Access denied" }) {
  const body =
    '<?xml version="1.0" encoding="UTF-8"?>' +
    `<Error><Code>AccessDenied</Code><Message>${xmlText(cloudfrontMessage)}</Message></Error>` +
    `<!-- ${xmlComment(`${reason}: ${message}`)} -->\n`;
  return {
    status: 403,
    headers: {
      "content-type": "application/xml",
      "x-cloudfront-signer-reason": headerValue(reason),
      "x-cloudfront-signer-message": headerValue(message),
    },
    body,
  };
}

/**
 * The refusal for a validly signed request whose object does not exist.
 * S3 behind Origin Access Control answers 403 AccessDenied ("Access Denied")
 * for a missing key when the bucket policy grants only `s3:GetObject`, as
 * in examples/aws; the reason `NO_SUCH_KEY` tells the two 403s apart.
 *
 * @param {string | null} key the object key, or null when the path names none
 * @returns {{ reason: string, message: string, cloudfrontMessage: string }}
 * @example
 * accessDenied(missingObject("videos/none.mp4"));
 */
export function missingObject(key) {
  const what = key === null ? "the path names no file" : `there is no file ${JSON.stringify(key)}`;
  return {
    reason: "NO_SUCH_KEY",
    message: `the signature is valid, but ${what}; S3 behind CloudFront answers 403 AccessDenied for a missing key`,
    cloudfrontMessage: "Access Denied",
  };
}

function xmlText(text) {
  return stripControl(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function xmlComment(text) {
  // "--" may not appear inside an XML comment.
  return stripControl(text).replace(/-(?=-)/g, "- ");
}

function stripControl(text) {
  return String(text).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, "");
}

function headerValue(text) {
  const ascii = String(text).replace(/[^\u0020-\u007e]/g, "?");
  return ascii.length > MAX_HEADER_CHARS ? `${ascii.slice(0, MAX_HEADER_CHARS - 3)}...` : ascii;
}
