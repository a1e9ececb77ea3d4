#!/usr/bin/env bash
# The hardening checks, in one entry point (make test calls it after the
# package is built):
#   1. supply chain: cargo deny (advisories, licences, duplicates, sources)
#      and cargo audit;
#   2. the built npm package: hostile input over every export, key hygiene
#      in linear memory, memory under load (short run), no runtime
#      dependencies or install scripts;
#   3. a smoke run of every fuzz target (FUZZ_SECONDS each, 60 by default).
# The property tests (tests/properties.rs) and the fuzzing regressions
# (tests/hostile_keys.rs) run with `cargo test`.
# Installs cargo-deny, cargo-audit and cargo-fuzz when they are missing.
set -euo pipefail
cd "$(dirname "$0")/../.."

FUZZ_SECONDS=${FUZZ_SECONDS:-60}
FUZZ_TARGETS=(keys policy verify parsers sign_verify)

install_tool() {
  if ! command -v "$1" >/dev/null 2>&1; then
    # Without --locked when the tool's lockfile pins versions the registry lacks.
    cargo install --quiet --locked "$1" || cargo install --quiet "$1"
  fi
}
install_tool cargo-deny
install_tool cargo-audit
install_tool cargo-fuzz
if ! rustup toolchain list | grep -q '^nightly'; then
  rustup toolchain install nightly --profile minimal
fi

echo "== supply chain: cargo deny, cargo audit"
# cargo deny reads the metadata of every crate in Cargo.lock (all targets).
cargo fetch --quiet
cargo deny --offline check licenses bans sources
# The RustSec advisory database is a git repository on github.com; where it
# cannot be fetched the advisory checks say so instead of passing silently.
if cargo deny fetch db >/dev/null 2>&1; then
  cargo deny --offline check advisories
else
  echo "SKIPPED cargo deny check advisories: the RustSec advisory database cannot be fetched from this machine"
fi
audit_log=$(mktemp)
if cargo audit 2>&1 | tee "$audit_log"; then
  :
elif grep -q "couldn't fetch advisory database" "$audit_log"; then
  echo "SKIPPED cargo audit: the RustSec advisory database cannot be fetched from this machine"
else
  exit 1
fi
rm -f "$audit_log"

echo "== the built package: hostile input, key hygiene, memory, manifest"
if [ ! -f pkg/package.json ]; then
  bash scripts/build-pkg.sh
fi
node --expose-gc --test tests/hardening/

echo "== fuzz smoke: ${FUZZ_SECONDS} s per target"
(cd fuzz && cargo +nightly fuzz build)
for target in "${FUZZ_TARGETS[@]}"; do
  corpus=$(mktemp -d)
  log=$(mktemp)
  if ! (cd fuzz && cargo +nightly fuzz run "$target" "$corpus" "seeds/$target" -- \
    -max_total_time="$FUZZ_SECONDS" -print_final_stats=1) >"$log" 2>&1; then
    tail -n 60 "$log"
    echo "fuzz target $target failed (the input is in fuzz/artifacts/$target/)"
    exit 1
  fi
  echo "$target: $(grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | sed -E 's/[[:space:]]+/ /g')"
  rm -rf "$corpus" "$log"
done
echo "hardening: all checks passed"
