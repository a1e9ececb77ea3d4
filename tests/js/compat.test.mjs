// Cross-checks the drop-in getSignedUrl/getSignedCookies of the built
// package against @aws-sdk/cloudfront-signer itself, side by side in this
// process (same time zone, same inputs). See compat-cases.mjs.
import test from "node:test";
import assert from "node:assert/strict";
import { KeyObject, createPrivateKey, createPublicKey, verify } from "node:crypto";
import * as aws from "@aws-sdk/cloudfront-signer";
import { getSignedUrl, getSignedCookies } from "cloudfront-signer";
import { compatCases, divergences } from "./compat-cases.mjs";

const ours = { url: getSignedUrl, cookies: getSignedCookies };
const theirs = { url: aws.getSignedUrl, cookies: aws.getSignedCookies };

function run(fn, input) {
  try {
    return { ok: true, value: fn(input) };
  } catch (error) {
    return { ok: false, error };
  }
}

const describeError = (error) => `${error?.constructor?.name}: ${error?.message}`;
const show = (value) => (typeof value === "string" ? value : JSON.stringify(value)).slice(0, 300);

/** CloudFront base64 → bytes. */
const cfDecode = (text) => Buffer.from(text.replace(/-/g, "+").replace(/_/g, "=").replace(/~/g, "/"), "base64");

/** The signature, hash and exact policy bytes of a signed URL or cookie set. */
function signedParts(output) {
  if (typeof output === "string") {
    const param = (name) => output.match(new RegExp(`[?&]${name}=([^&]*)`))?.[1];
    const expires = param("Expires");
    const policy = param("Policy");
    const resource = output.slice(0, output.search(/[?&](Expires|Policy)=/));
    return { signature: param("Signature"), sha256: param("Hash-Algorithm") === "SHA256", expires, policy, resource };
  }
  return {
    signature: output["CloudFront-Signature"],
    sha256: output["CloudFront-Hash-Algorithm"] === "SHA256",
    expires: output["CloudFront-Expires"],
    policy: output["CloudFront-Policy"],
  };
}

function policyBytes(parts, resource) {
  if (parts.policy !== undefined) return cfDecode(parts.policy);
  const json = `{"Statement":[{"Resource":${JSON.stringify(resource)},"Condition":{"DateLessThan":{"AWS:EpochTime":${parts.expires}}}}]}`;
  return Buffer.from(json);
}

/** Checks an ECDSA output's signature with node:crypto. */
function ecSignatureVerifies(output, input) {
  const parts = signedParts(output);
  const resource = typeof output === "string" ? parts.resource : input.url;
  const privateKey =
    input.privateKey instanceof KeyObject ? input.privateKey : createPrivateKey({ key: input.privateKey, passphrase: input.passphrase });
  const key = createPublicKey(privateKey);
  return verify(parts.sha256 ? "sha256" : "sha1", policyBytes(parts, resource), key, cfDecode(parts.signature));
}

function withoutSignature(output) {
  if (typeof output === "string") return output.replace(/Signature=[^&]*/, "Signature=<SIG>");
  return { ...output, "CloudFront-Signature": "<SIG>" };
}

