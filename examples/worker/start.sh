#!/usr/bin/env bash
# One command for the Worker gate in local workerd: builds the package if it
# is not built, makes the throw-away key pair in demo-keys/ if there is none,
# writes demo-keys/worker.env (KEY_PAIR_ID, PUBLIC_KEY, and DEMO_PRIVATE_KEY
# for the /sign demo route) and runs `wrangler dev` on 127.0.0.1:8787.
# Flags are passed on to wrangler dev, e.g. --port 9000.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ ! -f node_modules/cloudfront-signer/workerd.js ]; then
  bash scripts/build-pkg.sh
fi
bash scripts/demo-keys.sh

# One line per PEM, with literal \n (the package accepts both forms).
pem_line() { awk '{ printf "%s\\n", $0 }' "$1"; }
key_pair_id=$(cat demo-keys/key_pair_id.txt 2>/dev/null || echo KDEMO0000000EX)
umask 077
{
  echo "KEY_PAIR_ID=\"$key_pair_id\""
  echo "PUBLIC_KEY=\"$(pem_line demo-keys/public_key.pem)\""
  echo "DEMO_PRIVATE_KEY=\"$(pem_line demo-keys/private_key.pem)\""
} > demo-keys/worker.env

echo "When ready, sign a URL with: curl 'http://127.0.0.1:8787/sign?path=/hello.txt' (8787 unless --port), then fetch it."
export WRANGLER_SEND_METRICS=false
exec node_modules/.bin/wrangler dev -c examples/worker/wrangler.toml --env-file "$PWD/demo-keys/worker.env" \
  --ip 127.0.0.1 --show-interactive-dev-session=false "$@"
