#!/usr/bin/env bash
# Installs what building and testing need, skipping what is already there:
# Chromium, the wasm32 target, wasm-bindgen-cli at the crate's exact
# version, and the npm development packages.
set -euo pipefail
cd "$(dirname "$0")/.."

# Headless Chromium for the browser tests (tools that download their own
# browser cannot here): Debian's package.
if ! command -v chromium >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi

want=$(sed -n 's/^wasm-bindgen = "=\(.*\)"$/\1/p' Cargo.toml)
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$want" ]; then
  # No --locked: its lockfile pins crate versions the registry here lacks.
  cargo install --quiet wasm-bindgen-cli --version "$want"
fi

if [ ! -x node_modules/.bin/wasm-opt ] || [ package.json -nt node_modules/.package-lock.json ]; then
  npm install --no-audit --no-fund --loglevel=error
fi
