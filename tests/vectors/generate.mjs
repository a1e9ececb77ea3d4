// Writes tests/vectors/vectors.json (or the path given as the first argument):
// the signing vectors every runtime test runs. The expected outputs come from
// the peers, never from this package: botocore's CloudFrontSigner makes the
// RSA SHA-1 URLs, and `openssl dgst -sign` signs the same policy bytes for
// SHA-256 and for cookies. ECDSA signatures cannot be reproduced by a peer, so
// the EC vectors carry what a verifier needs instead of an expected output.
//
// Needs .venv (scripts/setup-python.sh) and openssl on the PATH.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const keyFile = (name) => join(root, "tests", "keys", name);
const out = process.argv[2] ?? join(root, "tests", "vectors", "vectors.json");

const HOST = "https://d111111abcdef8.cloudfront.net";
const NOW = 1900000000;

// The private key each RSA vector loads, and the PEM file of the same key the
// peers sign with.
const RSA_KEYS = {
  "rsa-pkcs8.pem": "rsa-pkcs8.pem",
  "rsa-pkcs1.pem": "rsa-pkcs1.pem",
  "rsa-private.jwk.json": "rsa-pkcs8.pem",
  "rsa-1024.pem": "rsa-1024.pem",
};
const KEY_PAIR_IDS = ["K2JCJMDEHXQW5F", "APKAEXAMPLE123"];

// What is signed: a URL and its options. Cookies are signed for `resource`
// (the URL itself unless the case names a wildcard resource), so every case
// that is custom for the URL is custom for the cookies too.
const CASES = [
  { url: `${HOST}/image.jpg`, options: { expires: 2000000000 } },
  { url: `${HOST}/video.mp4?quality=hd&lang=en`, options: { expires: 2000000001 } },
  { url: `${HOST}/private/a%20b/r%C3%A9sum%C3%A9.pdf`, options: { expires: 2147483647 } },
  { url: `${HOST}/private/report.pdf`, options: { expires: 2000000002, notBefore: 1767200000 } },
  { url: `${HOST}/stream/index.m3u8`, options: { expires: 2000000003, ipAddress: "203.0.113.0/24" } },
  { url: `${HOST}/download.zip?v=2`, options: { expires: 2000000004, ipAddress: "198.51.100.7" } },
  { url: `${HOST}/private/photos/1.jpg`, options: { expires: 2000000005, resource: `${HOST}/private/*` } },
  { url: `${HOST}/video.mp4`, options: { expires: 2000000006, notBefore: 1767200000, ipAddress: "10.0.0.0/8", resource: `${HOST}/vid?o*` } },
];

// ECDSA P-256 vectors: signed in each runtime, checked with CloudFrontVerifier.
const EC_KEYS = ["ec-pkcs8.pem", "ec-sec1.pem", "ec-private.jwk.json"];
const EC_CASES = [
  { url: `${HOST}/image.jpg`, options: { expires: 2000000000 }, verify: { now: NOW } },
  { url: `${HOST}/private/report.pdf?v=2`, options: { expires: 2000000002, notBefore: 1767200000 }, verify: { now: NOW } },
  { url: `${HOST}/stream/index.m3u8`, options: { expires: 2000000003, ipAddress: "203.0.113.0/24" }, verify: { now: NOW, clientIp: "203.0.113.9" } },
];

