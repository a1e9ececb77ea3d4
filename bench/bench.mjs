// `make bench`: this package (each engine) against @aws-sdk/cloudfront-signer,
// node:crypto with a cached KeyObject and WebCrypto with a cached CryptoKey,
// interleaved in one process, medians over rounds, outputs checked first.
// `--smoke` runs every case briefly (the test suite's 10-second check);
// `--startup` runs only the start-up rows (fresh processes).
// It ends with the dudect-style timing check of bench/timing.mjs.
import { createPrivateKey, createPublicKey, sign as nodeSign, verify as nodeVerify, webcrypto } from "node:crypto";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { strict as assert } from "node:assert";
import { getSignedUrl, getSignedCookies } from "@aws-sdk/cloudfront-signer";
import { timingCheck } from "./timing.mjs";
import { CloudFrontSigner, CloudFrontVerifier, getSignedUrl as dropInUrl, getSignedCookies as dropInCookies } from "cloudfront-signer";

const smoke = process.argv.includes("--smoke");
const startupOnly = process.argv.includes("--startup");
const ROUNDS = smoke ? 3 : 15;
const BATCH_MS = smoke ? 15 : 60;
const key = (name) => readFileSync(new URL(`../tests/keys/${name}`, import.meta.url), "utf8");
const RSA = key("rsa-pkcs8.pem");
const EC = key("ec-pkcs8.pem");
const ID = "K2JCJMDEHXQW5F";
const URL_ = "https://d111111abcdef8.cloudfront.net/private/report.pdf";
const EXPIRES = 2000000000;
const WILDCARD = "https://d111111abcdef8.cloudfront.net/private/*";

