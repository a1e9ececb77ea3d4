#!/usr/bin/env bash
# Runs the runtime tests against the built package: Node (ES modules,
# CommonJS, worker threads, TypeScript), the packed tarball installed and run
# by Node, Deno and Bun, and headless Chromium with no bundler, with Vite and
# with esbuild. Then prints each runtime's first-sign latency.
# Assumes scripts/build-pkg.sh and scripts/setup-python.sh have run.
set -euo pipefail
cd "$(dirname "$0")/../.."

rm -rf test-artifacts/runtimes
# One file at a time, so that the latencies are not measured under contention.
node --test --test-concurrency=1 tests/runtimes/

node -e '
const { readdirSync, readFileSync } = require("fs");
const dir = "test-artifacts/runtimes";
const rows = readdirSync(dir).map((file) => JSON.parse(readFileSync(`${dir}/${file}`, "utf8")));
console.log("\nfirst signed URL, from the start of the import (including init where awaited):");
for (const { runtime, version, firstSignMs } of rows.sort((a, b) => a.firstSignMs - b.firstSignMs)) {
  console.log(`  ${runtime.padEnd(34)} ${firstSignMs.toFixed(1).padStart(7)} ms   ${version}`);
}
'
