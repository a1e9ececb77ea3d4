// Key hygiene, observed from outside: after free() (or after the garbage
// collector reclaims a signer) no copy of the private key is left in the
// module's linear memory, and nothing a signer shows or throws (messages,
// toString, JSON, util.inspect) contains key material.
//
// The secrets searched for are derived independently with node:crypto:
// the private exponent d, the primes p and q and the CRT values dp, dq, qi
// of the RSA test key, and the scalar d of the EC key, each both big-endian
// (as DER, JWK and the parsers hold them) and little-endian (as the bignum
// limbs of crypto-bigint lie in wasm32 memory), plus slices of the DER and
// of the PEM text.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createPrivateKey } from "node:crypto";
import { inspect } from "node:util";
import { loadPackage, keyText } from "./instance.mjs";

const { pkg, memory } = await loadPackage();
const { CloudFrontSigner } = pkg;
const ID = "K2JCJMDEHXQW5F";
const PASSPHRASE = "correct horse battery staple";

/** Byte strings that must not survive in memory, by name. */
function secretsOf(pemName) {
  const pem = keyText(pemName);
  const key = createPrivateKey(pem);
  const jwk = key.export({ format: "jwk" });
  const der = key.export({ format: "der", type: "pkcs8" });
  const secrets = {};
  // A 16-byte window from the middle: long enough never to match by chance.
  const middle = (bytes) => bytes.subarray((bytes.length >> 1) - 8, (bytes.length >> 1) + 8);
  for (const name of ["d", "p", "q", "dp", "dq", "qi"]) {
    if (!jwk[name]) continue;
    const be = Buffer.from(jwk[name], "base64url");
    secrets[`${name} big-endian`] = middle(be);
    secrets[`${name} little-endian`] = middle(Buffer.from(be).reverse());
  }
  secrets["PKCS#8 DER"] = middle(der);
  const body = pem.split("\n").filter((line) => line && !line.startsWith("-----"));
  secrets["PEM text"] = Buffer.from(body[body.length >> 1].slice(8, 40));
  return secrets;
}

/** The names of the secrets found in linear memory right now. */
function foundIn(secrets) {
  const heap = Buffer.from(memory.buffer);
  return Object.entries(secrets)
    .filter(([, bytes]) => heap.indexOf(bytes) !== -1)
    .map(([name]) => name);
}

const cases = [
  ["RSA PKCS#8 PEM string", "rsa-pkcs8.pem", () => keyText("rsa-pkcs8.pem")],
  ["RSA PKCS#1 DER bytes", "rsa-pkcs1.pem", () => createPrivateKey(keyText("rsa-pkcs1.pem")).export({ format: "der", type: "pkcs1" })],
  ["RSA JWK object", "rsa-pkcs8.pem", () => createPrivateKey(keyText("rsa-pkcs8.pem")).export({ format: "jwk" })],
  ["RSA encrypted PKCS#8", "rsa-pkcs8.pem", () => keyText("rsa-pkcs8-encrypted.pem"), PASSPHRASE],
  ["EC SEC1 PEM with literal \\n", "ec-sec1.pem", () => keyText("ec-sec1.pem").replaceAll("\n", "\\n")],
  ["EC PKCS#8 PEM as bytes", "ec-pkcs8.pem", () => Buffer.from(keyText("ec-pkcs8.pem"))],
  ["EC JWK string", "ec-pkcs8.pem", () => JSON.stringify(createPrivateKey(keyText("ec-pkcs8.pem")).export({ format: "jwk" }))],
];

for (const [label, pemName, input, passphrase] of cases) {
  test(`no copy of the key is left after free(): ${label}`, (t) => {
    const secrets = secretsOf(pemName);
    const signer = new CloudFrontSigner({ keyPairId: ID, privateKey: input(), passphrase });
    signer.signUrl("https://d111111abcdef8.cloudfront.net/a", { expires: 2000000000 });
    t.diagnostic(`while loaded: ${foundIn(secrets).join(", ") || "none found as such"}`);
    signer.free();
    assert.deepEqual(foundIn(secrets), []);
  });
}

test("no copy of the key is left after free() once signUrlAsync has handed it to WebCrypto", async () => {
  for (const pemName of ["rsa-pkcs8.pem", "ec-pkcs8.pem"]) {
    const secrets = secretsOf(pemName);
    const signer = new CloudFrontSigner({ keyPairId: ID, privateKey: keyText(pemName), engine: "wasm" });
    const url = await signer.signUrlAsync("https://d111111abcdef8.cloudfront.net/a", { expires: 2000000000 });
    assert.match(url, /&Signature=/);
    signer.free();
    assert.deepEqual(foundIn(secrets), [], pemName);
  }
});