/** CloudFront's base64: `+` → `-`, `=` → `_`, `/` → `~`. */
const cfEncode = (bytes) => Buffer.from(bytes).toString("base64").replace(/\+/g, "-").replace(/=/g, "_").replace(/\//g, "~");
const cfDecode = (text) => Buffer.from(text.replace(/-/g, "+").replace(/_/g, "=").replace(/~/g, "/"), "base64");

/** `openssl dgst -<hash> -sign` over exact bytes. */
const opensslSign = (pemFile, hash, message) =>
  execFileSync("openssl", ["dgst", `-${hash}`, "-sign", keyFile(pemFile)], { input: message });

const cannedPolicy = (resource, expires) =>
  `{"Statement":[{"Resource":"${resource}","Condition":{"DateLessThan":{"AWS:EpochTime":${expires}}}}]}`;

const isCanned = ({ notBefore, ipAddress, resource }) => notBefore === undefined && ipAddress === undefined && resource === undefined;

/** botocore's signed URLs (RSA, SHA-1) for every RSA case, keyed like the vectors. */
function botocoreUrls(rsaCases) {
  const input = rsaCases.map(({ url, options, peerKey, keyPairId }) => ({
    url,
    key_file: keyFile(peerKey),
    key_pair_id: keyPairId,
    expires: options.expires,
    not_before: options.notBefore,
    ip_address: options.ipAddress,
    resource: options.resource,
  }));
  const python = join(root, ".venv", "bin", "python");
  const urls = JSON.parse(execFileSync(python, [join(root, "tests", "peers", "botocore_sign.py")], { input: JSON.stringify(input), encoding: "utf8" }));
  if (urls.length !== rsaCases.length) throw new Error("botocore returned a different number of URLs");
  return urls;
}

/** The `Policy` (or `Expires`) and `Signature` of a signed URL. */
function signingParameters(signed) {
  const params = Object.fromEntries(new URL(signed).searchParams);
  return { policy: params.Policy, expires: params.Expires, signature: params.Signature };
}

function assertEqual(actual, expected, what) {
  if (actual !== expected) throw new Error(`${what}: peers disagree\n  ${actual}\n  ${expected}`);
}

/** The URL and cookie vectors of one RSA case, from botocore's SHA-1 URL and openssl. */
function rsaVectors(rsaCase, botocoreUrl) {
  const { url, options, key, peerKey, keyPairId } = rsaCase;
  const canned = isCanned(options);
  const parameters = signingParameters(botocoreUrl);
  // The exact bytes botocore signed: its Policy, or the canned policy (proved
  // below by openssl making botocore's signature over them).
  const policy = canned ? Buffer.from(cannedPolicy(url, options.expires)) : cfDecode(parameters.policy);
  assertEqual(cfEncode(opensslSign(peerKey, "sha1", policy)), parameters.signature, `${url} SHA-1 signature`);

  const vectors = [];
  for (const [hashAlgorithm, hash] of [["SHA1", "sha1"], ["SHA256", "sha256"]]) {
    const signature = cfEncode(opensslSign(peerKey, hash, policy));
    const marker = hashAlgorithm === "SHA256";
    const separator = url.includes("?") ? "&" : "?";
    const first = canned ? `Expires=${options.expires}` : `Policy=${cfEncode(policy)}`;
    const signedUrl = `${url}${separator}${first}&Signature=${signature}&Key-Pair-Id=${keyPairId}${marker ? "&Hash-Algorithm=SHA256" : ""}`;
    if (!marker) assertEqual(signedUrl, botocoreUrl, `${url} SHA-1 URL`);
    const name = `${key} ${hashAlgorithm} ${canned ? "canned" : "custom"} ${url}`;
    vectors.push({ name: `URL, ${name}`, operation: "signUrl", key, keyPairId, hashAlgorithm, url, options, expected: signedUrl });

    const { resource = url, ...cookieOptions } = options;
    const cookies = {
      [canned ? "CloudFront-Expires" : "CloudFront-Policy"]: canned ? String(options.expires) : cfEncode(policy),
      "CloudFront-Signature": signature,
      "CloudFront-Key-Pair-Id": keyPairId,
      ...(marker ? { "CloudFront-Hash-Algorithm": "SHA256" } : {}),
    };
    vectors.push({ name: `cookies, ${name}`, operation: "signCookies", key, keyPairId, hashAlgorithm, resource, options: cookieOptions, expected: cookies });
  }
  return vectors;
}

function ecVectors() {
  const vectors = [];
  EC_CASES.forEach(({ url, options, verify }, index) => {
    const key = EC_KEYS[index % EC_KEYS.length];
    const keyPairId = KEY_PAIR_IDS[index % KEY_PAIR_IDS.length];
    for (const hashAlgorithm of ["SHA1", "SHA256"]) {
      const name = `${key} ${hashAlgorithm} ${isCanned(options) ? "canned" : "custom"} ${url}`;
      const common = { key, keyPairId, hashAlgorithm, verifyWith: "ec-public.pem", verify };
      vectors.push({ name: `URL, ${name}`, operation: "signUrl", url, options, ...common });
      vectors.push({ name: `cookies, ${name}`, operation: "signCookies", resource: url, options, ...common });
    }
  });
  return vectors;
}

const rsaCases = CASES.map((c, index) => {
  const key = Object.keys(RSA_KEYS)[index % Object.keys(RSA_KEYS).length];
  return { ...c, key, peerKey: RSA_KEYS[key], keyPairId: KEY_PAIR_IDS[index % KEY_PAIR_IDS.length] };
});
const urls = botocoreUrls(rsaCases);

const keyNames = [...Object.keys(RSA_KEYS), ...EC_KEYS, "ec-public.pem"];
const keys = Object.fromEntries(
  keyNames.map((name) => {
    const text = readFileSync(keyFile(name), "utf8");
    return [name, name.endsWith(".json") ? JSON.parse(text) : text];
  }),
);

const document = {
  about: "Generated by tests/vectors/generate.mjs from botocore and openssl; every runtime test signs these and must produce the expected bytes. EC vectors have no expected output (ECDSA): they are verified with verifyWith at verify.now.",
  keys,
  vectors: [...rsaCases.flatMap((c, i) => rsaVectors(c, urls[i])), ...ecVectors()],
};
writeFileSync(out, `${JSON.stringify(document, null, 2)}\n`);
console.log(`wrote ${document.vectors.length} vectors to ${out}`);
