// CommonJS smoke test: `require("cloudfront-signer")` gives the drop-ins,
// and they agree with `require("@aws-sdk/cloudfront-signer")`.
const test = require("node:test");
const assert = require("node:assert/strict");
const { readFileSync } = require("node:fs");
const { join } = require("node:path");
const aws = require("@aws-sdk/cloudfront-signer");
const { getSignedUrl, getSignedCookies } = require("cloudfront-signer");

const privateKey = readFileSync(join(__dirname, "..", "keys", "rsa-pkcs1.pem"), "utf8");
const base = { keyPairId: "K2JCJMDEHXQW5F", privateKey, dateLessThan: "2030-01-01T00:00:00Z" };

test("require() exposes getSignedUrl and getSignedCookies", () => {
  assert.equal(typeof getSignedUrl, "function");
  assert.equal(typeof getSignedCookies, "function");
});

test("CommonJS drop-ins match @aws-sdk/cloudfront-signer", () => {
  const url = { ...base, url: "https://d111111abcdef8.cloudfront.net/a b.jpg?size=large" };
  assert.equal(getSignedUrl(url), aws.getSignedUrl(url));
  const cookies = { ...base, url: "https://d111111abcdef8.cloudfront.net/*", ipAddress: "10.0.0.0/8", algorithm: "SHA256" };
  assert.deepStrictEqual(getSignedCookies(cookies), aws.getSignedCookies(cookies));
  assert.throws(() => getSignedUrl({ ...base, url: "ftp://x/a" }), {
    message: "Invalid URI scheme. Scheme must be one of http, https, or rtmp",
    code: "ERR_INVALID_URL",
  });
});

test("require() and import share one module instance", async () => {
  const esm = await import("cloudfront-signer");
  assert.equal(esm.getSignedUrl, getSignedUrl);
});
