#!/usr/bin/env bash
# Builds the robfig/cron oracle and a zoneinfo directory compiled from the very tz source
# that chrono-tz bundles, so both sides read the same tzdata release (cron-semantics.md
# rule 8). Usage: build.sh OUT_DIR  ->  OUT_DIR/oracle and OUT_DIR/zoneinfo.
# Needs Debian's golang-go, golang-github-robfig-cron-dev and zic (libc-bin); scripts/setup.sh
# installs them. Offline: GOPROXY=off.
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
tz_src="$(cd "$here/../.." && cargo metadata --format-version 1 --offline 2>/dev/null \
  | python3 -c 'import json,sys; m=json.load(sys.stdin); print([p for p in m["packages"] if p["name"]=="chrono-tz"][0]["manifest_path"].rsplit("/",1)[0] + "/tz")')"
if [ ! -f "$out/zoneinfo/.built-from" ] || [ "$(cat "$out/zoneinfo/.built-from")" != "$tz_src" ]; then
  rm -rf "$out/zoneinfo" && mkdir -p "$out/zoneinfo"
  zic="$(command -v zic || echo /usr/sbin/zic)"
  (cd "$tz_src" && "$zic" -b fat -d "$out/zoneinfo" africa antarctica asia australasia backward etcetera europe northamerica southamerica)
  echo "$tz_src" > "$out/zoneinfo/.built-from"
fi
