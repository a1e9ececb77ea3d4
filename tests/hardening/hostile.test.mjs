// Hostile input across the wasm boundary: every export of the built package
// is called with wrong types, throwing Proxies, oversized and malformed
// strings, and freed objects, in every argument and option position. Each
// call must return or throw an Error with a string `code`; a trap (a
// WebAssembly.RuntimeError) fails the suite, and afterwards the same module
// instance must still sign and verify exactly as it did before.
// HOSTILE_DEBUG=1 prints the stack of every trap.
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadPackage, keyText } from "./instance.mjs";

const { pkg } = await loadPackage();
const { CloudFrontSigner, CloudFrontVerifier } = pkg;

const ID = "K2JCJMDEHXQW5F";
const URL = "https://d111111abcdef8.cloudfront.net/private/a.txt?x=1";
const WILDCARD = "https://d111111abcdef8.cloudfront.net/private/*";
const EXPIRES = 2000000000;
const NOW = 1900000000;
const EC = keyText("ec-pkcs8.pem");
const RSA = keyText("rsa-pkcs8.pem");
const PUBLIC = { [ID]: keyText("ec-public.pem"), KRSA: keyText("rsa-public.pem") };

/** Everything the module computes from fixed inputs; compared after the suite. */
function reference() {
  const ec = new CloudFrontSigner({ keyPairId: ID, privateKey: EC, engine: "wasm" });
  const rsa = new CloudFrontSigner({ keyPairId: "KRSA", privateKey: RSA, hashAlgorithm: "SHA256" });
  const verifier = new CloudFrontVerifier({ keys: PUBLIC });
  const urls = [
    ec.signUrl(URL, { expires: EXPIRES }),
    ec.signUrl(URL, { expires: EXPIRES, ipAddress: "10.0.0.0/8", notBefore: NOW - 60 }),
    rsa.signUrl(URL, { expires: EXPIRES, resource: WILDCARD }),
  ];
  const cookies = ec.signCookies(WILDCARD, { expires: EXPIRES });
  const options = { now: NOW, clientIp: "10.1.2.3" };
  const out = {
    urls,
    cookies,
    verdicts: urls.map((url) => verifier.verifyUrl(url, options).valid),
    cookieVerdict: verifier.verifyCookies(URL, cookies, options).valid,
    tampered: verifier.verifyUrl(urls[0].replace("a.txt", "b.txt"), options).reason,
    policy: pkg.buildPolicy(URL, { expires: EXPIRES, ipAddress: "10.0.0.1" }).policy,
    decoded: pkg.decodeSignedUrl(urls[1]).ipAddress,
    headers: pkg.toSetCookieHeaders(cookies, { sameSite: "Lax" }),
    path: pkg.encodePath("/a b/é"),
    publicKeyPem: rsa.publicKeyPem,
  };
  ec.free();
  rsa.free();
  verifier.free();
  return out;
}

const before = reference();

