# VirglGL: the two commands a new user needs are `make demo` and `make test` (see README.md).
SWIFT ?= swift

.PHONY: demo test deps build generate check-generated bench

demo: deps
	$(SWIFT) build --product virglgl
	$(SWIFT) run virglgl info
	$(SWIFT) run virglgl golden --driver virglgl --known-only --out out/demo

test: deps build check-generated
	$(SWIFT) test
	scripts/test-c-abi.sh
	scripts/test-egl.sh
	scripts/test-piglit.sh
	scripts/test-virtio-guest.sh

deps:
	@scripts/install-deps.sh

build:
	$(SWIFT) build

# Regenerate Sources/*/generated/ from Registry/ (after updating gl.xml).
generate:
	$(SWIFT) run glgen

check-generated:
	$(SWIFT) run glgen --check

# Performance: VirglGL vs Mesa's virgl driver vs native llvmpipe (docs/bench.md); writes out/bench/report.md.
bench: deps
	scripts/bench.sh
