.PHONY: demo test pkg bench

# Builds the package, makes a throw-away key pair, and serves the demo page
# and the local edge server on loopback (Ctrl-C stops them).
demo: pkg
	bash scripts/demo-keys.sh
	node scripts/demo.mjs

# Runs every test (installs what it needs first).
test:
	bash scripts/test.sh

# Builds the npm package into pkg/.
pkg:
	bash scripts/build-pkg.sh

# Benchmarks against the peers (not part of `make test`, which runs a smoke pass).
bench: pkg
	node bench/bench.mjs
	node bench/workerd.mjs
	cargo bench --bench core
