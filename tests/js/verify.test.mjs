// CloudFrontVerifier and the decode functions, against the built package.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { getSignedUrl as awsGetSignedUrl, getSignedCookies as awsGetSignedCookies } from "@aws-sdk/cloudfront-signer";
import { CloudFrontSigner, CloudFrontVerifier, decodeSignedUrl, decodeSignedCookies, toSetCookieHeaders } from "cloudfront-signer";
import { root, keyText, keyPath, keyBytes } from "./helpers.mjs";

const ID = "K2JCJMDEHXQW5F";
const HOST = "https://d111111abcdef8.cloudfront.net";
const EXPIRES = 2000000000;
const NOW = 1900000000;
const verifier = new CloudFrontVerifier({
  keys: { [ID]: keyText("rsa-public.pem"), KEC: keyText("ec-public.pem"), KJWK: JSON.parse(keyText("ec-public.jwk.json")), KPRIV: keyBytes("rsa-pkcs8.der") },
});
const rsa = new CloudFrontSigner({ keyPairId: ID, privateKey: keyText("rsa-pkcs8.pem") });

test("every URL and cookie set the package signs verifies", () => {
  for (const [privateKey, keyPairId] of [["rsa-pkcs8.pem", ID], ["ec-pkcs8.pem", "KEC"], ["ec-sec1.pem", "KJWK"], ["rsa-pkcs1.pem", "KPRIV"]]) {
    for (const hashAlgorithm of ["SHA1", "SHA256"]) {
      const signer = new CloudFrontSigner({ keyPairId, privateKey: keyText(privateKey), hashAlgorithm });
      for (const options of [{}, { notBefore: NOW - 1, ipAddress: "203.0.113.0/24" }, { resource: `${HOST}/private/*` }]) {
        const url = signer.signUrl(`${HOST}/private/a.txt?v=1`, { expires: EXPIRES, ...options });
        const result = verifier.verifyUrl(url, { now: NOW, clientIp: "203.0.113.9" });
        assert.equal(result.valid, true, `${privateKey} ${hashAlgorithm} ${JSON.stringify(options)}: ${result.message}`);
        assert.equal(result.reason, null);
        assert.equal(result.keyPairId, keyPairId);
        assert.equal(result.hashAlgorithm, hashAlgorithm);
        assert.equal(result.expiresAt.getTime(), EXPIRES * 1000);
      }
      const cookies = signer.signCookies(`${HOST}/private/*`, { expires: EXPIRES });
      assert.equal(verifier.verifyCookies(`${HOST}/private/b.txt`, cookies, { now: NOW }).valid, true);
      const header = toSetCookieHeaders(cookies).map((line) => line.split(";")[0]).join("; ");
      assert.equal(verifier.verifyCookies(`${HOST}/private/b.txt`, header, { now: NOW }).valid, true);
    }
  }
});

test("URLs and cookies from @aws-sdk/cloudfront-signer and botocore verify", () => {
  const privateKey = keyText("rsa-pkcs8.pem");
  const url = `${HOST}/a%20b.txt?x=1`;
  const aws = awsGetSignedUrl({ url, keyPairId: ID, privateKey, dateLessThan: new Date(EXPIRES * 1000) });
  assert.equal(verifier.verifyUrl(aws, { now: NOW }).valid, true);
  const policy = JSON.stringify({ Statement: [{ Resource: `${HOST}/v/*`, Condition: { DateLessThan: { "AWS:EpochTime": EXPIRES }, IpAddress: { "AWS:SourceIp": "10.0.0.0/8" } } }] });
  const awsCookies = awsGetSignedCookies({ keyPairId: ID, privateKey, policy });
  assert.equal(verifier.verifyCookies(`${HOST}/v/a.mp4`, awsCookies, { now: NOW, clientIp: "10.9.9.9" }).valid, true);
  assert.equal(verifier.verifyCookies(`${HOST}/v/a.mp4`, awsCookies, { now: NOW, clientIp: "11.0.0.1" }).reason, "IP_NOT_ALLOWED");
  const cases = [{ url, key_file: keyPath("rsa-pkcs8.pem"), key_pair_id: ID, expires: EXPIRES }, { url, key_file: keyPath("rsa-pkcs8.pem"), key_pair_id: ID, expires: EXPIRES, resource: `${HOST}/*`, not_before: NOW - 5 }];
  const boto = JSON.parse(execFileSync(join(root, ".venv", "bin", "python"), [join(root, "tests", "peers", "botocore_sign.py")], { input: JSON.stringify(cases), encoding: "utf8" }));
  for (const signed of boto) assert.equal(verifier.verifyUrl(signed, { now: NOW }).valid, true, signed);
});