/** Values that are wrong in some way for every parameter. */
function hostileValues() {
  const revocable = Proxy.revocable({}, {});
  revocable.revoke();
  const detached = new ArrayBuffer(8);
  const detachedView = new Uint8Array(detached);
  structuredClone(detached, { transfer: [detached] });
  const lyingLength = new Uint8Array(8);
  Object.defineProperty(lyingLength, "length", { get() { throw new Error("length getter"); } });
  const throwing = new Proxy({}, {
    get() { throw new Error("get trap"); },
    has() { throw new Error("has trap"); },
    ownKeys() { throw new Error("ownKeys trap"); },
    getPrototypeOf() { throw new Error("getPrototypeOf trap"); },
    getOwnPropertyDescriptor() { throw new Error("descriptor trap"); },
  });
  const throwingGetters = {
    get expires() { throw new Error("getter"); },
    get keyPairId() { throw new Error("getter"); },
    get privateKey() { throw new Error("getter"); },
    get keys() { throw new Error("getter"); },
    get url() { throw new Error("getter"); },
    toJSON() { throw new Error("toJSON"); },
    toString() { throw new Error("toString"); },
    valueOf() { throw new Error("valueOf"); },
  };
  let nested = {};
  for (let i = 0; i < 20000; i++) nested = { d: nested };
  const deepJson = `${"[".repeat(4000)}${"]".repeat(4000)}`;
  const deepPolicy = `{"Statement":${"[".repeat(3000)}{}${"]".repeat(3000)}}`;
  const tenMegabytes = "A".repeat(10 << 20);
  return {
    undefined: undefined,
    null: null,
    zero: 0,
    negative: -1,
    NaN: NaN,
    infinity: Infinity,
    huge: 1e300,
    milliseconds: Date.now(),
    true: true,
    object: {},
    array: [],
    arrayOfStrings: ["https://a.example/", "x"],
    symbol: Symbol("hostile"),
    bigint: 10n ** 30n,
    function: () => "https://a.example/",
    class: class {},
    revokedProxy: revocable.proxy,
    throwingProxy: throwing,
    fakeDate: new Proxy({}, { getPrototypeOf: () => Date.prototype }),
    fakeBytes: new Proxy({}, { getPrototypeOf: () => Uint8Array.prototype }),
    fakeBuffer: new Proxy({}, { getPrototypeOf: () => ArrayBuffer.prototype, get: (_, key) => (key === "length" ? 1e9 : 0) }),
    throwingGetters,
    invalidDate: new Date(NaN),
    farDate: new Date(8.64e15),
    detachedBuffer: detached,
    detachedView,
    lyingLength,
    hugeBytes: new Uint8Array(10 << 20),
    emptyBytes: new Uint8Array(0),
    int16: new Int16Array(4),
    dataView: new DataView(new ArrayBuffer(4)),
    nestedObject: nested,
    empty: "",
    tenMegabytes,
    tenMegabyteUrl: `https://a.example/${tenMegabytes}`,
    longUrl: `https://a.example/${"a".repeat(9000)}`,
    loneHigh: "https://a.example/\ud800",
    loneLow: "\udc00\udc00",
    nul: "https://a.example/\0x",
    nulOnly: "\0",
    deepJson,
    deepPolicy,
    pem: "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----",
    pemLiteralNewlines: EC.replaceAll("\n", "\\n"),
    publicPemAsPrivate: PUBLIC[ID],
    jwkLike: { kty: "RSA", n: "AQAB", e: "AQAB", d: "AQAB", p: "AQAB", q: "AQAB" },
    cookieHeader: "CloudFront-Policy=e30_; CloudFront-Signature=AAAA; CloudFront-Key-Pair-Id=K",
    cookieObject: { "CloudFront-Expires": "1", "CloudFront-Signature": "AA__", "CloudFront-Key-Pair-Id": ID },
    requestLike: { url: `${URL}&Expires=1&Signature=AA__&Key-Pair-Id=${ID}`, headers: { get: () => { throw new Error("headers.get"); } } },
    wildcardSoup: `https://a.example/${"*?".repeat(3000)}`,
    format: "%s%n%x",
  };
}

const hostile = hostileValues();
let calls = 0;
const failures = [];

/** Runs one call; records anything but a return or a coded Error. */
function attempt(label, fn) {
  calls += 1;
  try {
    fn();
  } catch (error) {
    if (error instanceof WebAssembly.RuntimeError) {
      failures.push(`${label}: TRAP ${error.message}`);
      if (process.env.HOSTILE_DEBUG) console.error(label, error.stack);
    } else if (!(error instanceof Error) || typeof error.code !== "string" || !error.code.startsWith("ERR_")) {
      failures.push(`${label}: uncoded ${error?.constructor?.name} ${String(error?.message).slice(0, 120)}`);
    }
  }
}

/** Calls `fn(args)` once per hostile value in each argument position. */
function everyPosition(label, valid, fn) {
  for (let position = 0; position < valid.length; position++) {
    for (const [name, value] of Object.entries(hostile)) {
      const args = valid.slice();
      args[position] = value;
      attempt(`${label} arg ${position} = ${name}`, () => fn(...args));
    }
  }
}

/** Calls `fn(options)` once per hostile value in each option (and with the whole options replaced). */
function everyOption(label, validOptions, fn) {
  for (const option of Object.keys(validOptions)) {
    for (const [name, value] of Object.entries(hostile)) {
      attempt(`${label} {${option}: ${name}}`, () => fn({ ...validOptions, [option]: value }));
    }
  }
}

