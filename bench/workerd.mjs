// `make bench`, second part: start-up in Cloudflare's runtime, workerd (run
// by Miniflare). Each round starts a fresh workerd for each Worker below,
// interleaved, and reads the CPU time workerd's threads used (from /proc)
// for its start-up (loading the bundle, compiling the .wasm, running the
// module's top level, which builds the signer), its first request (the
// first signature) and a second one; medians over rounds. Every response
// is checked first. `--smoke` runs one round (the test suite's check).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strict as assert } from "node:assert";
import { Miniflare } from "miniflare";
import { CloudFrontSigner } from "cloudfront-signer";
import { workerdCpuMs } from "../tests/edge/helpers.mjs";

const ROUNDS = process.argv.includes("--smoke") ? 1 : 9;
const root = new URL("..", import.meta.url).pathname;
const bindings = {
  KEY_PAIR_ID: "K2JCJMDEHXQW5F",
  PRIVATE_KEY: readFileSync(join(root, "tests", "keys", "rsa-pkcs8.pem"), "utf8"),
  URL: "https://d111111abcdef8.cloudfront.net/private/report.pdf",
  EXPIRES: "2000000000",
};
const expected = new CloudFrontSigner({ keyPairId: bindings.KEY_PAIR_ID, privateKey: bindings.PRIVATE_KEY, engine: "wasm" })
  .signUrl(bindings.URL, { expires: Number(bindings.EXPIRES) });
const PEER = "@aws-sdk/cloudfront-signer, nodejs_compat";
const workers = {
  "cloudfront-signer, no flags (engine wasm)": { script: "signer.mjs", flags: [], engine: "wasm" },
  "cloudfront-signer, nodejs_compat (engine node)": { script: "signer.mjs", flags: ["nodejs_compat"], engine: "node" },
  [PEER]: { script: "peer.mjs", flags: ["nodejs_compat"], engine: "node:crypto" },
};

const dir = mkdtempSync(join(tmpdir(), "bench-workerd-"));
try {
  // Bundled as for deployment: `wrangler deploy --dry-run`.
  Object.values(workers).forEach((worker, index) => {
    worker.outdir = join(dir, String(index));
    const flags = worker.flags.flatMap((flag) => ["--compatibility-flags", flag]);
    execFileSync(join(root, "node_modules", ".bin", "wrangler"), ["deploy", "--dry-run", "--outdir", worker.outdir, "--name", `bench-${index}`,
      "--compatibility-date", "2026-04-01", join(root, "bench", "workers", worker.script), ...flags], {
      cwd: dir, env: { ...process.env, WRANGLER_SEND_METRICS: "false", NO_COLOR: "1" }, stdio: "ignore", timeout: 60000,
    });
  });
  const samples = Object.fromEntries(Object.keys(workers).map((label) => [label, { startup: [], first: [], second: [] }]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const [label, worker] of Object.entries(workers)) {
      const before = workerdCpuMs();
      const mf = new Miniflare({
        modules: true,
        modulesRoot: worker.outdir,
        scriptPath: join(worker.outdir, worker.script.replace(".mjs", ".js")),
        modulesRules: [{ type: "CompiledWasm", include: ["**/*.wasm"] }],
        compatibilityDate: "2026-04-01",
        compatibilityFlags: worker.flags,
        bindings,
      });
      try {
        await mf.ready;
        const started = workerdCpuMs();
        const first = await (await mf.dispatchFetch("http://127.0.0.1/")).json();
        const afterFirst = workerdCpuMs();
        const second = await (await mf.dispatchFetch("http://127.0.0.1/")).json();
        const afterSecond = workerdCpuMs();
        for (const { url, engine } of [first, second]) {
          assert.equal(engine, worker.engine, label);
          if (label === PEER) assert.equal(url.split("Signature=")[1].split("&")[0], expected.split("Signature=")[1].split("&")[0]);
          else assert.equal(url, expected, label);
        }
        samples[label].startup.push(started - before);
        samples[label].first.push(afterFirst - started);
        samples[label].second.push(afterSecond - afterFirst);
      } finally {
        await mf.dispose();
      }
    }
  }
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  for (const [metric, title] of [["startup", "start-up (bundle loaded, .wasm compiled, signer built)"], ["first", "first request (first signature)"], ["second", "second request"]]) {
    const peer = median(samples[PEER][metric]);
    console.log(`\nworkerd CPU, ${title}`);
    for (const [label, values] of Object.entries(samples)) {
      const ms = median(values[metric]);
      console.log(`  ${label.padEnd(48)} ${ms.toFixed(1).padStart(8)} ms ${(ms / peer).toFixed(2)}x peer`);
    }
  }
  console.log(`\nworkerd ${ROUNDS === 1 ? "smoke run" : "run"}: ${ROUNDS} interleaved round(s) of fresh workerd processes, medians; CPU of all its threads; URLs checked.`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
