// Memory under load, in one process: many signatures (ECDSA and RSA), many
// verifications, and many signers that are never freed. The module's linear
// memory (its WebAssembly.Memory) must not grow once warm, and the process
// RSS must stay flat; signers dropped without free() must be reclaimed
// through wasm-bindgen's FinalizationRegistry.
//
//   node --expose-gc tests/hardening/memory.mjs            # the full run
//   node --expose-gc tests/hardening/memory.mjs --short    # the test-suite run
//
// Prints the figures and exits non-zero when memory grew.
import { loadPackage, keyText } from "./instance.mjs";

if (typeof globalThis.gc !== "function") {
  console.error("run with node --expose-gc");
  process.exit(2);
}

const SHORT = process.argv.includes("--short");
const COUNTS = SHORT
  ? { ec: 20_000, rsa: 2_000, verify: 20_000, signerBatches: 5 }
  : { ec: 100_000, rsa: 5_000, verify: 1_000_000, signerBatches: 50 };
/** Signers made between two turns of the event loop (finalizers run only then). */
const BATCH = 1_000;
/** RSS may wander by this much (V8's heap and code caches settle). */
const RSS_SLACK = 48 << 20;

const { pkg, memory } = await loadPackage();
const { CloudFrontSigner, CloudFrontVerifier } = pkg;
const ID = "K2JCJMDEHXQW5F";
const URL = "https://d111111abcdef8.cloudfront.net/private/report.pdf?v=2";
const EXPIRES = 2000000000;
const NOW = 1900000000;

const ec = new CloudFrontSigner({ keyPairId: ID, privateKey: keyText("ec-pkcs8.pem") });
const rsa = new CloudFrontSigner({ keyPairId: ID, privateKey: keyText("rsa-pkcs8.pem") });
const verifier = new CloudFrontVerifier({ keys: { [ID]: keyText("ec-public.pem") } });
const signed = ec.signUrl(URL, { expires: EXPIRES, ipAddress: "10.0.0.0/8" });

const settle = async () => {
  for (let i = 0; i < 4; i++) {
    globalThis.gc();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};
const mib = (bytes) => `${(bytes / 1048576).toFixed(1)} MiB`;
const snapshot = async () => {
  await settle();
  return { linear: memory.buffer.byteLength, rss: process.memoryUsage().rss };
};

/** Runs `count` calls of `fn`, returns the calls per second. */
function run(count, fn) {
  const started = process.hrtime.bigint();
  for (let i = 0; i < count; i++) fn(i);
  return count / (Number(process.hrtime.bigint() - started) / 1e9);
}

// Warm up every path once, so that the first growth of the heap is not
// counted as a leak.
run(2_000, (i) => ec.signUrl(`${URL}&i=${i}`, { expires: EXPIRES }));
run(50, (i) => rsa.signUrl(`${URL}&i=${i}`, { expires: EXPIRES }));
run(20_000, () => verifier.verifyUrl(signed, { now: NOW, clientIp: "10.1.2.3" }));
const pem = keyText("ec-pkcs8.pem");
run(BATCH, () => new CloudFrontSigner({ keyPairId: ID, privateKey: pem }));
const start = await snapshot();

const rows = [];
const phase = async (name, count, fn, batch = count) => {
  let seconds = 0;
  for (let done = 0; done < count; done += batch) {
    seconds += Math.min(batch, count - done) / run(Math.min(batch, count - done), (i) => fn(done + i));
    if (batch < count) await settle();
  }
  const rate = count / seconds;
  const after = await snapshot();
  rows.push({ phase: name, calls: count, "calls/s": Math.round(rate), "linear memory": mib(after.linear), rss: mib(after.rss) });
};
await phase("ECDSA signUrl", COUNTS.ec, (i) => ec.signUrl(`${URL}&i=${i}`, { expires: EXPIRES }));
await phase("RSA signUrl", COUNTS.rsa, (i) => rsa.signUrl(`${URL}&i=${i}`, { expires: EXPIRES }));
await phase("ECDSA verifyUrl", COUNTS.verify, () => {
  if (!verifier.verifyUrl(signed, { now: NOW, clientIp: "10.1.2.3" }).valid) throw new Error("verification failed");
});
let reclaimed = 0;
const watch = new FinalizationRegistry(() => {
  reclaimed += 1;
});
const signers = COUNTS.signerBatches * BATCH;
await phase(
  "signers never freed",
  signers,
  (i) => {
    const signer = new CloudFrontSigner({ keyPairId: ID, privateKey: pem });
    if (i % 100 === 0) watch.register(signer, i);
  },
  BATCH,
);
const end = await snapshot();

console.log(`linear memory ${mib(start.linear)} -> ${mib(end.linear)}, RSS ${mib(start.rss)} -> ${mib(end.rss)}`);
console.table(rows);
console.log(`${reclaimed} of ${signers / 100} watched unfreed signers finalized`);

const problems = [];
if (end.linear > start.linear) problems.push(`linear memory grew by ${end.linear - start.linear} bytes`);
if (end.rss > start.rss + RSS_SLACK) problems.push(`RSS grew by ${mib(end.rss - start.rss)}`);
if (reclaimed === 0) problems.push("no unfreed signer was finalized");
if (problems.length > 0) {
  console.error(`memory: ${problems.join("; ")}`);
  process.exit(1);
}
console.log("memory: flat");
