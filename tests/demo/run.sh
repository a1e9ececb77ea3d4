#!/usr/bin/env bash
# The demo page end to end in headless Chromium, through the local edge.
# Assumes scripts/setup.sh and scripts/build-pkg.sh ran (as in scripts/test.sh).
set -euo pipefail
cd "$(dirname "$0")/../.."
bash scripts/demo-keys.sh
node --test tests/demo/
