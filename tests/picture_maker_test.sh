#!/usr/bin/env bash
# tests/make_picture checked by another reader: ImageMagick decodes every variant (and
# applies the EXIF orientation itself) to the pattern picture_maker.h describes, so the unit
# tests' pictures mean what they say; the broken ones are refused by it too.
#   picture_maker_test.sh MAKE_PICTURE
set -euo pipefail
make_picture=$1
convert=/usr/bin/convert  # a stub may shadow ImageMagick's on PATH
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
failures=0

# The four quadrants' colours at their centres, shown upright, as "r,g,b" each.
quadrants() {
  "$convert" "$1" -auto-orient -alpha off -colorspace sRGB -format \
    '%w %h %[pixel:p{16,12}] %[pixel:p{48,12}] %[pixel:p{16,36}] %[pixel:p{48,36}]' info: |
    sed -E 's/s?rgba?\(([0-9.%]+),([0-9.%]+),([0-9.%]+)[^)]*\)/\1,\2,\3/g; s/gray\(([0-9.%]+)\)/\1,\1,\1/g' |
    awk -v RS='[ ,\n]' -v ORS='' '
      NF { v = $0; if (v ~ /%$/) v = int(v * 2.55 + 0.5); out = out sep v; sep = (++n <= 2 || n % 3 == 2) ? " " : "," }
      END { print out }'
}

# expect FILE: the quadrants within 12 of red, green, blue, yellow (grey: their greys).
check() {
  local file=$1 grey=${2-} got
  got=$(quadrants "$file")
  local want="64 48 220,30,30 30,200,60 30,60,220 240,220,40"
  [[ -n $grey ]] && want="64 48 87,87,87 133,133,133 69,69,69 206,206,206"
  if ! awk -v got="$got" -v want="$want" 'BEGIN {
      n = split(got, g, /[ ,]/); m = split(want, w, /[ ,]/)
      if (n != m) exit 1
      for (i = 1; i <= n; i++) { d = g[i] - w[i]; if (d < -12 || d > 12) exit 1 }
    }'; then
    echo "FAIL: $(basename "$file"): got \"$got\", want \"$want\""
    failures=$((failures + 1))
  fi
}

make() { "$make_picture" "$dir/$1" --size 64x48 "${@:2}"; }

for color in rgb rgba; do
  for depth in 8 16; do make "$color-$depth.png" --color "$color" --depth "$depth" && check "$dir/$color-$depth.png"; done
done
for color in grey grey-alpha; do make "$color.png" --color "$color" && check "$dir/$color.png" grey; done
make palette.png --color palette --depth 2 && check "$dir/palette.png"
make interlaced.png --interlace && check "$dir/interlaced.png"
for kind in baseline progressive cmyk ycck; do make "$kind.jpg" --jpeg "$kind" && check "$dir/$kind.jpg"; done
make grey.jpg --jpeg grey && check "$dir/grey.jpg" grey
for o in 1 2 3 4 5 6 7 8; do
  make "o$o.jpg" --orientation "$o" && check "$dir/o$o.jpg"
  make "o$o-mm.jpg" --orientation "$o" --exif-big-endian && check "$dir/o$o-mm.jpg"
done
make lossy.webp && check "$dir/lossy.webp"
make lossless.webp --webp lossless && check "$dir/lossless.webp"

# Broken ones: ImageMagick complains too (an error, or a warning about the data).
for spec in "cut.png --truncate 100" "cut.jpg --truncate 300" "corrupt.png --corrupt" \
  "crc.png --bad-crc" "claim.png --claim 100000x100000"; do
  read -r -a args <<<"$spec"
  make "${args[@]}"
  if "$convert" "$dir/${args[0]}" null: 2>/dev/null; then
    echo "FAIL: ${args[0]}: ImageMagick read it without complaint"
    failures=$((failures + 1))
  fi
done

# --help documents every flag.
help=$("$make_picture" --help)
for flag in --type --size --color --depth --interlace --jpeg --quality --orientation \
  --exif-big-endian --many-scans --webp --webp-alpha --noise --claim --corrupt --bad-crc --truncate; do
  grep -q -- "$flag" <<<"$help" || { echo "FAIL: --help does not mention $flag"; failures=$((failures + 1)); }
done

if ((failures > 0)); then
  echo "picture_maker_test: $failures failures"
  exit 1
fi
echo "picture_maker_test: every variant reads back as the pattern"