const signOptions = { expires: EXPIRES, notBefore: NOW, ipAddress: "10.0.0.0/8", resource: WILDCARD, policy: undefined };
const cookieOptions = { domain: "example.com", path: "/", secure: true, httpOnly: true, sameSite: "Lax", expires: EXPIRES, maxAge: 60 };
const verifyOptions = { now: NOW, clientIp: "10.1.2.3", leewaySeconds: 5, requireSha256: false, wildcardMatching: "sections" };

test("every export survives hostile arguments with coded errors", () => {
  const signer = new CloudFrontSigner({ keyPairId: ID, privateKey: EC });
  const verifier = new CloudFrontVerifier({ keys: PUBLIC });
  const signed = signer.signUrl(URL, { expires: EXPIRES });
  const cookies = signer.signCookies(WILDCARD, { expires: EXPIRES });

  everyPosition("new CloudFrontSigner", [{ keyPairId: ID, privateKey: EC }], (o) => new CloudFrontSigner(o));
  everyOption("new CloudFrontSigner", { keyPairId: ID, privateKey: EC, passphrase: undefined, hashAlgorithm: "SHA256", engine: "wasm" }, (o) => new CloudFrontSigner(o));
  everyOption("new CloudFrontSigner (encrypted)", { keyPairId: ID, privateKey: keyText("ec-pkcs8-encrypted.pem"), passphrase: "correct horse battery staple" }, (o) => new CloudFrontSigner(o));
  everyPosition("signUrl", [URL, { expires: EXPIRES }], (u, o) => signer.signUrl(u, o));
  everyOption("signUrl", signOptions, (o) => signer.signUrl(URL, o));
  everyOption("signUrl (policy)", { policy: `{"Statement":[{"Resource":"${WILDCARD}","Condition":{"DateLessThan":{"AWS:EpochTime":${EXPIRES}}}}]}` }, (o) => signer.signUrl(URL, o));
  everyPosition("signCookies", [WILDCARD, { expires: EXPIRES }], (r, o) => signer.signCookies(r, o));
  everyOption("signCookies", { expires: EXPIRES, notBefore: NOW, ipAddress: "10.0.0.0/8" }, (o) => signer.signCookies(WILDCARD, o));
  for (const getter of ["keyType", "keyBits", "keyPairId", "hashAlgorithm", "publicKeyPem", "engine"]) {
    attempt(getter, () => signer[getter]);
  }
  attempt("toJSON", () => JSON.stringify(signer));
  attempt("toString", () => String(signer));

  everyPosition("new CloudFrontVerifier", [{ keys: PUBLIC }], (o) => new CloudFrontVerifier(o));
  everyOption("new CloudFrontVerifier", { keys: PUBLIC, ...verifyOptions }, (o) => new CloudFrontVerifier(o));
  for (const [name, value] of Object.entries(hostile)) {
    attempt(`new CloudFrontVerifier {keys: {K: ${name}}}`, () => new CloudFrontVerifier({ keys: { K: value } }));
  }
  everyPosition("verifyUrl", [signed, verifyOptions], (u, o) => verifier.verifyUrl(u, o));
  everyOption("verifyUrl", verifyOptions, (o) => verifier.verifyUrl(signed, o));
  everyPosition("verifyCookies", [URL, cookies, verifyOptions], (u, c, o) => verifier.verifyCookies(u, c, o));
  for (const [name, value] of Object.entries(hostile)) {
    attempt(`verifyCookies {cookie: ${name}}`, () => verifier.verifyCookies(URL, { ...cookies, "CloudFront-Signature": value }, verifyOptions));
  }
  const request = new Request(URL, { headers: { cookie: Object.entries(cookies).map(([n, v]) => `${n}=${v}`).join("; ") } });
  everyPosition("verifyRequest", [request, verifyOptions], (r, o) => verifier.verifyRequest(r, o));
  for (const [name, value] of Object.entries(hostile)) {
    attempt(`verifyRequest {url: ${name}}`, () => verifier.verifyRequest({ url: value, headers: request.headers }, verifyOptions));
    attempt(`verifyRequest {headers: ${name}}`, () => verifier.verifyRequest({ url: URL, headers: value }, verifyOptions));
    attempt(`verifyRequest {headers.get -> ${name}}`, () => verifier.verifyRequest({ url: URL, headers: { get: () => value } }, verifyOptions));
  }

  everyPosition("buildPolicy", [URL, { expires: EXPIRES }], (u, o) => pkg.buildPolicy(u, o));
  everyOption("buildPolicy", { expires: EXPIRES, notBefore: NOW, ipAddress: "10.0.0.1", resource: WILDCARD }, (o) => pkg.buildPolicy(URL, o));
  everyPosition("toSetCookieHeaders", [cookies, cookieOptions], (c, o) => pkg.toSetCookieHeaders(c, o));
  everyOption("toSetCookieHeaders", cookieOptions, (o) => pkg.toSetCookieHeaders(cookies, o));
  for (const [name, value] of Object.entries(hostile)) {
    attempt(`toSetCookieHeaders {cookie: ${name}}`, () => pkg.toSetCookieHeaders({ "CloudFront-Signature": value }, cookieOptions));
  }
  everyPosition("encodePath", ["/a b"], (p) => pkg.encodePath(p));
  everyPosition("decodeSignedUrl", [signed], (u) => pkg.decodeSignedUrl(u));
  everyPosition("decodeSignedCookies", [cookies, URL], (c, u) => pkg.decodeSignedCookies(c, u));
  for (const name of ["getSignedUrl", "getSignedCookies"]) {
    if (typeof pkg[name] !== "function") continue;
    const valid = { url: URL, keyPairId: ID, privateKey: EC, dateLessThan: "2030-01-01" };
    everyPosition(name, [valid], (o) => pkg[name](o));
    everyOption(name, { ...valid, passphrase: undefined, dateGreaterThan: "2020-01-01", ipAddress: "10.0.0.1", policy: undefined }, (o) => pkg[name](o));
  }

  // Re-entry: option getters that call back into the module mid-call.
  for (let i = 0; i < 100; i++) {
    const victim = new CloudFrontSigner({ keyPairId: ID, privateKey: EC });
    attempt("signUrl re-entered by a getter", () => victim.signUrl(URL, { get expires() { victim.signUrl(URL, { expires: EXPIRES }); return EXPIRES; } }));
    attempt("signUrl freed by its own getter", () => victim.signUrl(URL, { get expires() { victim.free(); return EXPIRES; } }));
    attempt("verifyUrl freed by its own getter", () => verifier.verifyUrl(signed, { get now() { verifier.free(); return NOW; } }));
    attempt("signer used after re-entrant free", () => victim.signUrl(URL, { expires: EXPIRES }));
  }

  signer.free();
  verifier.free();
  assert.deepEqual(failures, [], `${failures.length} of ${calls} calls failed`);
});