/** Compares one case; returns a description of the mismatch, or null. */
function compare(testCase) {
  const copy = () =>
    testCase.input && typeof testCase.input === "object" && !Object.getOwnPropertyDescriptor(testCase.input, "url")?.get
      ? { ...testCase.input }
      : testCase.input;
  const expected = run(theirs[testCase.fn], copy());
  const actual = run(ours[testCase.fn], copy());
  if (!expected.ok) {
    if (actual.ok) return `AWS threw ${describeError(expected.error)}; ours returned ${show(actual.value)}`;
    const { error } = actual;
    if (!(error instanceof Error)) return `ours threw a non-Error ${show(error)}`;
    if (typeof error.code !== "string" || !error.code.startsWith("ERR_")) return `ours threw without a code: ${describeError(error)}`;
    if (error.constructor.name !== expected.error.constructor.name) {
      return `class: AWS ${describeError(expected.error)}; ours ${describeError(error)}`;
    }
    if (testCase.keyError) {
      if (error.code !== testCase.keyError) return `code: expected ${testCase.keyError}, got ${error.code} (${error.message})`;
    } else if (error.message !== expected.error.message) {
      return `message: AWS ${JSON.stringify(expected.error.message)}; ours ${JSON.stringify(error.message)}`;
    }
    return null;
  }
  if (testCase.keyError) return `AWS succeeded where a key error (${testCase.keyError}) was expected`;
  if (!actual.ok) return `AWS returned ${show(expected.value)}; ours threw ${describeError(actual.error)} (${actual.error?.code})`;
  const [a, b] = testCase.key === "ec" ? [withoutSignature(expected.value), withoutSignature(actual.value)] : [expected.value, actual.value];
  try {
    assert.deepStrictEqual(b, a);
    if (typeof a === "object") assert.deepStrictEqual(Reflect.ownKeys(b), Reflect.ownKeys(a), "key order");
  } catch {
    return `output: AWS ${show(a)}; ours ${show(b)}`;
  }
  if (testCase.key === "ec") {
    if (!ecSignatureVerifies(expected.value, testCase.input)) return "the AWS ECDSA signature does not verify";
    if (!ecSignatureVerifies(actual.value, testCase.input)) return "our ECDSA signature does not verify";
  }
  return null;
}

const sections = new Map();
for (const testCase of compatCases) {
  if (!sections.has(testCase.section)) sections.set(testCase.section, []);
  sections.get(testCase.section).push(testCase);
}

test(`getSignedUrl/getSignedCookies match @aws-sdk/cloudfront-signer on ${compatCases.length} generated cases`, async (t) => {
  assert.ok(compatCases.length >= 150);
  for (const [label, cases] of sections) {
    await t.test(`${label} (${cases.length} cases)`, () => {
      const failures = [];
      for (const testCase of cases) {
        const problem = compare(testCase);
        if (problem) failures.push(`${testCase.name}: ${problem}`);
      }
      assert.deepStrictEqual(failures, []);
    });
  }
});

test("RSA signatures are byte-identical for every key encoding", () => {
  const input = { url: "https://d.net/a b", keyPairId: "K", dateLessThan: "2030-01-01" };
  const outputs = compatCases
    .filter((c) => c.fn === "url" && c.name.startsWith("url: key RSA") && !c.name.includes("1024"))
    .map((c) => getSignedUrl({ ...input, privateKey: c.input.privateKey, passphrase: c.input.passphrase }));
  assert.ok(outputs.length >= 10);
  assert.equal(new Set(outputs).size, 1);
});

test("errors carry our code and the AWS class", () => {
  assert.throws(() => getSignedUrl({ url: "https://d.net/a", keyPairId: "K", privateKey: "x", dateLessThan: "garbage" }), {
    name: "Error",
    code: "ERR_INVALID_DATE",
    message: "dateLessThan is invalid. Ensure the date value is compatible with the Date constructor.",
  });
  assert.throws(() => getSignedUrl({ url: 5, keyPairId: "K", privateKey: "x", dateLessThan: "2030" }), {
    name: "TypeError",
    code: "ERR_INVALID_URL",
    message: "url.indexOf is not a function",
  });
  assert.throws(() => getSignedCookies({ url: "https://d.net/*", dateLessThan: "2030", ipAddress: "::1" }), {
    name: "Error",
    code: "ERR_INVALID_IP",
  });
});

test(`documented divergences (${divergences.length}): keys Node signs with and the drop-in refuses`, () => {
  for (const { name, input, code } of divergences) {
    assert.equal(typeof aws.getSignedUrl({ ...input }), "string", `${name}: AWS signs`);
    assert.throws(() => getSignedUrl({ ...input }), { code }, name);
    assert.throws(() => getSignedCookies({ ...input }), { code }, name);
  }
});
