# Slim: the two set-up commands are `make demo` and `make test` (see README.md).
SWIFT ?= swift
BIN = .build/release

.PHONY: demo test build deps bench fuzz clean

deps:
	@scripts/install-deps.sh

build: deps
	$(SWIFT) build -c release

# Trains a short Network Slimming run on the embedded mnist-5k data and renders its report.
demo: build
	@scripts/demo.sh

# Every test: the Swift suite (unit and end-to-end) and the Python recorder's tests.
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test
	@scripts/test-python.sh

# Benchmarks that print tables: the log reader, training/inference vs PyTorch, charts.
bench: build
	@scripts/bench.sh

# libFuzzer runs of the log reader and the checkpoint reader, FUZZ_SECONDS each (default 60);
# see docs/fuzzing.md. The in-process fuzz tests run with `make test`.
fuzz:
	@scripts/fuzz.sh

clean:
	rm -rf .build out
