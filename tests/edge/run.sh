#!/usr/bin/env bash
# Runs the edge tests: the Node edge server (examples/edge-server) and the
# Worker gate (examples/worker) in real workerd, against the built package.
# The npm packages come from scripts/setup.sh; the package is built first
# only when it is missing (scripts/build-pkg.sh).
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ ! -f node_modules/cloudfront-signer/workerd.js ]; then
  bash scripts/build-pkg.sh
fi
export WRANGLER_SEND_METRICS=false
node --test tests/edge/
