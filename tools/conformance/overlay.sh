#!/usr/bin/env bash
# Prints the `go build -overlay` file that assembles internal/job and internal/cronjob: every
# non-test file of k8s.io/kubernetes's pkg/controller/job and pkg/controller/cronjob, read
# from the module cache, beside this repository's zz_jobplay_harness.go in each
# (docs/conformance.md, "The Job controller" and "The CronJob controller"). Go refuses to
# overlay files inside the module cache, so the packages are assembled here instead of being
# extended there. Build and vet with it:
#
#   bash overlay.sh > /tmp/overlay.json && go build -overlay /tmp/overlay.json .
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
module="$(cd "$here" && go list -m -f '{{.Dir}}' k8s.io/kubernetes)"
printf '{"Replace": {'
sep=""
for pkg in job cronjob; do
  src="$module/pkg/controller/$pkg"
  [ -f "$src/doc.go" ] || { echo "overlay.sh: no $src/doc.go (go mod download?)" >&2; exit 1; }
  for f in "$src"/*.go; do
    case "$f" in *_test.go) continue ;; esac
    printf '%s\n  "%s": "%s"' "$sep" "$here/internal/$pkg/$(basename "$f")" "$f"
    sep=","
  done
done
printf '\n}}\n'
