// The short run of memory.mjs, in its own process (it needs --expose-gc
// and a fresh module instance): linear memory and RSS stay flat.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { root } from "./instance.mjs";

test("memory stays flat under many signatures, verifications and unfreed signers", (t) => {
  const script = join(root, "tests", "hardening", "memory.mjs");
  const run = spawnSync(process.execPath, ["--expose-gc", script, "--short"], { encoding: "utf8" });
  for (const line of `${run.stdout}${run.stderr}`.trim().split("\n")) t.diagnostic(line);
  assert.equal(run.status, 0, run.stderr);
});
