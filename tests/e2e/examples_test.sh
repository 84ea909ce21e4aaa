#!/usr/bin/env bash
# Every playlist under slides/ passes --check (at 1920x1080 and 1080x1920; a schedule.json is
# a programme a playlist names, checked with it), and the
# example artwork is what scripts/make-example-art.py draws (made here, byte for byte).
#   examples_test.sh KIOSK
set -euo pipefail
KIOSK=$1
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

python3 "$ROOT/scripts/make-example-art.py" "$T" >/dev/null
for f in "$T"/*.png; do
  cmp -s "$f" "$ROOT/slides/examples/$(basename "$f")" ||
    { echo "FAIL slides/examples/$(basename "$f") is not what make-example-art.py draws"; exit 1; }
  echo "ok   slides/examples/$(basename "$f") is make-example-art.py's"
done

n=0
while IFS= read -r playlist; do
  for size in 1920x1080 1080x1920; do
    if ! "$KIOSK" --check --size "$size" "$playlist" >"$T/out" 2>&1; then
      cat "$T/out"
      echo "FAIL --check --size $size $playlist"
      exit 1
    fi
  done
  echo "ok   --check ${playlist#"$ROOT"/}"
  n=$((n + 1))
done < <(find "$ROOT/slides" -name '*.json' ! -name '*.schema.json' ! -name 'schedule.json' | sort)
((n >= 2)) || { echo "FAIL only $n playlists found"; exit 1; }