for (const [engine, pemName] of [["fixed-width", "rsa-pkcs8.pem"], ["general", "rsa-1024.pem"], ["general", "rsa-4096.pem"]]) {
  test(`no copy of the key is left after free(): RSA signing in the wasm engine (${engine} CRT key, blinded exponents, ${pemName})`, (t) => {
    const secrets = secretsOf(pemName);
    const signer = new CloudFrontSigner({ keyPairId: ID, privateKey: keyText(pemName), engine: "wasm" });
    for (let i = 0; i < 3; i++) signer.signUrl(`https://d111111abcdef8.cloudfront.net/${i}`, { expires: 2000000000 });
    t.diagnostic(`while loaded: ${foundIn(secrets).join(", ") || "none found as such"}`);
    signer.free();
    assert.deepEqual(foundIn(secrets), []);
  });
}

test("no copy of a key is left once the drop-in getSignedUrl has moved on to another key", () => {
  // The drop-in keeps the last key it parsed; parsing the next one drops it.
  const { getSignedUrl } = pkg;
  const sign = (privateKey) => getSignedUrl({ url: "https://d111111abcdef8.cloudfront.net/a", keyPairId: ID, privateKey, dateLessThan: "2033-05-18" });
  for (const pemName of ["rsa-pkcs1.pem", "rsa-pkcs8.pem", "ec-pkcs8.pem"]) {
    const secrets = secretsOf(pemName);
    sign(keyText(pemName));
    sign(keyText("rsa-1024.pem"));
    assert.deepEqual(foundIn(secrets), [], pemName);
  }
});

/**
 * How many bytes of the module's stack hold anything: Rust's wasm32 linker
 * puts the stack first, in the lowest MiB of linear memory, growing down
 * from its top, so frames that were wiped read as zeros.
 */
function stackBytesInUse() {
  return new Uint8Array(memory.buffer, 0, 1 << 20).reduce((count, byte) => count + (byte !== 0), 0);
}

test("the module wipes its stack after it signs: wasm engine, and node:crypto falling back to it", () => {
  // A signature through node:crypto skips the wipe (no key bytes pass
  // through the module); the module's own signatures must not. Unwiped,
  // an RSA-2048 signature leaves about 3,500 bytes of its frames.
  const LEFT_BY_THE_CALLS_ABOVE = 1024;
  const original = process.getBuiltinModule;
  const crypto = original.call(process, "node:crypto");
  let calls = 0;
  const flaky = {
    createPrivateKey: (options) => crypto.createPrivateKey(options),
    // The self-check passes, then every signature fails.
    sign: (...args) => {
      calls += 1;
      if (calls > 1) throw new Error("node:crypto unavailable");
      return crypto.sign(...args);
    },
  };
  try {
    process.getBuiltinModule = (name) => (name === "node:crypto" ? flaky : original.call(process, name));
    for (const pemName of ["rsa-pkcs8.pem", "ec-pkcs8.pem"]) {
      const wasm = new CloudFrontSigner({ keyPairId: ID, privateKey: keyText(pemName), engine: "wasm" });
      assert.ok(stackBytesInUse() < LEFT_BY_THE_CALLS_ABOVE, "the stack is where this test looks for it");
      wasm.signUrl("https://d111111abcdef8.cloudfront.net/a", { expires: 2000000000 });
      assert.ok(stackBytesInUse() < LEFT_BY_THE_CALLS_ABOVE, `${pemName}, wasm engine: ${stackBytesInUse()} bytes`);
      wasm.free();
      calls = 0;
      const fallingBack = new CloudFrontSigner({ keyPairId: ID, privateKey: keyText(pemName) });
      assert.equal(fallingBack.engine, "node");
      fallingBack.signUrl("https://d111111abcdef8.cloudfront.net/a", { expires: 2000000000 });
      assert.ok(stackBytesInUse() < LEFT_BY_THE_CALLS_ABOVE, `${pemName}, signUrl falling back: ${stackBytesInUse()} bytes`);
      fallingBack.signCookies("https://d111111abcdef8.cloudfront.net/*", { expires: 2000000000 });
      assert.ok(stackBytesInUse() < LEFT_BY_THE_CALLS_ABOVE, `${pemName}, signCookies falling back: ${stackBytesInUse()} bytes`);
      assert.equal(calls, 3, "node:crypto signed the self-check, then refused twice");
      fallingBack.free();
    }
  } finally {
    process.getBuiltinModule = original;
  }
});

