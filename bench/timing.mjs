// A dudect-style check for secret-dependent timing in the wasm engine's
// RSA-2048 signing: two classes of inputs (a fixed message against random
// messages; then one key against another) are signed in random
// interleaved order, each call timed, and Welch's t statistic compares the
// two classes' timings (after cropping slow outliers, as dudect does).
// |t| < 4.5 means no leak was detected. It reports; it asserts nothing.
//
// `node bench/timing.mjs` (or `--smoke` for a short run); `make bench` runs
// it after the benchmark.
import { generateKeyPairSync, randomBytes, randomInt } from "node:crypto";
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { CloudFrontSigner } from "cloudfront-signer";

const THRESHOLD = 4.5;
const EXPIRES = 2000000000;
const BASE = "https://d111111abcdef8.cloudfront.net/private/";

/** Mean, variance and count of a list of numbers. */
function moments(values) {
  const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
  const variance = values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (values.length - 1);
  return { mean, variance, count: values.length };
}

/** Welch's t statistic of two samples. */
export function welchT(a, b) {
  const x = moments(a);
  const y = moments(b);
  return (x.mean - y.mean) / Math.sqrt(x.variance / x.count + y.variance / y.count);
}

/**
 * Times `sign(input(classIndex))` for `samples` calls, the class (0 or 1)
 * drawn at random each time and its input made before the clock starts;
 * returns the largest |t| over several outlier crops.
 */
function measure(input, sign, samples) {
  for (let i = 0; i < Math.min(50, samples); i++) sign(input(i % 2));
  const times = [[], []];
  for (let i = 0; i < samples; i++) {
    const which = randomInt(2);
    const value = input(which);
    const start = process.hrtime.bigint();
    sign(value);
    times[which].push(Number(process.hrtime.bigint() - start));
  }
  const pooled = [...times[0], ...times[1]].sort((a, b) => a - b);
  const crops = [1, 0.9, 0.75, 0.5].map((fraction) => pooled[Math.min(pooled.length - 1, Math.floor(fraction * pooled.length))]);
  let worst = { t: 0, crop: 1 };
  for (const [i, limit] of crops.entries()) {
    const kept = times.map((list) => list.filter((v) => v <= limit));
    if (kept.some((list) => list.length < 10)) continue;
    const t = welchT(kept[0], kept[1]);
    if (Math.abs(t) >= Math.abs(worst.t)) worst = { t, crop: [1, 0.9, 0.75, 0.5][i] };
  }
  const medians = times.map((list) => list.slice().sort((a, b) => a - b)[Math.floor(list.length / 2)] / 1000);
  return { ...worst, medians, counts: times.map((list) => list.length) };
}

function report(name, result) {
  const verdict = Math.abs(result.t) < THRESHOLD ? "no leak detected" : "POSSIBLE LEAK (|t| >= 4.5)";
  console.log(`  ${name.padEnd(44)} t = ${result.t.toFixed(2).padStart(6)} (crop ${result.crop}), medians ${result.medians.map((m) => m.toFixed(0)).join(" / ")} µs, n = ${result.counts.join(" + ")}: ${verdict}`);
}

/** Runs both checks; `smoke` takes a few hundred samples instead of thousands. */
export function timingCheck({ smoke = false } = {}) {
  const samples = smoke ? 200 : 4000;
  const pem = readFileSync(new URL("../tests/keys/rsa-pkcs8.pem", import.meta.url), "utf8");
  const other = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" });
  const signer = new CloudFrontSigner({ keyPairId: "K", privateKey: pem, engine: "wasm" });
  const otherSigner = new CloudFrontSigner({ keyPairId: "K", privateKey: other, engine: "wasm" });
  const fixed = BASE + "a".repeat(32);
  const random = () => BASE + randomBytes(16).toString("hex");
  console.log(`\nTiming leak check (dudect-style, Welch's t over ${samples} interleaved RSA-2048 wasm signatures)`);
  report("fixed message vs random messages", measure((which) => (which === 0 ? fixed : random()), (url) => signer.signUrl(url, { expires: EXPIRES }), samples));
  report("test key vs a fresh key (random messages)", measure((which) => [which === 0 ? signer : otherSigner, random()], ([chosen, url]) => chosen.signUrl(url, { expires: EXPIRES }), samples));
  signer.free();
  otherSigner.free();
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) timingCheck({ smoke: process.argv.includes("--smoke") });