test("each kind of tampering is refused with its reason and a sentence", () => {
  const canned = rsa.signUrl(`${HOST}/a.txt?x=1`, { expires: EXPIRES });
  const custom = rsa.signUrl(`${HOST}/a.txt`, { expires: EXPIRES, resource: `${HOST}/a*`, notBefore: NOW - 60, ipAddress: "10.0.0.0/8" });
  const opts = { now: NOW, clientIp: "10.0.0.1" };
  const cases = [
    [canned.replace("Expires=2000000000", "Expires=2000000001"), "SIGNATURE_MISMATCH"],
    [canned.replace("a.txt", "b.txt"), "SIGNATURE_MISMATCH"],
    [canned.replace("x=1", "x=2"), "SIGNATURE_MISMATCH"],
    [canned.replace(/Signature=./, "Signature=A"), "SIGNATURE_MISMATCH"],
    [canned.replace(ID, "KUNKNOWN"), "UNKNOWN_KEY_PAIR_ID"],
    [canned.replace(`&Key-Pair-Id=${ID}`, ""), "MISSING_PARAMETERS"],
    [`${HOST}/a.txt`, "MISSING_PARAMETERS"],
    [`${canned}&Hash-Algorithm=SHA1`, "MALFORMED_PARAMETERS"],
    [`${canned}&Policy=e30_`, "MALFORMED_PARAMETERS"],
    [custom.replace("/a.txt", "/b.txt"), "RESOURCE_MISMATCH"],
    [custom.replace("Policy=eyJTdGF0", "Policy=eyJTdGF1"), "SIGNATURE_MISMATCH"],
  ];
  for (const [url, reason] of cases) {
    const result = verifier.verifyUrl(url, opts);
    assert.equal(result.valid, false, url);
    assert.equal(result.reason, reason, `${url}: ${result.message}`);
    assert.ok(result.message.length > 10);
  }
  assert.equal(verifier.verifyUrl(custom, { ...opts, now: EXPIRES }).reason, "EXPIRED");
  assert.match(verifier.verifyUrl(custom, { ...opts, now: EXPIRES + 180 }).message, /^expired 3 minutes ago, at 2033-05-18T03:33:20Z$/);
  assert.equal(verifier.verifyUrl(custom, { ...opts, now: NOW - 61 }).reason, "NOT_YET_VALID");
  assert.equal(verifier.verifyUrl(custom, { ...opts, clientIp: "2001:db8::1" }).reason, "IP_NOT_ALLOWED");
  assert.equal(verifier.verifyUrl(canned, { now: NOW, requireSha256: true }).reason, "HASH_ALGORITHM_NOT_ALLOWED");
  assert.equal(verifier.verifyUrl(canned, { now: new Date(EXPIRES * 1000) }).reason, "EXPIRED");
  assert.equal(verifier.verifyUrl(canned, { now: new Date(EXPIRES * 1000), leewaySeconds: 1 }).valid, true);
});

test("malformed input returns a reason, never throws", () => {
  for (const input of [undefined, null, 42, {}, [], "", "not a url", "https://a?Signature=%%%", `${HOST}/a?Expires=1&Expires=2&Signature=A&Key-Pair-Id=K`, "x".repeat(100000)]) {
    const result = verifier.verifyUrl(input, { now: NOW });
    assert.equal(result.valid, false);
    assert.ok(["MISSING_PARAMETERS", "MALFORMED_PARAMETERS"].includes(result.reason), `${String(input).slice(0, 40)}: ${result.reason}`);
  }
  for (const cookies of [undefined, 7, "garbage", { "CloudFront-Policy": 5 }, "CloudFront-Policy=!!; CloudFront-Signature=A; CloudFront-Key-Pair-Id=K"]) {
    const result = verifier.verifyCookies(`${HOST}/a`, cookies, { now: NOW });
    assert.equal(result.valid, false);
  }
});

