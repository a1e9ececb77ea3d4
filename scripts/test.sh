#!/usr/bin/env bash
# Runs every test: formatting and lints, the native Rust tests, the built npm
# package against its peers in Node, and the AWS template checks.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
bash scripts/setup-python.sh

echo "== cargo fmt, clippy (native and wasm32)"
cargo fmt --all -- --check
cargo clippy --quiet --workspace --all-targets -- -D warnings
cargo clippy --quiet --workspace --lib --target wasm32-unknown-unknown -- -D warnings

echo "== cargo doc (broken or redundant links fail)"
RUSTDOCFLAGS="-D warnings" cargo doc --quiet --workspace --no-deps

echo "== Rust tests (the library and its crypto crate)"
cargo test --quiet --workspace

echo "== npm package"
bash scripts/build-pkg.sh

echo "== JS tests against the built package"
node --test tests/js/

echo "== command line"
bash tests/cli/run.sh

echo "== local edge server and Cloudflare Worker (workerd)"
bash tests/edge/run.sh

echo "== demo page in Chromium, through the local edge"
bash tests/demo/run.sh

echo "== runtimes: Node, Deno, Bun, Chromium, Vite, esbuild"
bash tests/runtimes/run.sh

echo "== hardening: supply chain, hostile input, key hygiene, memory, fuzz smoke"
bash tests/hardening/run.sh

echo "== benchmark smoke run"
node bench/bench.mjs --smoke > /dev/null
node bench/workerd.mjs --smoke > /dev/null
cargo bench --quiet --bench core -- --test > /dev/null

echo "== AWS template"
bash tests/aws/run.sh
