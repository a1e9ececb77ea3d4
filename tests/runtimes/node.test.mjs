// Node 20: the package by ES module import and by CommonJS require, in
// worker threads, typed for TypeScript, and the exports map every runtime
// follows.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import ts from "typescript";
import * as esm from "cloudfront-signer";
import { assertVectorOutputs, bin, fixtures, reportLatency, root, run, runVectorFixture, vectors } from "./harness.mjs";

const require = createRequire(import.meta.url);
const pkgDir = join(root, "pkg");

test("Node, ES modules: import signs every vector with no init", async (t) => {
  const { firstSignMs, outputs } = await runVectorFixture(process.execPath, [join(fixtures, "node.mjs")]);
  assertVectorOutputs(outputs, "Node ESM");
  reportLatency(t, "Node ESM", process.version, firstSignMs);
});

test("Node, CommonJS: require signs every vector with no init", async (t) => {
  const { firstSignMs, outputs } = await runVectorFixture(process.execPath, [join(fixtures, "node.cjs")]);
  assertVectorOutputs(outputs, "Node CommonJS");
  reportLatency(t, "Node CommonJS", process.version, firstSignMs);
});

test("import and require share one module instance", () => {
  assert.equal(require("cloudfront-signer").CloudFrontSigner, esm.CloudFrontSigner);
});

test("worker_threads: each worker loads its own instance and signs the same bytes", async (t) => {
  const results = await Promise.all(
    [1, 2, 3].map(
      () =>
        new Promise((resolve, reject) => {
          const worker = new Worker(join(fixtures, "worker.mjs"), { workerData: vectors });
          worker.once("message", resolve);
          worker.once("error", reject);
          worker.once("exit", (code) => reject(new Error(`worker exited with ${code} before answering`)));
        }),
    ),
  );
  results.forEach(({ outputs }, index) => assertVectorOutputs(outputs, `worker ${index + 1}`));
  reportLatency(t, "Node worker_threads", `${process.version}, slowest of 3 at once`, Math.max(...results.map((r) => r.firstSignMs)));
});

/** The value names index.d.ts declares (classes and functions). */
function declaredValues() {
  const file = join(pkgDir, "index.d.ts");
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest);
  return source.statements
    .filter((s) => (ts.isClassDeclaration(s) || ts.isFunctionDeclaration(s)) && s.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword))
    .map((s) => s.name.text)
    .sort();
}

test("the Node, CommonJS and browser entries export exactly what index.d.ts declares", async () => {
  const declared = declaredValues();
  assert.deepEqual(Object.keys(esm).sort(), declared);
  assert.deepEqual(Object.keys(require("cloudfront-signer")).sort(), declared);
  const web = await import(pathToFileURL(join(pkgDir, "web", "index.js")));
  assert.deepEqual(Object.keys(web).sort(), declared);
});

test("in Node, init() and initSync() have nothing left to do", async () => {
  assert.equal(await esm.init(), undefined);
  assert.equal(esm.initSync(), undefined);
  assert.equal(esm.encodePath("/a b"), "/a%20b");
});

test("TypeScript: consumer.ts uses every export and type-checks strictly, for Node and for browsers", async () => {
  const consumer = readFileSync(join(root, "tests", "runtimes", "consumer.ts"), "utf8");
  for (const name of declaredValues()) assert.match(consumer, new RegExp(`\\b${name}\\(`), `consumer.ts does not call ${name}`);
  for (const config of ["tsconfig.node.json", "tsconfig.browser.json"]) {
    await run(bin("tsc"), ["--strict", "--noEmit", "-p", join(root, "tests", "runtimes", config)]);
  }
});

test("the exports map sends each runtime to an entry that exists; nothing runs at install", () => {
  const manifest = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));
  // Only the Workers entry has a side effect (it instantiates the wasm
  // module it imports); bundlers may drop everything else unused.
  assert.deepEqual(manifest.sideEffects, ["./workerd.js"]);
  assert.equal(manifest.scripts, undefined);
  assert.equal(manifest.dependencies, undefined);
  const conditions = manifest.exports["."];
  const order = Object.keys(conditions);
  assert.equal(order[0], "types");
  assert.equal(order.at(-1), "default");
  for (const runtime of ["deno", "bun", "node", "workerd"]) assert.ok(order.indexOf(runtime) < order.indexOf("browser"), `${runtime} before browser`);
  assert.equal(conditions.deno, "./deno/index.js");
  assert.deepEqual(conditions.bun, conditions.node);
  assert.equal(conditions.browser, conditions.default);
  const targets = [manifest.main, manifest.module, manifest.types, ...JSON.stringify(conditions).match(/\.\/[^"]+/g)];
  for (const target of targets) assert.ok(existsSync(join(pkgDir, target)), `${target} is missing`);
});

test("the browser entry imports nothing from node: and requires nothing", () => {
  for (const file of ["index.js", "cloudfront_signer.js"]) {
    const text = readFileSync(join(pkgDir, "web", file), "utf8");
    assert.doesNotMatch(text, /["']node:|\brequire\s*\(/, `web/${file}`);
  }
});