test("the asynchronous methods resolve or reject with coded errors, never trap", async () => {
  const signer = new CloudFrontSigner({ keyPairId: ID, privateKey: EC, engine: "wasm" });
  const settle = async (label, promise) => {
    calls += 1;
    try {
      await promise;
    } catch (error) {
      if (error instanceof WebAssembly.RuntimeError) failures.push(`${label}: TRAP ${error.message}`);
      else if (!(error instanceof Error) || typeof error.code !== "string") failures.push(`${label}: uncoded ${String(error?.message).slice(0, 120)}`);
    }
  };
  for (const [name, value] of Object.entries(hostile)) {
    await settle(`signUrlAsync url = ${name}`, signer.signUrlAsync(value, { expires: EXPIRES }));
    await settle(`signUrlAsync options = ${name}`, signer.signUrlAsync(URL, value));
    await settle(`signCookiesAsync resource = ${name}`, signer.signCookiesAsync(value, { expires: EXPIRES }));
    await settle(`signUrlAsync {expires: ${name}}`, signer.signUrlAsync(URL, { expires: value }));
    // The two halves signUrlAsync is made of, called directly.
    attempt(`finishPending id = ${name}`, () => signer.finishPending(value, undefined));
    const [id] = signer.pendingUrl(URL, { expires: EXPIRES });
    attempt(`finishPending signature = ${name}`, () => assert.match(signer.finishPending(id, value), /^https:/));
  }
  assert.throws(() => signer.finishPending(4e9, undefined), (error) => error.code === "ERR_INVALID_ARGUMENT");
  const pending = signer.signUrlAsync(URL, { expires: EXPIRES });
  signer.free();
  assert.match(await pending, /^https:/, "a signature under way completes after free()");
  await assert.rejects(signer.signUrlAsync(URL, { expires: EXPIRES }), (error) => error.code === "ERR_FREED");
  assert.deepEqual(failures, [], `${failures.length} of ${calls} calls failed`);
});

