// The strict CloudFrontSigner API, against the built package.
import { test } from "node:test";
import assert from "node:assert/strict";
import { CloudFrontSigner, buildPolicy, toSetCookieHeaders, encodePath } from "cloudfront-signer";
import { keyText, keyBytes, keyPath, passphrase, splitSignedUrl, policyBytesOf, cfDecode, codeOf } from "./helpers.mjs";

const KEY_PAIR_ID = "K2JCJMDEHXQW5F";
const URL = "https://d111111abcdef8.cloudfront.net/private/image.jpg";
const EXPIRES = 2000000000;
const rsa = new CloudFrontSigner({ keyPairId: KEY_PAIR_ID, privateKey: keyText("rsa-pkcs8.pem") });

test("a canned URL carries Expires, Signature, Key-Pair-Id in that order", () => {
  const signed = rsa.signUrl(URL, { expires: EXPIRES });
  assert.match(signed, /^https:\/\/d111111abcdef8\.cloudfront\.net\/private\/image\.jpg\?Expires=2000000000&Signature=[A-Za-z0-9~_-]{344}&Key-Pair-Id=K2JCJMDEHXQW5F$/);
});

test("the caller's query stays first and byte-exact", () => {
  const url = `${URL}?response-content-disposition=attachment%3B%20filename%3D%22a%2Bb.pdf%22&x=+`;
  const signed = rsa.signUrl(url, { expires: EXPIRES });
  assert.ok(signed.startsWith(`${url}&Expires=2000000000&Signature=`));
  assert.equal(splitSignedUrl(signed).resource, url);
});

test("SHA-256 appends Hash-Algorithm last, SHA-1 never does", () => {
  const sha256 = new CloudFrontSigner({ keyPairId: KEY_PAIR_ID, privateKey: keyText("rsa-pkcs8.pem"), hashAlgorithm: "SHA256" });
  assert.equal(sha256.hashAlgorithm, "SHA256");
  assert.ok(sha256.signUrl(URL, { expires: EXPIRES }).endsWith(`&Key-Pair-Id=${KEY_PAIR_ID}&Hash-Algorithm=SHA256`));
  assert.ok(!rsa.signUrl(URL, { expires: EXPIRES }).includes("Hash-Algorithm"));
});

test("custom policies: start date, IP, wildcard, other resource", () => {
  for (const [options, why] of [
    [{ notBefore: EXPIRES - 3600 }, /start date/],
    [{ ipAddress: "203.0.113.7" }, /IP/],
    [{ resource: "https://d111111abcdef8.cloudfront.net/private/*" }, /wildcard/],
    [{ resource: "https://d111111abcdef8.cloudfront.net/private/image.jp?" }, /differs/],
  ]) {
    const signed = rsa.signUrl(URL, { expires: EXPIRES, ...options });
    const { params } = splitSignedUrl(signed);
    assert.equal(params.Expires, undefined);
    const policy = JSON.parse(cfDecode(params.Policy).toString());
    assert.equal(policy.Statement[0].Condition.DateLessThan["AWS:EpochTime"], EXPIRES);
    assert.match(buildPolicy(URL, { expires: EXPIRES, ...options }).reason, why);
  }
  const withIp = policyBytesOf(rsa.signUrl(URL, { expires: EXPIRES, ipAddress: "203.0.113.7", notBefore: 1900000000 })).toString();
  assert.equal(
    withIp,
    `{"Statement":[{"Resource":"${URL}","Condition":{"DateLessThan":{"AWS:EpochTime":2000000000},"IpAddress":{"AWS:SourceIp":"203.0.113.7/32"},"DateGreaterThan":{"AWS:EpochTime":1900000000}}}]}`,
  );
});

test("a supplied policy is signed verbatim", () => {
  const policy = `{"Statement":[{"Resource":"https://d111111abcdef8.cloudfront.net/*","Condition":{"DateLessThan":{"AWS:EpochTime":${EXPIRES}}}}]}`;
  const signed = rsa.signUrl(URL, { policy });
  assert.equal(policyBytesOf(signed).toString(), policy);
  assert.equal(codeOf(() => rsa.signUrl(URL, { policy: "{not json" })), "ERR_INVALID_POLICY");
  assert.equal(codeOf(() => rsa.signUrl(URL, { policy, expires: EXPIRES })), "ERR_INVALID_ARGUMENT");
});

test("every date form gives the same expiry, floored to seconds", () => {
  const forms = [EXPIRES, EXPIRES + 0.9, new Date(EXPIRES * 1000 + 999), "2033-05-18T03:33:20Z", "2033-05-18T05:33:20+02:00", "2033-05-18T03:33:20.5Z", String(EXPIRES)];
  for (const expires of forms) {
    assert.equal(splitSignedUrl(rsa.signUrl(URL, { expires })).params.Expires, String(EXPIRES), String(expires));
  }
  assert.equal(splitSignedUrl(rsa.signUrl(URL, { expires: "2033-05-18" })).params.Expires, "1999987200");
});

