#!/usr/bin/env bash
# Creates .venv with the Python peers the tests compare against (botocore).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
if [ ! -f .venv/.installed ] || [ tests/peers/requirements.txt -nt .venv/.installed ]; then
  .venv/bin/pip install --quiet --disable-pip-version-check -r tests/peers/requirements.txt
  touch .venv/.installed
fi
