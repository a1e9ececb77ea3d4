// The Node edge server (examples/edge-server), driven with real HTTP
// requests on 127.0.0.1.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { sign } from "node:crypto";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { getSignedUrl as awsGetSignedUrl } from "@aws-sdk/cloudfront-signer";
import { CloudFrontSigner } from "cloudfront-signer";
import { createEdgeServer, originOf } from "../../examples/edge-server/server.mjs";
import { keyPath, keyText, root } from "../js/helpers.mjs";
import { cfBase64, cookieHeader, fetchRaw, tamperSignature, target } from "./helpers.mjs";

const ID = "KEDGETEST00001";
const EC_ID = "KEDGETEST00002";
const DISTRIBUTION = "https://d111111abcdef8.cloudfront.net";
const files = join(root, "examples", "edge-server", "private");
const hello = readFileSync(join(files, "hello.txt"), "utf8");
const rsa = new CloudFrontSigner({ keyPairId: ID, privateKey: keyText("rsa-pkcs8.pem") });
const ec = new CloudFrontSigner({ keyPairId: EC_ID, privateKey: keyText("ec-pkcs8.pem") });
const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;

const servers = [];
let origin; // the default server: the shipped private folder, no options
let strict; // every option: SHA-256 only, a public origin, CORS, a folder with a symbolic link out
let outside;

async function start(options) {
  const server = createEdgeServer({ keys: { [ID]: keyText("rsa-public.pem"), [EC_ID]: keyText("ec-public.pem") }, files, ...options });
  servers.push(server);
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return originOf(server);
}

before(async () => {
  origin = await start({});
  outside = mkdtempSync(join(tmpdir(), "edge-test-"));
  mkdirSync(join(outside, "private"));
  copyFileSync(join(files, "hello.txt"), join(outside, "private", "hello.txt"));
  writeFileSync(join(outside, "secret.txt"), "outside the private folder\n");
  symlinkSync(join(outside, "secret.txt"), join(outside, "private", "link.txt"));
  strict = await start({ files: join(outside, "private"), publicOrigin: DISTRIBUTION, requireSha256: true, cors: true });
});

after(() => {
  for (const server of servers) {
    server.closeAllConnections();
    server.close();
  }
  rmSync(outside, { recursive: true, force: true });
});

function assertDenied(response, reason, cloudfrontMessage = "Access denied") {
  assert.equal(response.status, 403, `${reason}: ${response.status} ${response.body}`);
  assert.equal(response.headers["x-cloudfront-signer-reason"], reason, response.headers["x-cloudfront-signer-message"]);
  assert.ok(response.headers["x-cloudfront-signer-message"].length > 10);
  assert.equal(response.headers["content-type"], "application/xml");
  const xml = `<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>${cloudfrontMessage}</Message></Error>`;
  assert.ok(response.body.startsWith(`${xml}<!-- ${reason}: `), response.body);
  assert.ok(response.body.trimEnd().endsWith(" -->"));
}

test("a valid signed URL gets the file, GET and HEAD", async () => {
  const url = rsa.signUrl(`${origin}/hello.txt`, { expires: inAnHour() });
  const response = await fetchRaw(origin, target(url));
  assert.equal(response.status, 200, response.body);
  assert.equal(response.body, hello);
  assert.equal(response.headers["content-type"], "text/plain; charset=utf-8");
  const head = await fetchRaw(origin, target(url), { method: "HEAD" });
  assert.equal(head.status, 200);
  assert.equal(head.headers["content-length"], String(Buffer.byteLength(hello)));
  assert.equal(head.body, "");
  const svg = await fetchRaw(origin, target(rsa.signUrl(`${origin}/logo.svg?v=2`, { expires: inAnHour() })));
  assert.equal(svg.status, 200);
  assert.equal(svg.headers["content-type"], "image/svg+xml");
  assert.match(svg.body, /^<svg /);
});

test("valid signed cookies on a wildcard path get every file below it", async () => {
  const cookie = cookieHeader(rsa.signCookies(`${origin}/videos/*`, { expires: inAnHour() }));
  const response = await fetchRaw(origin, "/videos/intro.vtt", { headers: { cookie } });
  assert.equal(response.status, 200, response.body);
  assert.equal(response.headers["content-type"], "text/vtt; charset=utf-8");
  assert.match(response.body, /^WEBVTT/);
  assertDenied(await fetchRaw(origin, "/hello.txt", { headers: { cookie } }), "RESOURCE_MISMATCH");
  // Signing parameters in the URL win over cookies, as at CloudFront.
  const urlWins = await fetchRaw(origin, "/videos/intro.vtt?Signature=x", { headers: { cookie } });
  assertDenied(urlWins, "MISSING_PARAMETERS", "Missing Key-Pair-Id query parameter or cookie value.");
});