test("bad dates are refused with ERR_INVALID_DATE and advice", () => {
  for (const expires of [EXPIRES * 1000, "tomorrow", new Date("x"), 1, 2147483648, undefined, {}, true, 10n]) {
    assert.equal(codeOf(() => rsa.signUrl(URL, { expires })), "ERR_INVALID_DATE", String(expires));
  }
  assert.throws(() => rsa.signUrl(URL, { expires: Date.now() }), /milliseconds/);
  assert.throws(() => rsa.signUrl(URL, { expires: 1000 }), /in the past/);
  assert.throws(() => rsa.signUrl(URL, { expires: EXPIRES, notBefore: EXPIRES }), /strictly before/);
});

test("URLs that would not match at the edge are refused", () => {
  for (const url of ["/relative.jpg", "https://a.example/a b", "https://a.example/x#frag", "https://a.example/é", "HTTPS://a.example/x", "https://a.example/x?Key-Pair-Id=1", "https://a.example/x?a=1&Signature=2", "ftp://a.example/x", ""]) {
    assert.equal(codeOf(() => rsa.signUrl(url, { expires: EXPIRES })), "ERR_INVALID_URL", url);
  }
  assert.equal(codeOf(() => rsa.signUrl(`https://a.example/${"a".repeat(8200)}`, { expires: EXPIRES })), "ERR_INPUT_TOO_LARGE");
  const encoded = `https://a.example${encodePath("/reports/Q1 2026/résumé.pdf")}`;
  assert.equal(encoded, "https://a.example/reports/Q1%202026/r%C3%A9sum%C3%A9.pdf");
  assert.ok(rsa.signUrl(encoded, { expires: EXPIRES }).startsWith(`${encoded}?Expires=`));
});

test("IP conditions are IPv4 only", () => {
  assert.match(rsa.signUrl(URL, { expires: EXPIRES, ipAddress: "10.0.0.0/8" }), /Policy=/);
  for (const ipAddress of ["2001:db8::1", "10.0.0.256", "10.0.0.0/33", "10.0.0", "x", 7]) {
    const code = codeOf(() => rsa.signUrl(URL, { expires: EXPIRES, ipAddress }));
    assert.ok(["ERR_INVALID_IP", "ERR_INVALID_ARGUMENT"].includes(code), `${ipAddress}: ${code}`);
  }
  assert.throws(() => rsa.signUrl(URL, { expires: EXPIRES, ipAddress: "::1" }), /only IPv4/);
});

test("resources that would inject JSON are refused, not escaped", () => {
  for (const resource of ['https://a.example/x"}]', "https://a.example/x\\", "https://a.example/\u0000"]) {
    assert.equal(codeOf(() => rsa.signUrl(URL, { expires: EXPIRES, resource })), "ERR_INVALID_RESOURCE");
    assert.equal(codeOf(() => rsa.signCookies(resource, { expires: EXPIRES })), "ERR_INVALID_RESOURCE");
  }
});

test("signed cookies: canned and custom sets", () => {
  assert.deepEqual(Object.keys(rsa.signCookies(URL, { expires: EXPIRES })), ["CloudFront-Expires", "CloudFront-Signature", "CloudFront-Key-Pair-Id"]);
  const custom = rsa.signCookies("https://d111111abcdef8.cloudfront.net/private/*", { expires: EXPIRES, ipAddress: "10.0.0.0/8" });
  assert.deepEqual(Object.keys(custom), ["CloudFront-Policy", "CloudFront-Signature", "CloudFront-Key-Pair-Id"]);
  const ec = new CloudFrontSigner({ keyPairId: KEY_PAIR_ID, privateKey: keyText("ec-pkcs8.pem") });
  assert.equal(ec.signCookies(URL, { expires: EXPIRES })["CloudFront-Hash-Algorithm"], "SHA256");
  assert.equal(rsa.signCookies(URL, { expires: EXPIRES })["CloudFront-Signature"], splitSignedUrl(rsa.signUrl(URL, { expires: EXPIRES })).params.Signature);
});

test("Set-Cookie lines have safe defaults and refuse unsafe attributes", () => {
  const cookies = rsa.signCookies("https://d111111abcdef8.cloudfront.net/private/*", { expires: EXPIRES });
  const lines = toSetCookieHeaders(cookies);
  assert.equal(lines.length, 3);
  for (const line of lines) assert.match(line, /^CloudFront-[A-Za-z-]+=[A-Za-z0-9~_-]+; Path=\/; Secure; HttpOnly$/);
  const custom = toSetCookieHeaders(cookies, { domain: "d111111abcdef8.cloudfront.net", path: "/private/", sameSite: "Lax", expires: EXPIRES });
  assert.match(custom[0], /; Domain=d111111abcdef8\.cloudfront\.net; Path=\/private\/; Expires=Wed, 18 May 2033 03:33:20 GMT; Secure; HttpOnly; SameSite=Lax$/);
  assert.equal(codeOf(() => toSetCookieHeaders(cookies, { path: "/private/*" })), "ERR_INVALID_COOKIE_OPTION");
  assert.equal(codeOf(() => toSetCookieHeaders(cookies, { sameSite: "None", secure: false })), "ERR_INVALID_COOKIE_OPTION");
  assert.equal(codeOf(() => toSetCookieHeaders({ "Set-Cookie": "x" })), "ERR_INVALID_ARGUMENT");
});

