#!/usr/bin/env bash
# Generates the throw-away demo key pair in demo-keys/ (git-ignored) once.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f demo-keys/private_key.pem ]; then
  mkdir -p demo-keys
  openssl genrsa -out demo-keys/private_key.pem 2048 2>/dev/null
  openssl rsa -in demo-keys/private_key.pem -pubout -out demo-keys/public_key.pem 2>/dev/null
  chmod 600 demo-keys/private_key.pem
  echo "generated a throw-away RSA-2048 key pair in demo-keys/"
fi
