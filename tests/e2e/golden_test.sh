#!/usr/bin/env bash
# Golden images: --render of tests/golden/golden.json (a demand of the resolution with
# hyphenation, an Arabic slide, mixed scripts with bold and emoji), and of the
# announcement band (tests/golden/announcement: a long German text, an Arabic one, each at
# 1920x1080 and 1080x1920) must match the committed PNGs within a small per-pixel tolerance. Dummy video driver and software
# renderer, so the output is deterministic.
#   golden_test.sh KIOSK            compare
#   golden_test.sh KIOSK --update   write new goldens (look at them before committing!)
set -euo pipefail
kiosk=${1:?usage: golden_test.sh KIOSK_BINARY [--update]}
here=$(cd "$(dirname "$0")/../golden" && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
unset DISPLAY WAYLAND_DISPLAY
"$kiosk" --render "$out" --size 960x540 "$here/golden.json" >/dev/null
mkdir "$out/announcement"
for lang in de ar; do
  for size in 1920x1080 1080x1920; do
    "$kiosk" --render "$out/a" --size "$size" "$here/announcement/$lang.json" >/dev/null 2>&1
    mv "$out/a/slide-001.png" "$out/announcement/$lang-$size.png"
  done
done
if [[ ${2:-} == --update ]]; then
  cp "$out"/slide-*.png "$here/"
  cp "$out"/announcement/*.png "$here/announcement/"
  echo "updated: $(ls "$here"/slide-*.png "$here"/announcement/*.png | tr '\n' ' ')"
  exit 0
fi
failed=0
for golden in "$here"/slide-*.png "$here"/announcement/*.png; do
  name=${golden#"$here"/}
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
n=$(ls "$here"/slide-*.png | wc -l)
((n == 3)) || { echo "FAIL: expected 3 golden images, found $n"; exit 1; }
n=$(ls "$here"/announcement/*.png | wc -l)
((n == 4)) || { echo "FAIL: expected 4 announcement golden images, found $n"; exit 1; }
exit $failed
