// The shared vectors are what their generator makes from the peers today:
// regenerating them (botocore, openssl) gives the committed file byte for byte.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { root, run, vectors, vectorsPath } from "./harness.mjs";

test("tests/vectors/vectors.json is exactly what generate.mjs makes from botocore and openssl", async () => {
  const dir = mkdtempSync(join(tmpdir(), "cfs-vectors-"));
  try {
    const fresh = join(dir, "vectors.json");
    await run(process.execPath, [join(root, "tests", "vectors", "generate.mjs"), fresh]);
    assert.equal(readFileSync(fresh, "utf8"), readFileSync(vectorsPath, "utf8"));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the vectors cover RSA URLs and cookies, canned and custom, SHA-1 and SHA-256, and EC keys", () => {
  const rsa = vectors.vectors.filter((vector) => "expected" in vector);
  const ec = vectors.vectors.filter((vector) => vector.verifyWith);
  assert.equal(rsa.length + ec.length, vectors.vectors.length);
  for (const operation of ["signUrl", "signCookies"]) {
    for (const hashAlgorithm of ["SHA1", "SHA256"]) {
      for (const canned of [true, false]) {
        const matching = rsa.filter((v) => v.operation === operation && v.hashAlgorithm === hashAlgorithm && (Object.keys(v.options).length === 1) === canned);
        assert.ok(matching.length > 0, `${operation} ${hashAlgorithm} ${canned ? "canned" : "custom"}`);
      }
      assert.ok(ec.some((v) => v.operation === operation && v.hashAlgorithm === hashAlgorithm), `EC ${operation} ${hashAlgorithm}`);
    }
  }
});
