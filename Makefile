.PHONY: demo test pkg

# Builds the package and runs the demo with a throw-away key pair.
demo: pkg
	bash scripts/demo-keys.sh
	node scripts/demo.mjs

# Runs every test (installs what it needs first).
test:
	bash scripts/test.sh

# Builds the npm package into pkg/.
pkg:
	bash scripts/build-pkg.sh
