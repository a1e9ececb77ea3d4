// The package as users get it: the tarball `npm pack` makes of pkg/,
// installed into a scratch project, then loaded by Node (ES modules and
// CommonJS), Deno and Bun; and the documented examples run there.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import {
  assertDocumented, assertVectorOutputs, bin, copyInto, exampleText, exampleUrl, examples, fixtures,
  packedProject, reportLatency, root, run, runVectorFixture, versionOf,
} from "./harness.mjs";

let project;
// Deno and Bun never phone home from the tests: no update check, no
// telemetry, and Deno's cache is the scratch project's own.
let env;

before(() => {
  project = packedProject();
  copyInto(fixtures, ["sign-vectors.mjs", "node.mjs", "node.cjs", "deno.mjs"], project.dir);
  copyInto(examples, ["main.mjs", "main.cjs", "main.ts"], project.dir);
  copyFileSync(join(root, "tests", "keys", "rsa-pkcs8.pem"), join(project.dir, "private_key.pem"));
  env = { ...process.env, DENO_DIR: join(project.dir, ".deno"), DENO_NO_UPDATE_CHECK: "1", DO_NOT_TRACK: "1" };
});

after(() => project.remove());

test("the tarball ships one .wasm and runs nothing at install", () => {
  const files = execFileSync("tar", ["-tzf", project.tarball], { encoding: "utf8" }).split("\n");
  assert.deepEqual(files.filter((file) => file.endsWith(".wasm")), ["package/web/cloudfront_signer_bg.wasm"]);
  const manifest = JSON.parse(readFileSync(join(project.dir, "node_modules", "cloudfront-signer", "package.json"), "utf8"));
  assert.equal(manifest.scripts, undefined);
  assert.equal(manifest.dependencies, undefined);
});

test("Node, installed from the tarball: import and require sign every vector", async (t) => {
  for (const [runtime, fixture] of [["Node ESM (installed tarball)", "node.mjs"], ["Node CommonJS (installed tarball)", "node.cjs"]]) {
    const { firstSignMs, outputs } = await runVectorFixture(process.execPath, [fixture], { cwd: project.dir });
    assertVectorOutputs(outputs, runtime);
    reportLatency(t, runtime, process.version, firstSignMs);
  }
});

test("Deno: an npm: specifier resolved from node_modules signs every vector, synchronously and with no permission", async (t) => {
  const { firstSignMs, outputs } = await runVectorFixture(bin("deno"), ["run", "deno.mjs"], { cwd: project.dir, env });
  assertVectorOutputs(outputs, "Deno");
  reportLatency(t, "Deno", await versionOf("deno"), firstSignMs);
});

test("Deno: the deno entry exports the same names as the others, and the example type-checks", async () => {
  const names = await run(bin("deno"), ["eval", 'console.log(Object.keys(await import("npm:cloudfront-signer")).sort().join())'], { cwd: project.dir, env });
  const node = await run(process.execPath, ["-e", 'console.log(Object.keys(require("cloudfront-signer")).sort().join())'], { cwd: project.dir });
  assert.equal(names, node);
  await run(bin("deno"), ["check", "main.ts"], { cwd: project.dir, env });
});

test("Bun: import and require sign every vector with no init", async (t) => {
  const version = await versionOf("bun");
  for (const [runtime, fixture] of [["Bun ESM", "node.mjs"], ["Bun CommonJS", "node.cjs"]]) {
    const { firstSignMs, outputs } = await runVectorFixture(bin("bun"), [fixture], { cwd: project.dir, env });
    assertVectorOutputs(outputs, runtime);
    reportLatency(t, runtime, version, firstSignMs);
  }
});

test("the documented Node, Bun and Deno examples print botocore's URL", async () => {
  const commands = [
    [process.execPath, ["main.mjs"], "node main.mjs"],
    [process.execPath, ["main.cjs"], "node main.cjs"],
    [bin("bun"), ["main.mjs"], "bun main.mjs"],
    [bin("bun"), ["main.cjs"], "bun main.cjs"],
    [bin("deno"), ["run", "--allow-read=private_key.pem", "main.ts"], "deno run --allow-read=private_key.pem main.ts"],
  ];
  for (const [command, args, documented] of commands) {
    assert.equal((await run(command, args, { cwd: project.dir, env })).trim(), exampleUrl, documented);
    assertDocumented(documented);
  }
  assertDocumented(exampleText("main.mjs"), exampleText("main.cjs"), exampleText("main.ts"));
});