const cfB64 = (bytes) => Buffer.from(bytes).toString("base64").replace(/\+/g, "-").replace(/=/g, "_").replace(/\//g, "~");
const canned = (url) => `{"Statement":[{"Resource":"${url}","Condition":{"DateLessThan":{"AWS:EpochTime":${EXPIRES}}}}]}`;
const customPolicy = `{"Statement":[{"Resource":"${WILDCARD}","Condition":{"DateLessThan":{"AWS:EpochTime":${EXPIRES}}}}]}`;
const signatureOf = (url) => new URLSearchParams(url.split("?")[1]).get("Signature") ?? url.match(/Signature=([^&]+)/)[1];

/** Converts a WebCrypto P1363 (r||s) ECDSA signature to DER. */
function p1363ToDer(raw) {
  const int = (bytes) => {
    let i = 0;
    while (i < bytes.length - 1 && bytes[i] === 0) i++;
    const trimmed = bytes.subarray(i);
    return trimmed[0] & 0x80 ? Buffer.concat([Buffer.from([0]), trimmed]) : Buffer.from(trimmed);
  };
  const r = int(raw.subarray(0, 32));
  const s = int(raw.subarray(32));
  return Buffer.concat([Buffer.from([0x30, r.length + s.length + 4, 0x02, r.length]), r, Buffer.from([0x02, s.length]), s]);
}

function nodeCachedUrl(keyObject, hash) {
  return (url) => `${url}?Expires=${EXPIRES}&Signature=${cfB64(nodeSign(hash, Buffer.from(canned(url)), keyObject))}&Key-Pair-Id=${ID}${hash === "sha256" ? "&Hash-Algorithm=SHA256" : ""}`;
}

async function webCryptoUrl(pem, algorithm) {
  const der = createPrivateKey(pem).export({ format: "der", type: "pkcs8" });
  const cryptoKey = await webcrypto.subtle.importKey("pkcs8", der, algorithm, false, ["sign"]);
  const isEc = algorithm.name === "ECDSA";
  return async (url) => {
    const raw = Buffer.from(await webcrypto.subtle.sign(isEc ? { name: "ECDSA", hash: "SHA-256" } : algorithm, cryptoKey, Buffer.from(canned(url))));
    return `${url}?Expires=${EXPIRES}&Signature=${cfB64(isEc ? p1363ToDer(raw) : raw)}&Key-Pair-Id=${ID}${isEc || algorithm.hash === "SHA-256" ? "&Hash-Algorithm=SHA256" : ""}`;
  };
}

/** Times `fn` in batches; returns microseconds per call. */
async function batch(fn, calls) {
  const start = performance.now();
  for (let i = 0; i < calls; i++) await fn();
  return ((performance.now() - start) * 1000) / calls;
}

async function runCase(name, impls) {
  const calls = {};
  for (const [label, fn] of Object.entries(impls)) {
    const once = await batch(fn, 3);
    calls[label] = Math.max(1, Math.round((BATCH_MS * 1000) / Math.max(once, 1)));
  }
  const samples = Object.fromEntries(Object.keys(impls).map((label) => [label, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const [label, fn] of Object.entries(impls)) samples[label].push(await batch(fn, calls[label]));
  }
  const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
  return { name, results: Object.entries(samples).map(([label, values]) => ({ label, us: median(values) })) };
}

function print({ name, results }, baselineLabel) {
  const baseline = results.find((r) => r.label === baselineLabel)?.us;
  console.log(`\n${name}`);
  for (const { label, us } of results) {
    const ratio = baseline ? ` ${(us / baseline).toFixed(2)}x ${baselineLabel}` : "";
    console.log(`  ${label.padEnd(44)} ${us.toFixed(1).padStart(10)} µs/op${ratio}`);
  }
}

const rsaAuto = new CloudFrontSigner({ keyPairId: ID, privateKey: RSA });
const rsaWasm = new CloudFrontSigner({ keyPairId: ID, privateKey: RSA, engine: "wasm" });
const rsa256Auto = new CloudFrontSigner({ keyPairId: ID, privateKey: RSA, hashAlgorithm: "SHA256" });
const rsa256Wasm = new CloudFrontSigner({ keyPairId: ID, privateKey: RSA, hashAlgorithm: "SHA256", engine: "wasm" });
const ecAuto = new CloudFrontSigner({ keyPairId: ID, privateKey: EC });
const ecWasm = new CloudFrontSigner({ keyPairId: ID, privateKey: EC, engine: "wasm" });
const rsaKeyObject = createPrivateKey(RSA);
const ecKeyObject = createPrivateKey(EC);
// Other RSA sizes: the wasm engine signs them with its general arithmetic.
const otherRsa = [1024, 4096].map((bits) => {
  const pem = key(`rsa-${bits}.pem`);
  return { bits, pem, wasm: new CloudFrontSigner({ keyPairId: ID, privateKey: pem, engine: "wasm" }), keyObject: createPrivateKey(pem) };
});
const verifier = new CloudFrontVerifier({ keys: { [ID]: key("rsa-public.pem"), KEC: key("ec-public.pem") } });
const rsaPublic = createPublicKey(key("rsa-public.pem"));
const webRsa = await webCryptoUrl(RSA, { name: "RSASSA-PKCS1-v1_5", hash: "SHA-1" });
const webEc = await webCryptoUrl(EC, { name: "ECDSA", namedCurve: "P-256" });

// Outputs agree before anything is timed.
const expected = rsaWasm.signUrl(URL_, { expires: EXPIRES });
assert.equal(rsaAuto.signUrl(URL_, { expires: EXPIRES }), expected);
assert.equal(nodeCachedUrl(rsaKeyObject, "sha1")(URL_), expected);
assert.equal(await webRsa(URL_), expected);
assert.equal(await rsaWasm.signUrlAsync(URL_, { expires: EXPIRES }), expected);
assert.equal(signatureOf(getSignedUrl({ url: URL_, keyPairId: ID, privateKey: RSA, dateLessThan: new Date(EXPIRES * 1000) })), signatureOf(expected));
assert.equal(rsa256Auto.signUrl(URL_, { expires: EXPIRES }), rsa256Wasm.signUrl(URL_, { expires: EXPIRES }));
assert.equal(nodeCachedUrl(rsaKeyObject, "sha256")(URL_), rsa256Wasm.signUrl(URL_, { expires: EXPIRES }));
for (const url of [ecAuto.signUrl(URL_, { expires: EXPIRES }), ecWasm.signUrl(URL_, { expires: EXPIRES }), nodeCachedUrl(ecKeyObject, "sha256")(URL_), await webEc(URL_)]) {
  assert.equal(verifier.verifyUrl(url.replace(`Key-Pair-Id=${ID}`, "Key-Pair-Id=KEC"), { now: 1900000000 }).valid, true);
}
for (const { pem, wasm, keyObject } of otherRsa) {
  const url = wasm.signUrl(URL_, { expires: EXPIRES });
  assert.equal(nodeCachedUrl(keyObject, "sha1")(URL_), url);
  assert.equal(signatureOf(getSignedUrl({ url: URL_, keyPairId: ID, privateKey: pem, dateLessThan: new Date(EXPIRES * 1000) })), signatureOf(url));
}
const cookiePolicy = { policy: customPolicy };
assert.equal(dropInUrl({ url: URL_, keyPairId: ID, privateKey: RSA, dateLessThan: new Date(EXPIRES * 1000) }), getSignedUrl({ url: URL_, keyPairId: ID, privateKey: RSA, dateLessThan: new Date(EXPIRES * 1000) }));
assert.equal(rsaAuto.signCookies(WILDCARD, { policy: customPolicy })["CloudFront-Signature"], getSignedCookies({ keyPairId: ID, privateKey: RSA, ...cookiePolicy })["CloudFront-Signature"]);

/** The rows of the other RSA sizes, timed one after another. */
async function otherRsaCases(awsDate) {
  const rows = [];
  for (const { bits, pem, wasm, keyObject } of otherRsa) {
    rows.push([await runCase(`RSA-${bits} SHA-1, canned URL`, {
      "cloudfront-signer engine wasm": () => wasm.signUrl(URL_, { expires: EXPIRES }),
      "@aws-sdk/cloudfront-signer getSignedUrl": () => getSignedUrl({ url: URL_, keyPairId: ID, privateKey: pem, dateLessThan: awsDate }),
      "node:crypto, KeyObject cached": () => nodeCachedUrl(keyObject, "sha1")(URL_),
    }), "node:crypto, KeyObject cached"]);
  }
  return rows;
}

const awsDate = new Date(EXPIRES * 1000);
const ecUrl = ecWasm.signUrl(URL_, { expires: EXPIRES }).replace(`=${ID}`, "=KEC");
const cases = startupOnly ? [] : [
  [await runCase("RSA-2048 SHA-1, canned URL", {
    "cloudfront-signer engine auto (node)": () => rsaAuto.signUrl(URL_, { expires: EXPIRES }),
    "cloudfront-signer engine wasm": () => rsaWasm.signUrl(URL_, { expires: EXPIRES }),
    "cloudfront-signer signUrlAsync (webcrypto)": () => rsaWasm.signUrlAsync(URL_, { expires: EXPIRES }),
    "cloudfront-signer getSignedUrl (drop-in)": () => dropInUrl({ url: URL_, keyPairId: ID, privateKey: RSA, dateLessThan: awsDate }),
    "@aws-sdk/cloudfront-signer getSignedUrl": () => getSignedUrl({ url: URL_, keyPairId: ID, privateKey: RSA, dateLessThan: awsDate }),
    "node:crypto, KeyObject cached": () => nodeCachedUrl(rsaKeyObject, "sha1")(URL_),
    "WebCrypto, CryptoKey cached (awaited)": () => webRsa(URL_),
  }), "node:crypto, KeyObject cached"],
  ...(await otherRsaCases(awsDate)),
  [await runCase("RSA-2048 SHA-256, canned URL", {
    "cloudfront-signer engine auto (node)": () => rsa256Auto.signUrl(URL_, { expires: EXPIRES }),
    "cloudfront-signer engine wasm": () => rsa256Wasm.signUrl(URL_, { expires: EXPIRES }),
    "node:crypto, KeyObject cached": () => nodeCachedUrl(rsaKeyObject, "sha256")(URL_),
  }), "node:crypto, KeyObject cached"],
  [await runCase("ECDSA P-256 SHA-256, canned URL", {
    "cloudfront-signer engine auto (node)": () => ecAuto.signUrl(URL_, { expires: EXPIRES }),
    "cloudfront-signer engine wasm": () => ecWasm.signUrl(URL_, { expires: EXPIRES }),
    "cloudfront-signer signUrlAsync (webcrypto)": () => ecWasm.signUrlAsync(URL_, { expires: EXPIRES }),
    "@aws-sdk/cloudfront-signer (EC key, SHA-1)": () => getSignedUrl({ url: URL_, keyPairId: ID, privateKey: EC, dateLessThan: awsDate }),
    "node:crypto, KeyObject cached": () => nodeCachedUrl(ecKeyObject, "sha256")(URL_),
    "WebCrypto, CryptoKey cached (awaited)": () => webEc(URL_),
  }), "node:crypto, KeyObject cached"],
  [await runCase("RSA-2048 SHA-1, custom-policy cookies", {
    "cloudfront-signer signCookies (node)": () => rsaAuto.signCookies(WILDCARD, { policy: customPolicy }),
    "cloudfront-signer signCookies (wasm)": () => rsaWasm.signCookies(WILDCARD, { policy: customPolicy }),
    "cloudfront-signer getSignedCookies (drop-in)": () => dropInCookies({ keyPairId: ID, privateKey: RSA, ...cookiePolicy }),
    "@aws-sdk/cloudfront-signer getSignedCookies": () => getSignedCookies({ keyPairId: ID, privateKey: RSA, policy: customPolicy }),
  }), "@aws-sdk/cloudfront-signer getSignedCookies"],
  [await runCase("Verification of a canned URL", {
    "cloudfront-signer verifyUrl, RSA-2048": () => verifier.verifyUrl(expected, { now: 1900000000 }),
    "cloudfront-signer verifyUrl, ECDSA P-256": () => verifier.verifyUrl(ecUrl, { now: 1900000000 }),
    "node:crypto verify, RSA-2048 (signature only)": () => nodeVerify("sha1", Buffer.from(canned(URL_)), rsaPublic, Buffer.from(signatureOf(expected).replace(/-/g, "+").replace(/_/g, "=").replace(/~/g, "/"), "base64")),
  }), "node:crypto verify, RSA-2048 (signature only)"],
  [await runCase("Key parsing (RSA-2048 PKCS#8 PEM)", {
    "new CloudFrontSigner (engine auto)": () => new CloudFrontSigner({ keyPairId: ID, privateKey: RSA }).free(),
    "new CloudFrontSigner (engine wasm)": () => new CloudFrontSigner({ keyPairId: ID, privateKey: RSA, engine: "wasm" }).free(),
    "node:crypto createPrivateKey": () => createPrivateKey(RSA),
  }), "node:crypto createPrivateKey"],
];
for (const [result, baseline] of cases) print(result, baseline);

// Start-up, in fresh `node` processes, interleaved, medians. Each child
// script reads the key (RSA-2048, or P-256 for the EC rows), imports the
// package, signs one canned URL and prints it, then a line of timings:
// `load` (the import: compiling and instantiating the .wasm, and loading
// node:crypto, as the peer's static import does) and `first` (everything
// after loading up to the first URL: constructing the signer, which parses
// the key and self-checks a native engine, and the first signature). The
// parent times the whole process; every child's RSA URL is checked against
// `expected`, every EC URL with the verifier.
const coldRuns = smoke ? 1 : startupOnly ? 21 : 9;
const child = (importLine, firstUrl, keyFile = "rsa-pkcs8.pem") => [
  'import { readFileSync } from "node:fs";',
  `const privateKey = readFileSync("tests/keys/${keyFile}", "utf8");`,
  "const beforeLoad = performance.now();",
  `${importLine}`,
  "const loaded = performance.now();",
  `const url = ${firstUrl};`,
  "const signed = performance.now();",
  "console.log(url);",
  "console.log(JSON.stringify({ load: loaded - beforeLoad, first: signed - loaded }));",
].join("\n");
const signerScript = (engine, keyFile) => child(
  'const { CloudFrontSigner } = await import("cloudfront-signer");',
  `new CloudFrontSigner({ keyPairId: "${ID}", privateKey, engine: "${engine}" }).signUrl("${URL_}", { expires: ${EXPIRES} })`,
  keyFile,
);
const starts = {
  "cloudfront-signer engine auto": signerScript("auto"),
  "cloudfront-signer engine wasm": signerScript("wasm"),
  "cloudfront-signer engine auto, EC key": signerScript("auto", "ec-pkcs8.pem"),
  "cloudfront-signer engine wasm, EC key": signerScript("wasm", "ec-pkcs8.pem"),
  "@aws-sdk/cloudfront-signer": child(
    'const { getSignedUrl } = await import("@aws-sdk/cloudfront-signer");',
    `getSignedUrl({ url: "${URL_}", keyPairId: "${ID}", privateKey, dateLessThan: new Date(${EXPIRES * 1000}) })`,
  ),
};
const startSamples = Object.fromEntries(Object.keys(starts).map((label) => [label, { process: [], load: [], first: [] }]));
const emptyProcess = [];
const runChild = (source) => {
  const start = performance.now();
  const output = execFileSync(process.execPath, ["--input-type=module", "-e", source], { cwd: new URL("..", import.meta.url), encoding: "utf8" });
  return { elapsed: performance.now() - start, lines: output.trim().split("\n") };
};
for (let run = 0; run < coldRuns; run++) {
  for (const [label, source] of Object.entries(starts)) {
    const { elapsed, lines } = runChild(source);
    if (label.endsWith("EC key")) assert.equal(verifier.verifyUrl(lines[0].replace(`=${ID}`, "=KEC"), { now: 1900000000 }).valid, true);
    else if (label.startsWith("cloudfront-signer")) assert.equal(lines[0], expected);
    else assert.equal(signatureOf(lines[0]), signatureOf(expected));
    const { load, first } = JSON.parse(lines[1]);
    startSamples[label].process.push(elapsed * 1000);
    startSamples[label].load.push(load * 1000);
    startSamples[label].first.push(first * 1000);
  }
  emptyProcess.push(runChild("").elapsed * 1000);
}
const medianOf = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const startRows = (metric) => Object.entries(startSamples).map(([label, samples]) => ({ label, us: medianOf(samples[metric]) }));
print({ name: "Start-up: first signature after loading (new signer + first URL; peer: first getSignedUrl)", results: startRows("first") }, "@aws-sdk/cloudfront-signer");
print({ name: "Start-up: loading (import: the .wasm compiled and instantiated, node:crypto loaded)", results: startRows("load") }, "@aws-sdk/cloudfront-signer");
print({
  name: "Cold start: node process that reads the key, imports, signs and prints one URL",
  results: [...startRows("process"), { label: "node (empty script)", us: medianOf(emptyProcess) }],
}, "@aws-sdk/cloudfront-signer");
if (!startupOnly) timingCheck({ smoke });
const runKind = startupOnly ? `start-up run: ${coldRuns} interleaved processes each` : `${smoke ? "smoke run" : "full run"}: ${ROUNDS} interleaved rounds`;
console.log(`\n${runKind}, medians; outputs checked equal (RSA) or verifying (ECDSA) before timing.`);