test("each kind of failure is refused with its reason", async () => {
  const now = Math.floor(Date.now() / 1000);
  const canned = rsa.signUrl(`${origin}/hello.txt?v=1`, { expires: inAnHour() });
  const signature = canned.match(/Signature=([^&]+)/)[1];
  const expired = awsGetSignedUrl({ url: `${origin}/hello.txt`, keyPairId: ID, privateKey: keyText("rsa-pkcs8.pem"), dateLessThan: new Date((now - 60) * 1000) });
  const unknownKey = new CloudFrontSigner({ keyPairId: "KUNKNOWN000001", privateKey: keyText("rsa-pkcs8.pem") });
  // A policy CloudFront cannot read, validly signed (by node:crypto: our signer refuses to make one).
  const unreadable = `{"Statement":[{"Resource":"${origin}/hello.txt"}]}`;
  const unreadableSignature = cfBase64(sign("sha1", Buffer.from(unreadable), keyText("rsa-pkcs8.pem")));
  const badPolicy = `/hello.txt?Policy=${cfBase64(unreadable)}&Signature=${unreadableSignature}&Key-Pair-Id=${ID}`;
  const cases = [
    [target(tamperSignature(canned)), "SIGNATURE_MISMATCH"],
    [target(canned).replace("/hello.txt", "/logo.svg"), "SIGNATURE_MISMATCH"],
    [target(canned).replace("v=1", "v=2"), "SIGNATURE_MISMATCH"],
    [target(expired), "EXPIRED"],
    [target(rsa.signUrl(`${origin}/hello.txt`, { expires: inAnHour(), notBefore: now + 600 })), "NOT_YET_VALID"],
    [target(rsa.signUrl(`${origin}/hello.txt`, { expires: inAnHour(), ipAddress: "203.0.113.0/24" })), "IP_NOT_ALLOWED"],
    [target(unknownKey.signUrl(`${origin}/hello.txt`, { expires: inAnHour() })), "UNKNOWN_KEY_PAIR_ID", "Unknown Key"],
    ["/hello.txt", "MISSING_PARAMETERS", "Missing Key-Pair-Id query parameter or cookie value."],
    [target(canned).replace(`&Key-Pair-Id=${ID}`, ""), "MISSING_PARAMETERS", "Missing Key-Pair-Id query parameter or cookie value."],
    [badPolicy, "MALFORMED_POLICY", "Malformed Policy"],
    [target(rsa.signUrl(`${origin}/hello.txt`, { expires: inAnHour(), resource: `${origin}/videos/*` })), "RESOURCE_MISMATCH"],
  ];
  for (const [path, reason, message] of cases) {
    assertDenied(await fetchRaw(origin, path), reason, message);
  }
  // The client IP is the socket's: a range holding 127.0.0.1 is let in.
  const loopback = rsa.signUrl(`${origin}/hello.txt`, { expires: inAnHour(), ipAddress: "127.0.0.0/8" });
  assert.equal((await fetchRaw(origin, target(loopback))).status, 200);
});

test("a valid signature for a missing file or a folder is refused as S3 does", async () => {
  const cookie = cookieHeader(rsa.signCookies(`${origin}/*`, { expires: inAnHour() }));
  for (const path of ["/videos/missing.mp4", "/videos/", "/videos", "/", "/videos//intro.vtt"]) {
    assertDenied(await fetchRaw(origin, path, { headers: { cookie } }), "NO_SUCH_KEY", "Access Denied");
  }
  const encoded = await fetchRaw(origin, "/videos/%69ntro.vtt", { headers: { cookie } });
  assert.equal(encoded.status, 200, "percent-encoded characters are decoded, as S3 does");
});

test("path traversal never leaves the private folder", async () => {
  const cookie = cookieHeader(rsa.signCookies(`${origin}/*`, { expires: inAnHour() }));
  const attempts = [
    "/../server.mjs", "/videos/../../server.mjs", "/..%2fserver.mjs", "/%2e%2e/server.mjs", "/%2E%2E%2Fserver.mjs",
    "/videos/..%2F..%2Fserver.mjs", "/..%5cserver.mjs", "/%2fetc%2fpasswd", "//etc/passwd", "/hello.txt%00.svg",
    "/%ZZ", "/videos/%", "/./hello.txt", "/..\\server.mjs",
  ];
  for (const path of attempts) {
    const unsigned = await fetchRaw(origin, path);
    assertDenied(unsigned, "MISSING_PARAMETERS", "Missing Key-Pair-Id query parameter or cookie value.");
    // The wildcard signature is valid for every path: the mapping to a file refuses these.
    assertDenied(await fetchRaw(origin, path, { headers: { cookie } }), "NO_SUCH_KEY", "Access Denied");
  }
  const link = await fetchRaw(strict, "/link.txt", { headers: { cookie: cookieHeader(ec.signCookies(`${DISTRIBUTION}/*`, { expires: inAnHour() })) } });
  assertDenied(link, "NO_SUCH_KEY", "Access Denied");
});

