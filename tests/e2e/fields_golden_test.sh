#!/usr/bin/env bash
# Golden images of live fields: --render --at of tests/golden/fields/de.json (a clock, a
# countdown in its last minute) and en.json (a countdown in hours, {time:seconds}, a field in
# the announcement band) at 1920x1080 must match the committed PNGs within a small per-pixel
# tolerance. Dummy video driver and software renderer, so the output is deterministic.
#   fields_golden_test.sh KIOSK            compare
#   fields_golden_test.sh KIOSK --update   write new goldens (look at them before committing!)
set -euo pipefail
kiosk=${1:?usage: fields_golden_test.sh KIOSK_BINARY [--update]}
here=$(cd "$(dirname "$0")/../golden/fields" && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
unset DISPLAY WAYLAND_DISPLAY
for lang in de en; do
  "$kiosk" --render "$out/r" --size 1920x1080 --at 2015-05-29T09:59:15 "$here/$lang.json" >/dev/null
  for f in "$out"/r/slide-*.png; do mv "$f" "$out/$lang-$(basename "$f")"; done
done
if [[ ${2:-} == --update ]]; then
  cp "$out"/*.png "$here/"
  echo "updated: $(ls "$here"/*.png | tr '\n' ' ')"
  exit 0
fi
failed=0
for golden in "$here"/*.png; do
  name=$(basename "$golden")
  if [[ ! -f $out/$name ]]; then
    echo "FAIL $name: not rendered"
    failed=1
    continue
  fi
  # Pixels differing by more than 8 % in any channel; allow 0.2 % of the picture.
  ae=$(/usr/bin/compare -metric AE -fuzz 8% "$golden" "$out/$name" /dev/null 2>&1 || true)
  ae=${ae%% *}
  pixels=$(/usr/bin/identify -format '%w*%h' "$golden")
  limit=$((pixels / 500))
  if [[ ! $ae =~ ^[0-9]+$ ]] || ((ae > limit)); then
    echo "FAIL $name: $ae pixels differ (limit $limit); kept in $out"
    trap - EXIT
    failed=1
  else
    echo "ok   $name: $ae pixels differ (limit $limit)"
  fi
done
n=$(ls "$here"/*.png | wc -l)
((n == 3)) || { echo "FAIL: expected 3 golden images, found $n"; exit 1; }
exit $failed
