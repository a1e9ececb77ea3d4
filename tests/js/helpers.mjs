// Shared by the JS tests: test keys, CloudFront base64, signed-URL parsing,
// and signature checks with the openssl command line.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const keyPath = (name) => join(root, "tests", "keys", name);
export const keyText = (name) => readFileSync(keyPath(name), "utf8");
export const keyBytes = (name) => readFileSync(keyPath(name));
export const passphrase = keyText("passphrase.txt").trim();

/** Decodes CloudFront's base64 variant. */
export function cfDecode(text) {
  return Buffer.from(text.replace(/-/g, "+").replace(/_/g, "=").replace(/~/g, "/"), "base64");
}

/** The signing parameters of a signed URL, and the URL without them. */
export function splitSignedUrl(signed) {
  const [base, query = ""] = signed.split(/\?(.*)/s);
  const kept = [];
  const params = {};
  for (const pair of query.split("&")) {
    const name = pair.split("=")[0];
    if (["Expires", "Policy", "Signature", "Key-Pair-Id", "Hash-Algorithm"].includes(name)) {
      params[name] = pair.slice(name.length + 1);
    } else if (pair !== "") {
      kept.push(pair);
    }
  }
  return { resource: kept.length ? `${base}?${kept.join("&")}` : base, params };
}

/** The exact policy bytes a signed URL's signature covers. */
export function policyBytesOf(signed) {
  const { resource, params } = splitSignedUrl(signed);
  if (params.Policy) return cfDecode(params.Policy);
  return Buffer.from(
    `{"Statement":[{"Resource":"${resource}","Condition":{"DateLessThan":{"AWS:EpochTime":${params.Expires}}}}]}`,
  );
}

/** The policy bytes of a cookie set (canned needs the URL it covers). */
export function cookiePolicyBytes(cookies, url) {
  if (cookies["CloudFront-Policy"]) return cfDecode(cookies["CloudFront-Policy"]);
  return Buffer.from(
    `{"Statement":[{"Resource":"${url}","Condition":{"DateLessThan":{"AWS:EpochTime":${cookies["CloudFront-Expires"]}}}}]}`,
  );
}

/** Runs `openssl dgst -<hash> -verify` and returns whether it said "Verified OK". */
export function opensslVerifies(publicKeyFile, hash, message, signature) {
  const dir = mkdtempSync(join(tmpdir(), "cfs-openssl-"));
  try {
    writeFileSync(join(dir, "message"), message);
    writeFileSync(join(dir, "signature"), signature);
    const out = execFileSync(
      "openssl",
      ["dgst", `-${hash}`, "-verify", publicKeyFile, "-signature", join(dir, "signature"), join(dir, "message")],
      { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
    );
    return out.trim() === "Verified OK";
  } catch {
    return false;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The `code` of what `fn` throws (fails the test when nothing is thrown). */
export function codeOf(fn) {
  try {
    fn();
  } catch (error) {
    if (!(error instanceof Error)) throw new Error(`threw a non-Error: ${String(error)}`);
    return error.code;
  }
  throw new Error("expected a throw");
}