test("every key format loads, as string or bytes", () => {
  const reference = rsa.signUrl(URL, { expires: EXPIRES });
  for (const [privateKey, extra] of [
    [keyText("rsa-pkcs1.pem"), {}],
    [keyBytes("rsa-pkcs1.pem"), {}],
    [new Uint8Array(keyBytes("rsa-pkcs8.der")), {}],
    [new Uint8Array(keyBytes("rsa-pkcs1.der")).buffer, {}],
    [keyText("rsa-pkcs8-encrypted.pem"), { passphrase }],
    [JSON.parse(keyText("rsa-private.jwk.json")), {}],
    [keyText("rsa-private.jwk.json"), {}],
    [keyText("rsa-pkcs8.pem").replace(/\n/g, "\\n"), {}],
    [keyText("rsa-pkcs8.pem").replace(/\n/g, "\r\n"), {}],
  ]) {
    const signer = new CloudFrontSigner({ keyPairId: KEY_PAIR_ID, privateKey, ...extra });
    assert.equal(signer.signUrl(URL, { expires: EXPIRES }), reference);
    assert.equal(signer.keyType, "RSA");
    assert.equal(signer.keyBits, 2048);
  }
  assert.equal(new CloudFrontSigner({ keyPairId: KEY_PAIR_ID, privateKey: keyText("rsa-1024.pem") }).keyBits, 1024);
  assert.equal(rsa.publicKeyPem, keyText("rsa-public.pem"));
});

test("key errors have codes and never echo the key", () => {
  const secretLine = keyText("rsa-pkcs8.pem").split("\n")[5];
  const cases = [
    [{ privateKey: "not a key" }, "ERR_INVALID_KEY"],
    [{ privateKey: keyText("rsa-pkcs8.pem").replace(secretLine, secretLine.replace(/[A-M]/g, "Q")) }, "ERR_INVALID_KEY"],
    [{ privateKey: keyText("rsa-pkcs8-encrypted.pem") }, "ERR_PASSPHRASE_REQUIRED"],
    [{ privateKey: keyText("rsa-pkcs8-encrypted.pem"), passphrase: "wrong" }, "ERR_WRONG_PASSPHRASE"],
    [{ privateKey: keyText("ec-p384.pem") }, "ERR_UNSUPPORTED_KEY"],
    [{ privateKey: keyText("ed25519.pem") }, "ERR_UNSUPPORTED_KEY"],
    [{ privateKey: keyText("rsa-legacy-encrypted.pem"), passphrase }, "ERR_UNSUPPORTED_KEY"],
    [{ privateKey: keyText("rsa-public.pem") }, "ERR_INVALID_KEY"],
    [{ privateKey: undefined }, "ERR_INVALID_KEY"],
    [{ privateKey: 42 }, "ERR_INVALID_KEY"],
    [{ privateKey: keyText("rsa-pkcs8.pem"), keyPairId: "" }, "ERR_INVALID_KEY_PAIR_ID"],
    [{ privateKey: keyText("rsa-pkcs8.pem"), keyPairId: "K1 2" }, "ERR_INVALID_KEY_PAIR_ID"],
    [{ privateKey: keyText("rsa-pkcs8.pem"), hashAlgorithm: "MD5" }, "ERR_UNSUPPORTED_HASH_ALGORITHM"],
  ];
  for (const [options, code] of cases) {
    try {
      new CloudFrontSigner({ keyPairId: KEY_PAIR_ID, ...options });
      assert.fail(`accepted ${code}`);
    } catch (error) {
      assert.equal(error.code, code, error.message);
      assert.ok(!error.message.includes(secretLine.slice(0, 16)), error.message);
    }
  }
  assert.equal(codeOf(() => new CloudFrontSigner()), "ERR_INVALID_ARGUMENT");
});

test("the signer is disposable and serialises without key material", () => {
  const signer = new CloudFrontSigner({ keyPairId: KEY_PAIR_ID, privateKey: keyText("ec-pkcs8.pem") });
  assert.deepEqual(JSON.parse(JSON.stringify(signer)), { keyPairId: KEY_PAIR_ID, keyType: "EC", keyBits: 256, hashAlgorithm: "SHA256", engine: "node" });
  assert.equal(typeof signer[Symbol.dispose], "function");
  signer.free();
  assert.throws(() => signer.signUrl(URL, { expires: EXPIRES }));
});
