#!/usr/bin/env bash
# Seeds each fuzz target's corpus from the project's own inputs: the presets, the invalid-
# manifest corpus, share links of the presets (made by `jobplay share`) and sample schedules.
# Usage: bash fuzz/seed.sh   (then: cd fuzz && cargo fuzz run -s none TARGET)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
corpus="$root/fuzz/corpus"
mkdir -p "$corpus/parse_and_validate" "$corpus/share_link" "$corpus/cron_schedule"
cp "$root"/static/examples/*.yaml "$root"/tests/invalid/*.yaml "$corpus/parse_and_validate/"
cargo build --quiet --manifest-path "$root/Cargo.toml" --bin jobplay
bin="${CARGO_TARGET_DIR:-$root/target}/debug/jobplay"
for f in "$root"/static/examples/*.yaml; do
  "$bin" share "$f" --at 30s | sed 's/.*#//' | tr -d '\n' >"$corpus/share_link/$(basename "$f" .yaml).link"
done
i=0
grep -ho "schedule: .*" "$root"/static/examples/*.yaml "$root"/tests/invalid/*.yaml | sed 's/^schedule: //; s/^"//; s/"$//' | sort -u | while read -r s; do
  i=$((i + 1))
  printf '\001%s' "$s" >"$corpus/cron_schedule/schedule-$i"
done
echo "corpus: $(ls "$corpus/parse_and_validate" | wc -l) manifests, $(ls "$corpus/share_link" | wc -l) links, $(ls "$corpus/cron_schedule" | wc -l) schedules"
