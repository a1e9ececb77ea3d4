// The built npm package carries no supply chain of its own: no runtime
// dependencies of any kind and no lifecycle scripts that would run on
// install.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { root } from "./instance.mjs";

const manifest = JSON.parse(readFileSync(join(root, "pkg", "package.json"), "utf8"));

test("the package has zero runtime dependencies", () => {
  for (const field of ["dependencies", "optionalDependencies", "peerDependencies", "bundleDependencies", "bundledDependencies"]) {
    assert.ok(
      manifest[field] === undefined || Object.keys(manifest[field]).length === 0,
      `${field}: ${JSON.stringify(manifest[field])}`,
    );
  }
});

test("the package runs no install scripts", () => {
  const scripts = manifest.scripts ?? {};
  for (const hook of ["preinstall", "install", "postinstall", "prepare", "preprepare", "postprepare", "prepublish"]) {
    assert.equal(scripts[hook], undefined, `scripts.${hook}`);
  }
  assert.equal(manifest.gypfile, undefined);
});
