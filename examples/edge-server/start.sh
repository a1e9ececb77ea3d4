#!/usr/bin/env bash
# One command for the local CloudFront stand-in: builds the package if it is
# not built, makes the throw-away key pair in demo-keys/ if there is none,
# starts the edge server on loopback and prints a signed URL to try.
# Flags are passed on to the server (see --help), e.g. --port 0 --cors.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ ! -f node_modules/cloudfront-signer/package.json ]; then
  bash scripts/build-pkg.sh
fi
bash scripts/demo-keys.sh
exec node examples/edge-server/start.mjs "$@"
