#!/usr/bin/env bash
# Builds the robfig/cron oracle: build.sh OUT_DIR -> OUT_DIR/oracle. Callers run it with
# ZONEINFO pointing at the tz database jobplay bundles (jobplay::cron::zone::write_zoneinfo),
# so both sides read the same tzdata release.
# Needs Debian's golang-go and golang-github-robfig-cron-dev; scripts/setup.sh installs them.
# Offline: GOPROXY=off.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$1"
mkdir -p "$out"
command -v go >/dev/null || { echo "build.sh: go not found (apt-get install golang-go)" >&2; exit 1; }
[ -d /usr/share/gocode/src/github.com/robfig/cron ] || { echo "build.sh: robfig/cron missing (apt-get install golang-github-robfig-cron-dev)" >&2; exit 1; }
# Build in a scratch copy so that go never writes into the repository.
work="$out/src"
rm -rf "$work" && mkdir -p "$work" && cp "$here/main.go" "$here/go.mod" "$work/"
(cd "$work" && GOFLAGS=-mod=mod GOPROXY=off GOSUMDB=off GOTOOLCHAIN=local go build -o "$out/oracle" .)
