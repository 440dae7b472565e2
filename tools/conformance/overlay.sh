#!/usr/bin/env bash
# Prints the `go build -overlay` file that assembles internal/job: every non-test file of
# k8s.io/kubernetes's pkg/controller/job, read from the module cache, beside this
# repository's zz_jobplay_harness.go (docs/conformance.md, "The Job controller"). Go refuses
# to overlay files inside the module cache, so the package is assembled here instead of
# being extended there. Build and vet with it:
#
#   bash overlay.sh > /tmp/overlay.json && go build -overlay /tmp/overlay.json .
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
src="$(cd "$here" && go list -m -f '{{.Dir}}' k8s.io/kubernetes)/pkg/controller/job"
[ -f "$src/job_controller.go" ] || { echo "overlay.sh: no $src/job_controller.go (go mod download?)" >&2; exit 1; }
printf '{"Replace": {'
sep=""
for f in "$src"/*.go; do
  case "$f" in *_test.go) continue ;; esac
  printf '%s\n  "%s": "%s"' "$sep" "$here/internal/job/$(basename "$f")" "$f"
  sep=","
done
printf '\n}}\n'
