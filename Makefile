# fromlab: the two commands are `make serve` and `make test` (see README.md).
# Each installs what it needs first and skips what is already installed.

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := serve

# Cargo-installed tools live in ~/.cargo/bin; wasm-opt comes from the npm package
# binaryen in tools/. Trunk finds both on PATH and never downloads anything.
export PATH := $(CURDIR)/tools/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)

.PHONY: serve test size size-budget bench-ui setup-build setup-test check build-release e2e

## serve: build in debug mode and serve on http://127.0.0.1:8080 with live reload.
serve: setup-build
	trunk serve --offline --address 127.0.0.1 --port 8080

## test: formatting, lints, native tests, the release build, then browser tests against it.
test: setup-build setup-test check build-release size-budget e2e

## size: bytes and gzipped bytes of each file in dist/, and the totals.
size:
	scripts/size.sh

## size-budget: fails when the first load (home page or a lesson) is over 350 KB gzipped.
size-budget:
	scripts/size.sh --check

## bench-ui: keystroke-to-updated-panels times in Chromium for 40- and 1,000-line Dockerfiles.
bench-ui: setup-build setup-test build-release
	node scripts/bench-ui.mjs

setup-build:
	scripts/setup.sh wasm-target trunk wasm-bindgen wasm-opt

setup-test:
	scripts/setup.sh chromium npm

check:
	cargo fmt --all --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo test --workspace

build-release:
	trunk build --release --offline

# Serves dist/ from a sub-path (/docs/fromlab/) of a throwaway static server on
# 127.0.0.1, as a documentation site would, and drives Debian's Chromium through it.
e2e:
	node --test --test-concurrency=1 tests/e2e/