test("no copy of the key is left after the garbage collector reclaims a signer", async (t) => {
  if (typeof globalThis.gc !== "function") {
    t.skip("run with node --expose-gc");
    return;
  }
  const secrets = secretsOf("rsa-pkcs8.pem");
  let finalized = false;
  const watch = new FinalizationRegistry(() => {
    finalized = true;
  });
  (() => {
    const signer = new CloudFrontSigner({ keyPairId: ID, privateKey: keyText("rsa-pkcs8.pem") });
    signer.signUrl("https://d111111abcdef8.cloudfront.net/a", { expires: 2000000000 });
    watch.register(signer, "signer");
  })();
  for (let i = 0; i < 50 && !finalized; i++) {
    globalThis.gc();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  assert.ok(finalized, "the signer was not reclaimed");
  // wasm-bindgen's own registry frees the Rust object in the same sweep.
  await new Promise((resolve) => setTimeout(resolve, 10));
  assert.deepEqual(foundIn(secrets), []);
});

test("nothing a signer shows or throws contains key material", () => {
  for (const pemName of ["rsa-pkcs8.pem", "ec-pkcs8.pem"]) {
    const pem = keyText(pemName);
    const jwk = createPrivateKey(pem).export({ format: "jwk" });
    const forbidden = [
      ...pem.split("\n").filter((line) => line && !line.startsWith("-----")).map((line) => line.slice(0, 24)),
      ...["d", "p", "q", "dp", "dq", "qi"].filter((n) => jwk[n]).flatMap((n) => [
        jwk[n].slice(0, 24),
        Buffer.from(jwk[n], "base64url").toString("hex").slice(0, 24),
        Buffer.from(jwk[n], "base64url").toString("base64").slice(0, 24),
      ]),
      PASSPHRASE,
    ];
    const signer = new CloudFrontSigner({ keyPairId: ID, privateKey: pem });
    const shown = [String(signer), JSON.stringify(signer), inspect(signer, { showHidden: true, depth: 5 })];
    // Errors from keys that are almost right: corrupted bodies, truncated
    // files, wrong passphrases, private JWK members of the wrong shape.
    const body = pem.split("\n");
    const attempts = [
      () => new CloudFrontSigner({ keyPairId: ID, privateKey: pem.replace(body[3], body[3].replace(/[A-Z]/, "!")) }),
      () => new CloudFrontSigner({ keyPairId: ID, privateKey: pem.slice(0, pem.length >> 1) }),
      () => new CloudFrontSigner({ keyPairId: ID, privateKey: body.slice(1, -2).join("") }),
      () => new CloudFrontSigner({ keyPairId: ID, privateKey: keyText("rsa-pkcs8-encrypted.pem"), passphrase: `${PASSPHRASE}!` }),
      () => new CloudFrontSigner({ keyPairId: ID, privateKey: keyText("rsa-pkcs8-encrypted.pem") }),
      () => new CloudFrontSigner({ keyPairId: ID, privateKey: { ...jwk, d: 7 } }),
      () => new CloudFrontSigner({ keyPairId: ID, privateKey: { ...jwk, d: `${jwk.d}!` } }),
      () => new CloudFrontSigner({ keyPairId: ID, privateKey: { ...jwk, kty: jwk.d } }),
      () => new CloudFrontSigner({ keyPairId: ID, privateKey: { ...jwk, kty: "EC", crv: jwk.d } }),
    ];
    for (const attempt of attempts) {
      assert.throws(attempt, (error) => {
        shown.push(error.message, String(error), inspect(error));
        return typeof error.code === "string";
      });
    }
    signer.free();
    assert.throws(() => signer.signUrl("https://a.example/", { expires: 2000000000 }), (error) => {
      shown.push(error.message);
      return error.code === "ERR_FREED";
    });
    for (const text of shown) {
      for (const secret of forbidden) {
        assert.ok(!text.includes(secret), `${pemName}: ${JSON.stringify(secret)} appears in ${JSON.stringify(text.slice(0, 200))}`);
      }
    }
  }
});
