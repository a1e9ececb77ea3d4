// Signing engines: node:crypto where reachable, the wasm core everywhere,
// identical RSA output, and a silent fall-back when node:crypto misbehaves.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { CloudFrontSigner, CloudFrontVerifier } from "cloudfront-signer";
import { cfDecode, keyText, passphrase, root, splitSignedUrl } from "./helpers.mjs";

const URL = "https://d111111abcdef8.cloudfront.net/a.txt?v=1";
const ID = "K2JCJMDEHXQW5F";
const verifier = new CloudFrontVerifier({ keys: { [ID]: keyText("rsa-public.pem"), KEC: keyText("ec-public.pem") } });
const sign = (privateKey, keyPairId, options) => new CloudFrontSigner({ keyPairId, privateKey: keyText(privateKey), ...options });

test("auto picks node:crypto in Node, and every engine gives the same RSA bytes", () => {
  for (const hashAlgorithm of ["SHA1", "SHA256"]) {
    const auto = sign("rsa-pkcs8.pem", ID, { hashAlgorithm });
    const wasm = sign("rsa-pkcs8.pem", ID, { hashAlgorithm, engine: "wasm" });
    const node = sign("rsa-pkcs8.pem", ID, { hashAlgorithm, engine: "node" });
    assert.deepEqual([auto.engine, wasm.engine, node.engine], ["node", "wasm", "node"]);
    for (const options of [{ expires: 2000000000 }, { expires: 2000000000, ipAddress: "10.0.0.0/8" }]) {
      const expected = wasm.signUrl(URL, options);
      assert.equal(auto.signUrl(URL, options), expected);
      assert.equal(node.signUrl(URL, options), expected);
      assert.deepEqual(node.signCookies(URL, options), wasm.signCookies(URL, options));
    }
  }
});

test("the Node entry loads node:crypto on import, not at the first signer", () => {
  // In a fresh process, by `import` and by `require`: loading node:crypto
  // takes milliseconds, which belong to loading the package (as with a
  // static import), not to its first signature.
  const loads = [
    'await import("cloudfront-signer")',
    '(await import("node:module")).createRequire(process.cwd() + "/")("cloudfront-signer")',
  ];
  const cryptoLoaded = 'process.moduleLoadList.includes("NativeModule crypto")';
  for (const load of loads) {
    const script = `const before = ${cryptoLoaded}; ${load}; console.log(JSON.stringify([before, ${cryptoLoaded}]));`;
    const output = execFileSync(process.execPath, ["--input-type=module", "-e", script], { cwd: root, encoding: "utf8" });
    assert.deepEqual(JSON.parse(output), [false, true], load);
  }
});

test("node:crypto takes every RSA key form: PKCS#1 as read, the rest as PKCS#8", () => {
  // RSA-2048 keys read straight into fixed width hand node:crypto their
  // PKCS#1 bytes; JWK, passphrase-protected and other sizes go as PKCS#8.
  const forms = [
    ["rsa-pkcs1.pem", {}],
    ["rsa-pkcs8.pem", {}],
    ["rsa-private.jwk.json", {}],
    ["rsa-pkcs8-encrypted.pem", { passphrase }],
    ["rsa-1024.pem", {}],
  ];
  for (const [file, options] of forms) {
    const node = sign(file, ID, { ...options, engine: "node" });
    const wasm = sign(file, ID, { ...options, engine: "wasm" });
    assert.equal(node.engine, "node", file);
    assert.equal(node.signUrl(URL, { expires: 2000000000 }), wasm.signUrl(URL, { expires: 2000000000 }), file);
  }
});

test("ECDSA from every engine verifies, and the wasm engine is deterministic", () => {
  for (const engine of ["auto", "node", "wasm"]) {
    for (const hashAlgorithm of ["SHA1", "SHA256"]) {
      const signer = sign("ec-pkcs8.pem", "KEC", { engine, hashAlgorithm });
      const url = signer.signUrl(URL, { expires: 2000000000 });
      assert.equal(verifier.verifyUrl(url, { now: 1900000000 }).valid, true, `${engine} ${hashAlgorithm}`);
    }
  }
  const wasm = sign("ec-pkcs8.pem", "KEC", { engine: "wasm" });
  assert.equal(wasm.signUrl(URL, { expires: 2000000000 }), wasm.signUrl(URL, { expires: 2000000000 }));
});

test("the wasm engine's ECDSA is RFC 6979 with low S, as the native core computes it", () => {
  // The key of RFC 6979 appendix A.2.5; tests/keys.rs checks the native core
  // against the RFC's own vector and pins this signature of the policy.
  const jwk = '{"kty":"EC","crv":"P-256","d":"ya-p2EW6dRZrXCFXZ7HWk05Qw9s26JsSe4piKxIPZyE"}';
  const expected = "304402206ffd09e6ecbc7a29a53dbabda4e7fec59dad7c5419cdb3a5f2349e7ec494d512022042675e198ba8b3a14b8f1ffe8b36fa9bd9cdb580c28450d1c36e18a2cd56ad91";
  const signer = new CloudFrontSigner({ keyPairId: "KEC", privateKey: jwk, engine: "wasm" });
  for (let i = 0; i < 3; i++) {
    const { params } = splitSignedUrl(signer.signUrl(URL, { expires: 2000000000 }));
    assert.equal(cfDecode(params.Signature).toString("hex"), expected);
  }
});

