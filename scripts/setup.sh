#!/usr/bin/env bash
# Installs what jobplay's build and tests need, idempotently, and prints what it did.
# Sourced by scripts/serve and scripts/test. Everything comes from the package registries:
# Debian (Chromium, chromedriver; robfig/cron for the cron oracle), the Go module proxy
# (k8s.io/kubernetes for tools/conformance, fetched by go build), crates.io (trunk, wasm-bindgen-cli), rustup (the wasm32
# target) and npm (binaryen's wasm-opt, terser, playwright-core). Nothing downloads a browser or a
# prebuilt tool from anywhere else.
set -euo pipefail

JOBPLAY_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$JOBPLAY_ROOT"
export PATH="$JOBPLAY_ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
# Build output lives outside the clone so a fresh clone (and CI) reuses earlier builds.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/jobplay/target}"

TRUNK_VERSION=0.21.14
WASM_BINDGEN_VERSION="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)"

say() { printf '[setup] %s\n' "$*"; }

# Tool installs build without LTO and at low optimisation: a cold trunk install takes about
# 20 minutes on 2 cores otherwise. Their own target dir survives between runs.
tool_install() {
  CARGO_TARGET_DIR="$HOME/.cache/jobplay/tools-target" \
  CARGO_PROFILE_RELEASE_LTO=off CARGO_PROFILE_RELEASE_OPT_LEVEL=1 \
  CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 CARGO_PROFILE_RELEASE_DEBUG=false \
    cargo install "$@"
}

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

missing_apt=()
command -v chromium >/dev/null || missing_apt+=(chromium)
command -v chromedriver >/dev/null || missing_apt+=(chromium-driver)
# The cron oracle (tests/cron_oracle.rs): robfig/cron v3.0.1, the library Kubernetes runs.
# Go: this project's machines (the polyglot kind) ship Go 1.26, which tools/conformance
# (k8s.io/kubernetes v1.37) needs; Debian's golang-go is only a fallback for the cron oracle.
command -v go >/dev/null || missing_apt+=(golang-go)
[ -d /usr/share/gocode/src/github.com/robfig/cron ] || missing_apt+=(golang-github-robfig-cron-dev)
if [ ${#missing_apt[@]} -gt 0 ]; then
  say "installing ${missing_apt[*]} from Debian"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing_apt[@]}" >/dev/null
fi

if ! rustup component list --installed | grep -q '^rustfmt' || ! rustup component list --installed | grep -q '^clippy'; then
  say "adding the rustfmt and clippy components"
  rustup component add rustfmt clippy
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if ! trunk --version 2>/dev/null | grep -q "trunk $TRUNK_VERSION"; then
  # --locked: trunk's own lock file; an unlocked resolve picks a lightningcss that does not
  # build with its cssparser.
  say "installing trunk $TRUNK_VERSION (a cold build takes a while)"
  tool_install trunk --version "$TRUNK_VERSION" --locked
fi

if ! wasm-bindgen --version 2>/dev/null | grep -q "wasm-bindgen $WASM_BINDGEN_VERSION"; then
  # Must equal Cargo.lock's wasm-bindgen; Trunk and the test runner take it from PATH.
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  tool_install wasm-bindgen-cli --version "=$WASM_BINDGEN_VERSION"
fi

if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -x node_modules/.bin/terser ] || [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/axe-core ]; then
  say "installing npm tools (binaryen, terser, playwright-core, axe-core)"
  npm ci --no-audit --no-fund --loglevel=error
fi
