// The Worker gate (examples/worker) bundled by wrangler and run in real
// workerd: `wrangler dev` over the static assets folder, and the
// `wrangler deploy --dry-run` bundle in Miniflare with an R2 bucket.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFile, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { promisify } from "node:util";
import { Miniflare } from "miniflare";
import { CloudFrontSigner, CloudFrontVerifier } from "cloudfront-signer";
import { keyText, root } from "../js/helpers.mjs";
import { cookieHeader, fetchRaw, tamperSignature, target, workerdCpuMs } from "./helpers.mjs";

const ID = "KWORKERTEST001";
const wrangler = join(root, "node_modules", ".bin", "wrangler");
const config = join(root, "examples", "worker", "wrangler.toml");
const hello = readFileSync(join(root, "examples", "edge-server", "private", "hello.txt"), "utf8");
const wranglerEnv = { ...process.env, WRANGLER_SEND_METRICS: "false", NO_COLOR: "1" };
const signer = new CloudFrontSigner({ keyPairId: ID, privateKey: keyText("rsa-pkcs8.pem") });
const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;
const vars = { KEY_PAIR_ID: ID, PUBLIC_KEY: keyText("rsa-public.pem"), DEMO_PRIVATE_KEY: keyText("rsa-pkcs8.pem") };
let dir;

before(() => {
  dir = mkdtempSync(join(tmpdir(), "worker-test-"));
});

after(() => rmSync(dir, { recursive: true, force: true }));

/** Bundles a Worker with `wrangler deploy --dry-run`; returns the output folder and the time taken. */
async function bundle(name, args) {
  const outdir = join(dir, name);
  const started = performance.now();
  await promisify(execFile)(wrangler, ["deploy", "--dry-run", "--outdir", outdir, ...args], { cwd: dir, env: wranglerEnv, timeout: 60000 });
  return { outdir, ms: performance.now() - started };
}

/** A Miniflare (workerd) instance for a bundle, on 127.0.0.1 at a free port. */
function miniflare(outdir, main, options) {
  return new Miniflare({
    modules: true,
    modulesRoot: outdir,
    scriptPath: join(outdir, main),
    modulesRules: [{ type: "CompiledWasm", include: ["**/*.wasm"] }],
    compatibilityDate: "2026-04-01",
    host: "127.0.0.1",
    port: 0,
    ...options,
  });
}

/** A GET with its wall time and the CPU time workerd spent meanwhile. */
async function measured(origin, path) {
  const cpu = workerdCpuMs();
  const started = performance.now();
  const response = await fetchRaw(origin, path);
  const wall = performance.now() - started;
  return { ...response, cost: `${wall.toFixed(1)} ms wall, ${(workerdCpuMs() - cpu).toFixed(1)} ms workerd CPU` };
}

