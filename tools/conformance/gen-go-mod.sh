#!/usr/bin/env bash
# Writes go.mod: k8s.io/kubernetes at $VERSION, and a replace for every k8s.io staging module
# that k8s.io/kubernetes's own go.mod pins at v0.0.0 (its staging/ directory), at the matching
# v0.X.Y tag, as every consumer of k8s.io/kubernetes must. The list is read from that go.mod,
# never written by hand. Then `go mod tidy` fills go.sum.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
version="${1:-v1.37.2}"
staging="v0.${version#v1.}"
mod="$(go mod download -json "k8s.io/kubernetes@$version" | sed -n 's/.*"GoMod": "\(.*\)",*/\1/p')"
[ -f "$mod" ] || { echo "gen-go-mod.sh: no go.mod for k8s.io/kubernetes@$version" >&2; exit 1; }
{
  echo "module jobplay.dev/conformance"
  echo
  echo "go 1.26"
  echo
  echo "require k8s.io/kubernetes $version"
  echo
  echo "replace ("
  awk '/^require \(/{r=1; next} r && /^\)/{r=0} r && $1 ~ /^k8s\.io\// && $2 == "v0.0.0" {print $1}' "$mod" |
    sort -u | while read -r m; do printf '\t%s => %s %s\n' "$m" "$m" "$staging"; done
  echo ")"
} > "$here/go.mod"
(cd "$here" && go mod tidy)