test("a freed signer or verifier throws ERR_FREED from every member", () => {
  const signer = new CloudFrontSigner({ keyPairId: ID, privateKey: EC });
  const verifier = new CloudFrontVerifier({ keys: PUBLIC });
  signer.free();
  verifier[Symbol.dispose]();
  const uses = [
    () => signer.signUrl(URL, { expires: EXPIRES }),
    () => signer.signCookies(WILDCARD, { expires: EXPIRES }),
    () => signer.pendingUrl(URL, { expires: EXPIRES }),
    () => signer.pendingCookies(WILDCARD, { expires: EXPIRES }),
    () => signer.keyType,
    () => signer.keyBits,
    () => signer.keyPairId,
    () => signer.hashAlgorithm,
    () => signer.publicKeyPem,
    () => JSON.stringify(signer),
    () => verifier.verifyUrl(URL, {}),
    () => verifier.verifyCookies(URL, {}, {}),
    () => verifier.verifyRequest(new Request(URL), {}),
  ];
  for (const use of uses) {
    calls += 1;
    assert.throws(use, (error) => error instanceof Error && error.code === "ERR_FREED" && /freed/.test(error.message), String(use));
  }
  for (let i = 0; i < 1000; i++) {
    attempt("freed again", () => signer.signUrl(URL, { expires: EXPIRES }));
  }
  // Freeing twice, or disposing after free, is harmless.
  signer.free();
  signer[Symbol.dispose]();
  verifier.free();
  assert.deepEqual(failures, []);
});

test("input bounds are enforced with clear errors", () => {
  const signer = new CloudFrontSigner({ keyPairId: ID, privateKey: EC });
  const verifier = new CloudFrontVerifier({ keys: PUBLIC });
  const tooLarge = (limit) => (error) =>
    error.code === "ERR_INPUT_TOO_LARGE" && error.message.includes(String(limit));
  const long = (bytes) => `https://d111111abcdef8.cloudfront.net/${"a".repeat(bytes - 38)}`;
  assert.equal(long(8192).length, 8192);
  assert.ok(signer.signUrl(long(7900), { expires: EXPIRES }));
  assert.throws(() => signer.signUrl(long(8193), { expires: EXPIRES }), tooLarge(8192));
  // A URL that fits, whose signed form (with a custom policy) would not.
  assert.throws(() => signer.signUrl(long(7000), { expires: EXPIRES, ipAddress: "10.0.0.1" }), tooLarge(8192));
  assert.throws(() => signer.signUrl(URL, { policy: " ".repeat(8193) }), tooLarge(8192));
  assert.throws(() => signer.signCookies(`${WILDCARD}${"a".repeat(8192)}`, { expires: EXPIRES }), tooLarge(8192));
  assert.throws(() => new CloudFrontSigner({ keyPairId: ID, privateKey: `${EC}${" ".repeat(65536)}` }), tooLarge(65536));
  assert.throws(() => new CloudFrontSigner({ keyPairId: ID, privateKey: new Uint8Array(65537) }), tooLarge(65536));
  const keys = Object.fromEntries(Array.from({ length: 1001 }, (_, i) => [`K${i}`, PUBLIC[ID]]));
  assert.throws(() => new CloudFrontVerifier({ keys }), tooLarge(1000));

  const options = { now: NOW };
  const refusedUrl = verifier.verifyUrl(`${long(8193)}?Expires=1&Signature=AA__&Key-Pair-Id=${ID}`, options);
  assert.equal(refusedUrl.valid, false);
  assert.equal(refusedUrl.reason, "MALFORMED_PARAMETERS");
  assert.match(refusedUrl.message, /8192/);
  const refusedCookies = verifier.verifyCookies(URL, `a=${"b".repeat(20480)}`, options);
  assert.equal(refusedCookies.reason, "MALFORMED_PARAMETERS");
  assert.match(refusedCookies.message, /20480/);
  signer.free();
  verifier.free();
  calls += 10;
});

test("after the suite the same instance signs and verifies as before", (t) => {
  assert.deepEqual(reference(), before);
  assert.deepEqual(before.verdicts, [true, true, true]);
  assert.equal(before.cookieVerdict, true);
  assert.equal(before.tampered, "SIGNATURE_MISMATCH");
  t.diagnostic(`${calls} hostile calls, none trapped or threw an uncoded error`);
  console.log(`hostile-input calls: ${calls}`);
});