test("methods other than GET and HEAD get 405", async () => {
  const url = rsa.signUrl(`${origin}/hello.txt`, { expires: inAnHour() });
  for (const method of ["POST", "PUT", "DELETE", "OPTIONS"]) {
    const response = await fetchRaw(origin, target(url), { method });
    assert.equal(response.status, 405, method);
    assert.equal(response.headers.allow, "GET, HEAD");
  }
});

test("options: public origin, SHA-256 only, CORS", async () => {
  const sha256 = ec.signUrl(`${DISTRIBUTION}/hello.txt`, { expires: inAnHour() });
  const ok = await fetchRaw(strict, target(sha256), { headers: { origin: "http://127.0.0.1:5173" } });
  assert.equal(ok.status, 200, ok.body);
  assert.equal(ok.headers["access-control-allow-origin"], "http://127.0.0.1:5173");
  assert.equal(ok.headers["access-control-allow-credentials"], "true");
  const sha1 = rsa.signUrl(`${DISTRIBUTION}/hello.txt`, { expires: inAnHour() });
  const refused = await fetchRaw(strict, target(sha1), { headers: { origin: "http://127.0.0.1:5173" } });
  assertDenied(refused, "HASH_ALGORITHM_NOT_ALLOWED");
  assert.equal(refused.headers["access-control-expose-headers"], "x-cloudfront-signer-reason, x-cloudfront-signer-message");
  const local = ec.signUrl(`${strict}/hello.txt`, { expires: inAnHour() });
  assertDenied(await fetchRaw(strict, target(local)), "SIGNATURE_MISMATCH");
  const preflight = await fetchRaw(strict, "/hello.txt", { method: "OPTIONS", headers: { origin: "http://127.0.0.1:5173", "access-control-request-method": "GET" } });
  assert.equal(preflight.status, 204);
  assert.equal(preflight.headers["access-control-allow-methods"], "GET, HEAD");
});

test("bad input gets an answer and never stops the server", async () => {
  const { connect } = await import("node:net");
  const { port } = new URL(origin);
  for (const request of ["GET http://127.0.0.1/hello.txt HTTP/1.1\r\nHost: x\r\n\r\n", "GET * HTTP/1.1\r\nHost: x\r\n\r\n", "BREW /\r\n\r\n"]) {
    const socket = connect(Number(port), "127.0.0.1");
    socket.end(request);
    const chunks = [];
    for await (const chunk of socket) chunks.push(chunk);
    assert.match(Buffer.concat(chunks).toString(), /^HTTP\/1\.1 4\d\d /, request);
  }
  const huge = await fetchRaw(origin, `/hello.txt?Policy=${"A".repeat(6000)}&Signature=A&Key-Pair-Id=${ID}`, { headers: { cookie: "CloudFront-Policy=%%%; =; ;;" } });
  assert.equal(huge.status, 403);
  assert.equal((await fetchRaw(origin, target(rsa.signUrl(`${origin}/hello.txt`, { expires: inAnHour() })))).status, 200);
});

test("the command line: a key folder with key_pair_id.txt, the listening line, bad flags", { timeout: 15000 }, async () => {
  const keys = join(outside, "keys");
  mkdirSync(keys);
  copyFileSync(keyPath("rsa-public.pem"), join(keys, "public_key.pem"));
  writeFileSync(join(keys, "key_pair_id.txt"), "KFROMFILE00001\n");
  const script = join(root, "examples", "edge-server", "server.mjs");
  const child = spawn(process.execPath, [script, "--port", "0", "--keys", keys], { stdio: ["ignore", "pipe", "inherit"] });
  try {
    const [line] = await once(createInterface({ input: child.stdout }), "line");
    const match = line.match(/^edge server listening on (http:\/\/127\.0\.0\.1:\d+)$/);
    assert.ok(match, line);
    const signer = new CloudFrontSigner({ keyPairId: "KFROMFILE00001", privateKey: keyText("rsa-pkcs8.pem") });
    const response = await fetchRaw(match[1], target(signer.signUrl(`${match[1]}/videos/intro.vtt`, { expires: inAnHour() })));
    assert.equal(response.status, 200, response.body);
  } finally {
    child.kill();
  }
  const bad = spawn(process.execPath, [script, "--port", "99999", "--keys", keys], { stdio: "ignore" });
  const [code] = await once(bad, "exit");
  assert.equal(code, 2);
});
