// The strict signer against the real peers: botocore's CloudFrontSigner byte
// for byte, and openssl on every kind of signature.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { CloudFrontSigner } from "cloudfront-signer";
import { root, keyText, keyPath, policyBytesOf, cookiePolicyBytes, splitSignedUrl, cfDecode, opensslVerifies } from "./helpers.mjs";

const python = join(root, ".venv", "bin", "python");
const HOST = "https://d111111abcdef8.cloudfront.net";

function cases() {
  const urls = [
    `${HOST}/image.jpg`,
    `${HOST}/private/a%20b/r%C3%A9sum%C3%A9.pdf`,
    `${HOST}/video.mp4?quality=hd&lang=en`,
    `${HOST}/x?response-content-disposition=attachment%3B%20filename%3D%22report.pdf%22`,
    `${HOST}/a+b/it's(1)!.txt?q=a+b&empty=&flag`,
    "http://cdn.example.com:8080/a/./b/../c.js",
    `${HOST}/${"long/".repeat(300)}end.bin`,
    `${HOST}`,
  ];
  const variants = [
    {},
    { not_before: 1767200000 },
    { ip_address: "203.0.113.0/24" },
    { ip_address: "198.51.100.7" },
    { resource: `${HOST}/*` },
    { resource: "*" },
    { not_before: 1767200000, ip_address: "10.0.0.0/8", resource: `${HOST}/vid?o*` },
  ];
  const out = [];
  for (const key of ["rsa-pkcs8.pem", "rsa-1024.pem"]) {
    for (const url of urls) {
      for (const [index, variant] of variants.entries()) {
        out.push({ url, key_file: keyPath(key), key_pair_id: index % 2 ? "APKAEXAMPLE123" : "K2JCJMDEHXQW5F", expires: 2000000000 + index, ...variant });
      }
    }
  }
  return out;
}

test("CloudFrontSigner equals botocore's CloudFrontSigner byte for byte", () => {
  const all = cases();
  const expected = JSON.parse(execFileSync(python, [join(root, "tests", "peers", "botocore_sign.py")], { input: JSON.stringify(all), encoding: "utf8", maxBuffer: 1 << 26 }));
  assert.equal(expected.length, all.length);
  const signers = new Map();
  all.forEach((c, i) => {
    const id = `${c.key_file}|${c.key_pair_id}`;
    if (!signers.has(id)) signers.set(id, new CloudFrontSigner({ keyPairId: c.key_pair_id, privateKey: keyText(c.key_file.split("/").pop()) }));
    const ours = signers.get(id).signUrl(c.url, { expires: c.expires, notBefore: c.not_before, ipAddress: c.ip_address, resource: c.resource });
    assert.equal(ours, expected[i], `case ${i}: ${JSON.stringify(c)}`);
  });
  console.log(`botocore cross-check: ${all.length} cases equal`);
});

test("openssl verifies every kind of signature the package makes", () => {
  let checked = 0;
  const pairs = [
    ["rsa-pkcs8.pem", "rsa-public.pem"],
    // Other RSA sizes sign with the general engine.
    ["rsa-1024.pem", "rsa-1024-public.pem"],
    ["rsa-4096.pem", "rsa-4096-public.pem"],
    ["ec-pkcs8.pem", "ec-public.pem"],
  ];
  // The wasm engine signs with the crate's own arithmetic; auto, where
  // node:crypto is, with node:crypto.
  for (const [privateKey, publicKey] of pairs) for (const engine of ["auto", "wasm"]) {
    for (const hashAlgorithm of ["SHA1", "SHA256"]) {
      const signer = new CloudFrontSigner({ keyPairId: "K2JCJMDEHXQW5F", privateKey: keyText(privateKey), hashAlgorithm, engine });
      assert.equal(signer.engine, engine === "wasm" ? "wasm" : "node");
      const hash = hashAlgorithm === "SHA1" ? "sha1" : "sha256";
      for (const options of [{}, { notBefore: 1767200000, ipAddress: "10.0.0.0/8" }, { resource: `${HOST}/*` }]) {
        const url = `${HOST}/private/file.txt?v=2`;
        const signed = signer.signUrl(url, { expires: 2000000000, ...options });
        const { params } = splitSignedUrl(signed);
        assert.equal(params["Hash-Algorithm"], hashAlgorithm === "SHA256" ? "SHA256" : undefined);
        assert.ok(opensslVerifies(keyPath(publicKey), hash, policyBytesOf(signed), cfDecode(params.Signature)), `${privateKey} ${engine} ${hash} URL ${JSON.stringify(options)}`);
        assert.ok(!opensslVerifies(keyPath(publicKey), hash, Buffer.concat([policyBytesOf(signed), Buffer.from(" ")]), cfDecode(params.Signature)));
        const resource = options.resource ?? url;
        const { resource: _ignored, ...cookieOptions } = options;
        const cookies = signer.signCookies(resource, { expires: 2000000000, ...cookieOptions });
        assert.ok(opensslVerifies(keyPath(publicKey), hash, cookiePolicyBytes(cookies, resource), cfDecode(cookies["CloudFront-Signature"])), `${privateKey} ${engine} ${hash} cookies`);
        checked += 2;
      }
    }
  }
  console.log(`openssl verified ${checked} signatures`);
});