test("a node:crypto that misbehaves is never trusted", () => {
  const original = process.getBuiltinModule;
  const expected = sign("rsa-pkcs8.pem", ID, { engine: "wasm" }).signUrl(URL, { expires: 2000000000 });
  const stubs = [
    () => ({ createPrivateKey: () => ({}), sign: () => new Uint8Array(256) }),
    () => ({ createPrivateKey: () => { throw new Error("unsupported"); }, sign: () => new Uint8Array(0) }),
    () => ({ createPrivateKey: () => ({}), sign: (hash) => { if (hash === "sha1") throw new Error("SHA-1 forbidden by policy"); return new Uint8Array(0); } }),
    () => { throw new Error("no such module"); },
  ];
  try {
    for (const stub of stubs) {
      process.getBuiltinModule = stub;
      const signer = sign("rsa-pkcs8.pem", ID, {});
      assert.equal(signer.engine, "wasm");
      assert.equal(signer.signUrl(URL, { expires: 2000000000 }), expected);
      assert.throws(() => sign("rsa-pkcs8.pem", ID, { engine: "node" }), (e) => e.code === "ERR_INVALID_ARGUMENT");
    }
    delete process.getBuiltinModule;
    assert.equal(sign("ec-pkcs8.pem", "KEC", {}).engine, "wasm");
  } finally {
    process.getBuiltinModule = original;
  }
  assert.throws(() => sign("rsa-pkcs8.pem", ID, { engine: "gpu" }), (e) => e.code === "ERR_INVALID_ARGUMENT");
});

test("signUrlAsync and signCookiesAsync: WebCrypto where the wasm core would sign, same bytes", async () => {
  for (const hashAlgorithm of ["SHA1", "SHA256"]) {
    const wasm = sign("rsa-pkcs8.pem", ID, { engine: "wasm", hashAlgorithm });
    const auto = sign("rsa-pkcs8.pem", ID, { hashAlgorithm });
    for (const options of [{ expires: 2000000000 }, { expires: 2000000000, notBefore: 1900000000 }]) {
      const expected = wasm.signUrl(URL, options);
      assert.equal(await wasm.signUrlAsync(URL, options), expected);
      assert.equal(await auto.signUrlAsync(URL, options), expected);
      assert.deepEqual(await wasm.signCookiesAsync(URL, options), wasm.signCookies(URL, options));
    }
    const ec = sign("ec-pkcs8.pem", "KEC", { engine: "wasm", hashAlgorithm });
    const urls = await Promise.all([1, 2, 3].map(() => ec.signUrlAsync(URL, { expires: 2000000000 })));
    for (const url of urls) assert.equal(verifier.verifyUrl(url, { now: 1900000000 }).valid, true);
    // WebCrypto's ECDSA nonces are random, the wasm core's are not: WebCrypto
    // signed, and keeps signing once its first signature was accepted.
    assert.equal(new Set(urls).size, 3);
    const later = [];
    for (let i = 0; i < 3; i++) later.push(await ec.signUrlAsync(URL, { expires: 2000000000 }));
    assert.equal(new Set([...urls, ...later]).size, 6);
    const cookies = await ec.signCookiesAsync(`${URL}*`, { expires: 2000000000 });
    assert.equal(verifier.verifyCookies(URL, cookies, { now: 1900000000 }).valid, true);
  }
});

test("the asynchronous path rejects bad input with the same codes", async () => {
  const wasm = sign("rsa-pkcs8.pem", ID, { engine: "wasm" });
  await assert.rejects(wasm.signUrlAsync("/relative", { expires: 2000000000 }), (e) => e.code === "ERR_INVALID_URL");
  await assert.rejects(wasm.signUrlAsync(URL, { expires: 1 }), (e) => e.code === "ERR_INVALID_DATE");
  await assert.rejects(wasm.signCookiesAsync(42, { expires: 2000000000 }), (e) => e.code === "ERR_INVALID_ARGUMENT");
});

test("a WebCrypto that misbehaves is dropped after its first signature", async () => {
  const subtle = globalThis.crypto.subtle;
  const expected = sign("rsa-pkcs8.pem", ID, { engine: "wasm" }).signUrl(URL, { expires: 2000000000 });
  const fakes = [
    { importKey: async () => ({}), sign: async () => new ArrayBuffer(256) },
    { importKey: async () => { throw new Error("unsupported"); }, sign: async () => new ArrayBuffer(0) },
    { importKey: () => { throw new Error("sync throw"); }, sign: async () => new ArrayBuffer(0) },
  ];
  try {
    for (const fake of fakes) {
      Object.defineProperty(globalThis.crypto, "subtle", { value: fake, configurable: true });
      const signer = sign("rsa-pkcs8.pem", ID, { engine: "wasm" });
      assert.equal(await signer.signUrlAsync(URL, { expires: 2000000000 }), expected);
      assert.equal(await signer.signUrlAsync(URL, { expires: 2000000000 }), expected);
    }
  } finally {
    Object.defineProperty(globalThis.crypto, "subtle", { value: subtle, configurable: true });
  }
});