test("wrangler dev: the gate over the static assets folder", { timeout: 45000 }, async (t) => {
  const envFile = join(dir, "worker.env");
  writeFileSync(envFile, Object.entries(vars).map(([k, v]) => `${k}=${JSON.stringify(v)}\n`).join(""));
  const started = performance.now();
  // `timeout` bounds the server even if this test process dies; the group kill ends workerd with it.
  const dev = spawn("timeout", ["-k", "5", "60", wrangler, "dev", "-c", config, "--env-file", envFile, "--ip", "127.0.0.1",
    "--port", "0", "--inspector-port", "0", "--persist-to", join(dir, "state"), "--show-interactive-dev-session=false"],
  { cwd: dir, env: wranglerEnv, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  const output = [];
  try {
    const origin = await new Promise((resolve, reject) => {
      for (const stream of [dev.stdout, dev.stderr]) {
        createInterface({ input: stream }).on("line", (line) => {
          output.push(line);
          const ready = line.match(/Ready on (http:\/\/127\.0\.0\.1:\d+)/);
          if (ready) resolve(ready[1]);
        });
      }
      dev.on("exit", (code) => reject(new Error(`wrangler dev exited with ${code}:\n${output.join("\n")}`)));
    });
    t.diagnostic(`wrangler dev (bundle + workerd) ready in ${Math.round(performance.now() - started)} ms`);

    const signed = (await fetchRaw(origin, "/sign?path=/hello.txt")).body.trim();
    assert.ok(signed.startsWith(`${origin}/hello.txt?Expires=`), signed);
    const valid = await fetchRaw(origin, target(signed));
    assert.equal(valid.status, 200, valid.body);
    assert.equal(valid.body, hello);

    const tampered = await fetchRaw(origin, target(tamperSignature(signed)));
    assert.equal(tampered.status, 403);
    assert.equal(tampered.headers["x-cloudfront-signer-reason"], "SIGNATURE_MISMATCH");
    assert.match(tampered.body, /^<\?xml version="1\.0" encoding="UTF-8"\?><Error><Code>AccessDenied<\/Code><Message>Access denied<\/Message><\/Error><!-- SIGNATURE_MISMATCH: /);

    const unsigned = await fetchRaw(origin, "/hello.txt");
    assert.equal(unsigned.headers["x-cloudfront-signer-reason"], "MISSING_PARAMETERS", "the assets are not served before the gate");

    const cookie = cookieHeader(signer.signCookies(`${origin}/videos/*`, { expires: inAnHour() }));
    const video = await fetchRaw(origin, "/videos/intro.vtt", { headers: { cookie } });
    assert.equal(video.status, 200, video.body);
    assert.match(video.body, /^WEBVTT/);
    const missing = await fetchRaw(origin, "/videos/none.mp4", { headers: { cookie } });
    assert.equal(missing.headers["x-cloudfront-signer-reason"], "NO_SUCH_KEY");
    const head = await fetchRaw(origin, "/videos/intro.vtt", { method: "HEAD", headers: { cookie } });
    assert.equal(head.status, 200);
    assert.equal(head.body, "");
    assert.equal((await fetchRaw(origin, "/videos/intro.vtt", { method: "POST", headers: { cookie } })).status, 405);

    // The client IP is CF-Connecting-IP; wrangler dev sets it to the peer's when absent.
    const office = target(signer.signUrl(`${origin}/hello.txt`, { expires: inAnHour(), ipAddress: "203.0.113.0/24" }));
    assert.equal((await fetchRaw(origin, office)).headers["x-cloudfront-signer-reason"], "IP_NOT_ALLOWED");
    assert.equal((await fetchRaw(origin, office, { headers: { "cf-connecting-ip": "203.0.113.7" } })).status, 200);
    assert.equal((await fetchRaw(origin, office, { headers: { "cf-connecting-ip": "not an ip" } })).status, 403);
  } finally {
    process.kill(-dev.pid, "SIGTERM");
  }
});

test("the deploy bundle in workerd with an R2 bucket: startup and first-request cost", { timeout: 45000 }, async (t) => {
  const { outdir, ms } = await bundle("gate", ["-c", config]);
  const started = performance.now();
  const mf = miniflare(outdir, "worker.js", { bindings: { ...vars, PUBLIC_ORIGIN: "https://d111111abcdef8.cloudfront.net" }, r2Buckets: ["FILES"] });
  try {
    const origin = (await mf.ready).origin;
    const startup = performance.now() - started;
    const bucket = await mf.getR2Bucket("FILES");
    await bucket.put("reports/q3.txt", "from the R2 bucket\n", { httpMetadata: { contentType: "text/plain; charset=utf-8" } });

    const signed = signer.signUrl("https://d111111abcdef8.cloudfront.net/reports/q3.txt", { expires: inAnHour() });
    const [first, second] = [await measured(origin, target(signed)), await measured(origin, target(signed))];
    assert.equal(first.status, 200, first.body);
    assert.equal(first.body, "from the R2 bucket\n");
    assert.equal(first.headers["content-type"], "text/plain; charset=utf-8");
    t.diagnostic(`wrangler bundle ${Math.round(ms)} ms; workerd startup ${Math.round(startup)} ms; ` +
      `first request ${first.cost}; second ${second.cost}`);

    const tampered = await fetchRaw(origin, target(signed).replace("q3", "q4"));
    assert.equal(tampered.status, 403);
    assert.equal(tampered.headers["x-cloudfront-signer-reason"], "SIGNATURE_MISMATCH");
    const local = await fetchRaw(origin, target(signer.signUrl(`${origin}/reports/q3.txt`, { expires: inAnHour() })));
    assert.equal(local.headers["x-cloudfront-signer-reason"], "SIGNATURE_MISMATCH", "URLs are checked as PUBLIC_ORIGIN's");
    const cookie = cookieHeader(signer.signCookies("https://d111111abcdef8.cloudfront.net/reports/*", { expires: inAnHour() }));
    assert.equal((await fetchRaw(origin, "/reports/q3.txt", { method: "HEAD", headers: { cookie } })).status, 200);
    const missing = await fetchRaw(origin, "/reports/q4.txt", { headers: { cookie } });
    assert.equal(missing.headers["x-cloudfront-signer-reason"], "NO_SUCH_KEY");
    const traversal = await fetchRaw(origin, "/reports/..%2f..%2fsecret", { headers: { cookie } });
    assert.equal(traversal.headers["x-cloudfront-signer-reason"], "NO_SUCH_KEY");
  } finally {
    await mf.dispose();
  }
});

test("at module top level the package draws no random values: constructing and ECDSA signing work, RSA signing is refused; in the handler signUrlAsync uses WebCrypto", { timeout: 45000 }, async () => {
  const { outdir } = await bundle("top-level", ["--name", "top-level", "--compatibility-date", "2026-04-01", join(root, "tests", "edge", "workers", "top-level.mjs")]);
  const mf = miniflare(outdir, "top-level.js", { bindings: { EC_PRIVATE_KEY: keyText("ec-pkcs8.pem"), RSA_PRIVATE_KEY: keyText("rsa-pkcs8.pem") } });
  try {
    const result = await (await mf.dispatchFetch("http://127.0.0.1/")).json();
    // RFC 6979 nonces: ECDSA needs no random values, so it signs even at top level.
    assert.ok(result.ecAtTopLevel.url, JSON.stringify(result.ecAtTopLevel));
    // RSA blinding draws random values, which workerd refuses at top level:
    // an error, not a trap, and the instance keeps working in the handler.
    assert.match(result.rsaAtTopLevel.error ?? "", /^ERR_RANDOM_UNAVAILABLE: .*sign inside the request handler/, JSON.stringify(result.rsaAtTopLevel));
    assert.ok(result.rsaInHandler.url, JSON.stringify(result.rsaInHandler));
    // signUrlAsync/signCookiesAsync through WebCrypto: the same RSA bytes,
    // and ECDSA that verifies with random nonces (so WebCrypto made them).
    assert.equal(result.rsaAsync.url, result.rsaInHandler.url);
    assert.deepEqual(result.cookies.async, result.cookies.sync);
    assert.notEqual(result.ecAsync[0].url, result.ecAsync[1].url);
    assert.deepEqual(result.valid, [true, true, true, true]);
  } finally {
    await mf.dispose();
  }
});

test("with nodejs_compat, engine auto signs with workerd's node:crypto, at top level and in the handler: the same RSA bytes, ECDSA that verifies", { timeout: 45000 }, async () => {
  const script = join(root, "tests", "edge", "workers", "nodejs-compat.mjs");
  const { outdir } = await bundle("nodejs-compat", ["--name", "nodejs-compat", "--compatibility-date", "2026-04-01", script, "--compatibility-flags", "nodejs_compat"]);
  const mf = miniflare(outdir, "nodejs-compat.js", {
    compatibilityFlags: ["nodejs_compat"],
    bindings: { EC_PRIVATE_KEY: keyText("ec-pkcs8.pem"), RSA_PRIVATE_KEY: keyText("rsa-pkcs8.pem") },
  });
  try {
    const result = await (await mf.dispatchFetch("http://127.0.0.1/")).json();
    assert.deepEqual(result.engines, ["node", "node", "node", "node"]);
    const expected = new CloudFrontSigner({ keyPairId: "KRSA", privateKey: keyText("rsa-pkcs8.pem"), engine: "wasm" })
      .signUrl("https://d111111abcdef8.cloudfront.net/videos/intro.vtt", { expires: 2000000000 });
    assert.deepEqual(result.rsa, [expected, expected, expected]);
    const verifier = new CloudFrontVerifier({ keys: { KEC: keyText("ec-public.pem") } });
    for (const url of result.ec) assert.equal(verifier.verifyUrl(url, { now: 1900000000 }).valid, true, url);
    // node:crypto's ECDSA nonces are random: three signatures, all different.
    assert.equal(new Set(result.ec).size, 3);
  } finally {
    await mf.dispose();
  }
});
