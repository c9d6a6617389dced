# Slim: the two set-up commands are `make demo` and `make test` (see README.md).
SWIFT ?= swift
RELEASE_BIN = .build/release

.PHONY: demo test build deps bench clean

deps:
	@scripts/install-deps.sh

build: deps
	$(SWIFT) build -c release

demo: build
	@scripts/demo.sh

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test

bench: build
	@scripts/bench.sh

clean:
	rm -rf .build
