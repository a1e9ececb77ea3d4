#!/usr/bin/env bash
# Runs the tests of the `cloudfront-signer` command against the built
# package. Expects scripts/build-pkg.sh and scripts/setup-python.sh to have
# run (pkg/ and .venv/ with botocore).
set -euo pipefail
cd "$(dirname "$0")/../.."
node --test tests/cli/