test("verifyRequest reads a fetch Request; URL parameters win over cookies", () => {
  const cookies = rsa.signCookies(`${HOST}/v/*`, { expires: EXPIRES });
  const cookie = Object.entries(cookies).map(([k, v]) => `${k}=${v}`).join("; ");
  assert.equal(verifier.verifyRequest(new Request(`${HOST}/v/a.mp4`, { headers: { cookie } }), { now: NOW }).valid, true);
  const both = verifier.verifyRequest(new Request(`${HOST}/v/a.mp4?Signature=x`, { headers: { cookie } }), { now: NOW });
  assert.equal(both.source, "url");
  assert.equal(both.valid, false);
  assert.equal(verifier.verifyRequest(new Request(`${HOST}/v/a.mp4`), { now: NOW }).reason, "MISSING_PARAMETERS");
  assert.equal(verifier.verifyRequest({}, { now: NOW }).valid, false);
});

test("wildcard matching follows CloudFront's sections, or a plain glob on request", () => {
  const cookies = rsa.signCookies(`${HOST}/a*b`, { expires: EXPIRES });
  assert.equal(verifier.verifyCookies(`${HOST}/a?b`, cookies, { now: NOW }).reason, "RESOURCE_MISMATCH");
  assert.equal(verifier.verifyCookies(`${HOST}/a?b`, cookies, { now: NOW, wildcardMatching: "glob" }).valid, true);
  const glob = new CloudFrontVerifier({ keys: { [ID]: keyText("rsa-public.pem") }, wildcardMatching: "glob" });
  assert.equal(glob.verifyCookies(`${HOST}/a?b`, cookies, { now: NOW }).valid, true);
});

test("decodeSignedUrl and decodeSignedCookies say what is granted, without a key", () => {
  const url = rsa.signUrl(`${HOST}/a.txt`, { expires: EXPIRES, notBefore: NOW, ipAddress: "10.0.0.0/8" });
  const decoded = decodeSignedUrl(url);
  assert.equal(decoded.canned, false);
  assert.equal(decoded.resource, `${HOST}/a.txt`);
  assert.equal(decoded.ipAddress, "10.0.0.0/8");
  assert.equal(decoded.notBefore.getTime(), NOW * 1000);
  assert.equal(decoded.keyPairId, ID);
  const canned = decodeSignedUrl(rsa.signUrl(`${HOST}/a.txt?x=1`, { expires: EXPIRES }));
  assert.equal(canned.canned, true);
  assert.equal(canned.resource, `${HOST}/a.txt?x=1`);
  assert.equal(canned.policy, `{"Statement":[{"Resource":"${HOST}/a.txt?x=1","Condition":{"DateLessThan":{"AWS:EpochTime":${EXPIRES}}}}]}`);
  const cookies = decodeSignedCookies(rsa.signCookies(`${HOST}/v/*`, { expires: EXPIRES }));
  assert.equal(cookies.resource, `${HOST}/v/*`);
  assert.throws(() => decodeSignedUrl(`${HOST}/a.txt`), (e) => e.code === "ERR_INVALID_URL");
  assert.throws(() => decodeSignedUrl(`${HOST}/a?Policy=!!&Signature=AA__&Key-Pair-Id=K`), (e) => e.code === "ERR_INVALID_POLICY");
});

test("a bad verifier configuration throws with a code", () => {
  for (const [options, code] of [
    [undefined, "ERR_INVALID_ARGUMENT"],
    [{ keys: {} }, "ERR_INVALID_ARGUMENT"],
    [{ keys: { K: "not a key" } }, "ERR_INVALID_KEY"],
    [{ keys: { K: keyText("ec-p384.pem") } }, "ERR_UNSUPPORTED_KEY"],
    [{ keys: { K: keyText("rsa-public.pem") }, wildcardMatching: "regex" }, "ERR_INVALID_ARGUMENT"],
  ]) {
    assert.throws(() => new CloudFrontVerifier(options), (e) => e.code === code);
  }
  assert.throws(() => verifier.verifyUrl("x", { now: "soon" }), (e) => e.code === "ERR_INVALID_DATE");
  assert.throws(() => verifier.verifyUrl("x", { clientIp: "nope" }), (e) => e.code === "ERR_INVALID_IP");
});
