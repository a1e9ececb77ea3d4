#!/usr/bin/env bash
# Offline validation of examples/aws/cloudformation.yaml (issue 10).
#   1. cfn-lint (pinned in tests/aws/requirements.txt): must report no error,
#      no warning and no informational finding (any finding exits non-zero).
#   2. tests/aws/test_cloudformation.py: security-property and mutation tests.
# Nothing here calls AWS; no credentials are needed or read.
# Works from any directory; the virtualenv lives in <repo>/.venv-aws.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."

VENV=.venv-aws
PYTHON=${PYTHON:-python3}
REQUIREMENTS=tests/aws/requirements.txt
TEMPLATE=examples/aws/cloudformation.yaml

if ! "$VENV/bin/python" -c 'import sys' >/dev/null 2>&1; then
  echo "== creating $VENV =="
  rm -rf "$VENV"
  "$PYTHON" -m venv "$VENV"
fi
# Keep the virtualenv out of git without touching the repo's .gitignore.
printf '*\n' >"$VENV/.gitignore"

# Reinstall only when the requirements change.
STAMP="$VENV/.requirements.installed"
if ! cmp -s "$REQUIREMENTS" "$STAMP"; then
  echo "== installing $REQUIREMENTS =="
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r "$REQUIREMENTS"
  cp "$REQUIREMENTS" "$STAMP"
fi

echo "== $("$VENV/bin/cfn-lint" --version) on $TEMPLATE =="
# cfn-lint exits non-zero on warnings by default; the flags make it explicit and
# also enable and fail on the informational rules.
if ! "$VENV/bin/cfn-lint" --include-checks I --non-zero-exit-code informational -- "$TEMPLATE"; then
  echo "cfn-lint reported findings (see above)" >&2
  exit 1
fi
echo "cfn-lint: 0 errors, 0 warnings, 0 informational"

echo "== property tests =="
"$VENV/bin/python" tests/aws/test_cloudformation.py
