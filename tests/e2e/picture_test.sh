#!/usr/bin/env bash
# Pictures end to end, with the real binary and pictures made by tests/make_picture:
#  1. goldens (--render) at 1920x1080 and 1080x1920: contain, cover with a focus point, a
#     logo (on every slide), a QR code, text beside an image, a background with an overlay;
#  2. the QR code read back by zbarimg at 800x480 and 3840x2160;
#  3. EXIF orientations 1..8: the picture upright on screen (the quadrants where they belong);
#  4. every kind of bad picture: the slide's text shows, the log says why, no crash, no hang
#     (--render, and live with SDL's dummy video driver);
#  5. live under Xvfb: the logo replaced while kiosk runs shows within a second; a broken
#     replacement keeps the last good one.
#
# Usage: picture_test.sh KIOSK MAKE_PICTURE [--update]   (--update writes new goldens: look
# at every one before committing)
set -euo pipefail
# shellcheck source=tests/e2e/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
take_kiosk_binary "${1:-}"
MAKE=$(realpath -- "${2:?usage: picture_test.sh KIOSK MAKE_PICTURE [--update]}")
UPDATE=${3:-}
GOLDEN=$(cd "$(dirname "${BASH_SOURCE[0]}")/../golden/pictures" && pwd)
CONVERT=/usr/bin/convert
COMPARE=/usr/bin/compare
IMPORT=/usr/bin/import
XVFB_PID=""
use_scratch_and_app
cleanup_all() {
  cleanup_scratch_and_app
  if [[ -n $XVFB_PID ]] && kill -0 "$XVFB_PID" 2>/dev/null; then kill "$XVFB_PID" 2>/dev/null || true; fi
}
trap cleanup_all EXIT
unset DISPLAY WAYLAND_DISPLAY

# The colour at (x, y) of a PNG as "r,g,b".
pixel() {
  "$CONVERT" "$1" -format "%[fx:int(255*p{$2,$3}.r)],%[fx:int(255*p{$2,$3}.g)],%[fx:int(255*p{$2,$3}.b)]" info:
}
# Whether "r,g,b" is near the named pattern colour (the quadrants of make_picture).
near() {
  local r g b
  IFS=, read -r r g b <<<"$1"
  case $2 in
    red) ((r > 150 && g < 90 && b < 90)) ;;
    green) ((g > 150 && r < 90 && b < 120)) ;;
    blue) ((b > 150 && r < 90 && g < 120)) ;;
    yellow) ((r > 150 && g > 150 && b < 90)) ;;
  esac
}
# How many pixels of the PNG are (nearly) the colour.
count_colour() {
  "$CONVERT" "$1" -fuzz 12% -fill black +opaque "$2" -fill white -opaque "$2" -format "%[fx:int(mean*w*h+0.5)]" info:
}

cd "$T"
"$MAKE" photo.jpg --size 4000x3000 --jpeg progressive >/dev/null
"$MAKE" wide.png --size 1200x400 >/dev/null
"$MAKE" logo.png --size 300x100 --color rgba >/dev/null
"$MAKE" backdrop.jpg --size 1600x1200 >/dev/null

# --- 1. goldens -----------------------------------------------------------------------------
echo "== goldens"
cp "$GOLDEN/pictures.json" "$T/pictures.json"
failed=0
for size in 1920x1080 1080x1920; do
  "$KIOSK" --render "$T/g-$size" --size "$size" "$T/pictures.json" >/dev/null 2>"$T/log" ||
    fail "--render $size"
  if [[ $UPDATE == --update ]]; then
    for f in "$T/g-$size"/slide-*.png; do cp "$f" "$GOLDEN/$size-$(basename "$f")"; done
    continue
  fi
  w=${size%x*}
  h=${size#*x}
  for golden in "$GOLDEN/$size"-slide-*.png; do
    name=${golden##*/$size-}
    ae=$("$COMPARE" -metric AE -fuzz 8% "$golden" "$T/g-$size/$name" null: 2>&1 || true)
    ae=$(awk -v n="${ae%% *}" 'BEGIN { printf "%d", n + 0 }')
    limit=$((w * h / 500))
    if ((ae > limit)); then
      echo "FAIL $size $name: $ae pixels differ (limit $limit)"
      failed=1
    else
      ok "$size $name: $ae pixels differ (limit $limit)"
    fi
  done
done
[[ $UPDATE == --update ]] && { echo "goldens written to $GOLDEN"; exit 0; }
((failed == 0)) || fail "goldens differ"
n=$(ls "$GOLDEN"/*-slide-*.png | wc -l)
((n == 10)) || fail "expected 10 golden images, found $n"

# --- 2. the QR code read back -----------------------------------------------------------------
echo "== QR code through zbarimg"
qr_text=$(sed -n 's/.*"qr": {"text": "\([^"]*\)".*/\1/p' "$T/pictures.json")
[[ -n $qr_text ]] || fail "no QR text in pictures.json"
for size in 800x480 3840x2160; do
  "$KIOSK" --render "$T/qr-$size" --size "$size" "$T/pictures.json" >/dev/null 2>"$T/log" ||
    fail "--render $size"
  read_back=$(zbarimg -q --raw "$T/qr-$size/slide-004.png" 2>/dev/null || true)
  [[ $read_back == "$qr_text" ]] || fail "$size: zbarimg read \"$read_back\", not \"$qr_text\""
  ok "$size: zbarimg reads \"$read_back\""
done

# --- 3. EXIF orientation ------------------------------------------------------------------------
echo "== EXIF orientations"
{
  echo '{"transition": 0, "progress": false, "counter": false, "slides": ['
  for o in 1 2 3 4 5 6 7 8; do
    "$MAKE" "o$o.jpg" --size 400x300 --orientation "$o" >/dev/null
    sep=,
    ((o == 8)) && sep=
    echo "{\"image\": \"o$o.jpg\"}$sep"
  done
  echo ']}'
} >"$T/exif.json"
"$KIOSK" --render "$T/exif" --size 800x600 "$T/exif.json" >/dev/null 2>"$T/log" || fail "--render exif.json"
for o in 1 2 3 4 5 6 7 8; do
  f=$T/exif/slide-00$o.png
  # The picture, contained and centred: its quadrants around the screen's centre.
  tl=$(pixel "$f" 350 250)
  tr=$(pixel "$f" 450 250)
  bl=$(pixel "$f" 350 350)
  br=$(pixel "$f" 450 350)
  near "$tl" red && near "$tr" green && near "$bl" blue && near "$br" yellow ||
    fail "orientation $o: quadrants $tl / $tr / $bl / $br, expected red / green / blue / yellow"
done
ok "orientations 1 to 8 all upright"

# --- 4. bad pictures ----------------------------------------------------------------------------
echo "== bad pictures"
mkdir "$T/bad"
cd "$T/bad"
: >empty.png
"$MAKE" truncated.png --size 800x600 --truncate 2000 >/dev/null
"$MAKE" truncated.jpg --size 800x600 --truncate 3000 >/dev/null
echo "this is not a picture" >text.png
mkdir directory.png
mkfifo fifo.png
ln -s /dev/zero zero.png
ln -s loop.png loop.png
"$MAKE" bomb.png --claim 100000x100000 >/dev/null
"$MAKE" corrupt.png --size 800x600 --corrupt >/dev/null
"$MAKE" corrupt.jpg --size 800x600 --corrupt >/dev/null
bad=(missing.png empty.png truncated.png truncated.jpg text.png directory.png fifo.png zero.png
  loop.png bomb.png corrupt.png corrupt.jpg)
{
  echo '{"transition": 0, "duration": 1, "slides": ['
  for i in "${!bad[@]}"; do
    sep=,
    ((i == ${#bad[@]} - 1)) && sep=
    echo "{\"title\": \"Slide $i\", \"text\": \"Text stays\", \"image\": \"${bad[$i]}\"}$sep"
  done
  echo ']}'
} >bad.json
t=$(now_ms)
timeout 60 "$KIOSK" --render "$T/bad-out" --size 640x360 bad.json >/dev/null 2>"$T/log" ||
  fail "--render of the bad pictures failed (status $?)"
ok "--render with ${#bad[@]} bad pictures: exit 0 in $(($(now_ms) - t)) ms"
for i in "${!bad[@]}"; do
  f=$T/bad-out/slide-$(printf %03d $((i + 1))).png
  white=$(count_colour "$f" white)
  ((white > 300)) || fail "${bad[$i]}: the slide's text does not show ($white white pixels)"
  # libjpeg resynchronises after garbled entropy data (a few blocks look wrong): nothing
  # to log for corrupt.jpg when it decodes that way.
  [[ ${bad[$i]} == corrupt.jpg ]] && continue
  grep -qF "${bad[$i]}" "$T/log" || fail "${bad[$i]}: the log does not name it"
done
ok "every slide shows its text, the log names every file that does not decode"
grep -F 'corrupt.png' "$T/log" | head -n2 | sed 's/^/     /'

# Live: the dummy video driver, every slide shown once (1 s each), then SIGTERM.
SDL_VIDEODRIVER=dummy "$KIOSK" --renderer software bad.json >/dev/null 2>"$T/log" </dev/null &
APP_PID=$!
sleep $((${#bad[@]} + 2))
kill -0 "$APP_PID" 2>/dev/null || fail "kiosk died showing the bad pictures"
kill -TERM "$APP_PID"
status=0
wait "$APP_PID" || status=$?
APP_PID=""
((status == 0)) || fail "kiosk exited with status $status after SIGTERM"
for name in truncated.png truncated.jpg corrupt.png; do
  grep -F "$name" "$T/log" | grep -q "shows without it" ||
    fail "live: no line says $name is shown without its picture"
done
ok "live: ${#bad[@]} slides of bad pictures cycled, kiosk alive, exit 0 on SIGTERM"
cd "$T"

# --- 5. live under Xvfb: the logo replaced -----------------------------------------------------
echo "== Xvfb: the logo replaced while kiosk runs"
for tool in Xvfb xdpyinfo; do
  command -v "$tool" >/dev/null || fail "$tool not found (see scripts/install-deps.sh)"
done
mkdir "$T/live"
"$MAKE" "$T/live/logo.png" --size 300x100 >/dev/null
"$MAKE" "$T/new-logo.png" --size 300x100 --color grey >/dev/null
"$MAKE" "$T/broken-logo.png" --size 300x100 --truncate 200 >/dev/null
cat >"$T/live/p.json" <<'EOF'
{"duration": 600, "progress": false, "counter": false,
 "theme": {"logo": {"file": "logo.png", "corner": "top-right", "size": 0.2}},
 "slides": [{"title": "Logo", "text": "The logo shows top right"}]}
EOF
Xvfb -displayfd 3 -screen 0 1280x720x24 -nolisten tcp 3>"$T/displayfd" 2>"$T/xvfb.log" &
XVFB_PID=$!
for ((i = 0; i < 100; i++)); do
  [[ -s $T/displayfd ]] && break
  sleep 0.1
done
[[ -s $T/displayfd ]] || fail "Xvfb did not start"
export DISPLAY=":$(head -n1 "$T/displayfd")"
for ((i = 0; i < 100; i++)); do
  xdpyinfo >/dev/null 2>&1 && break
  sleep 0.1
done
xdpyinfo >/dev/null 2>&1 || fail "xdpyinfo cannot reach $DISPLAY within 10 s"
"$KIOSK" --renderer software "$T/live/p.json" >/dev/null 2>"$T/log" </dev/null &
APP_PID=$!
for ((i = 0; i < 200; i++)); do
  grep -q 'first frame on screen' "$T/log" && break
  sleep 0.1
done
grep -q 'first frame on screen' "$T/log" || fail "no first frame within 20 s on $DISPLAY ($(cat "$T/xvfb.log"))"
red_pixels() {  # the top right quarter only: a screenshot of it takes about 50 ms
  "$IMPORT" -window root -crop 640x360+640+0 +repage "$T/shot-tr.png" 2>/dev/null || fail "import failed"
  RED=$(count_colour "$T/shot-tr.png" "rgb(220,30,30)")
}
for ((i = 0; i < 20; i++)); do
  red_pixels
  ((RED > 500)) && break
  sleep 0.1
done
((RED > 500)) || fail "the logo's red quadrant is not on screen ($RED pixels)"
ok "the logo shows ($RED red pixels top right)"
t=$(now_ms)
cp "$T/new-logo.png" "$T/live/logo.tmp" && mv "$T/live/logo.tmp" "$T/live/logo.png"
while :; do
  red_pixels
  seen=$(($(now_ms) - t))
  ((RED == 0)) && break
  ((seen > 5000)) && fail "the new (grey) logo does not show 5 s after the change"
done
((seen <= 1000)) || fail "the new logo showed only after $seen ms (at most 1000)"
grep -q 'logo.png: changed on disk, showing the new picture' "$T/log" || fail "no log line for the new logo"
ok "the new logo shows ${seen} ms after it was moved into place (screenshots every ~50 ms)"
grep 'new content on screen' "$T/log" | tail -n1 | sed 's/^/     /' 
"$IMPORT" -window root "$T/before-broken.png"
cp "$T/broken-logo.png" "$T/live/logo.tmp" && mv "$T/live/logo.tmp" "$T/live/logo.png"
for ((i = 0; i < 30; i++)); do
  grep -q 'logo.png.*still showing the last good picture' "$T/log" && break
  sleep 0.1
done
grep -q 'logo.png.*still showing the last good picture' "$T/log" ||
  fail "no log line keeping the last good logo"
sleep 0.3
"$IMPORT" -window root "$T/after-broken.png"
ae=$("$COMPARE" -metric AE -fuzz 5% "$T/before-broken.png" "$T/after-broken.png" null: 2>&1 || true)
ae=$(awk -v n="${ae%% *}" 'BEGIN { printf "%d", n + 0 }')
((ae < 100)) || fail "the screen changed ($ae pixels) when the logo was replaced by a broken file"
ok "a broken replacement keeps the last good logo ($ae pixels differ)"
# Not even a picture header: the playlist's load leaves it out, the show keeps the last good.
echo "not a picture" >"$T/live/logo.tmp" && mv "$T/live/logo.tmp" "$T/live/logo.png"
for ((i = 0; i < 30; i++)); do
  grep -q 'logo.png: cannot be used now; still showing the last good picture' "$T/log" && break
  sleep 0.1
done
grep -q 'logo.png: cannot be used now; still showing the last good picture' "$T/log" ||
  fail "no log line keeping the last good logo over a file that is no picture"
sleep 0.3
"$IMPORT" -window root "$T/after-text.png"
ae=$("$COMPARE" -metric AE -fuzz 5% "$T/before-broken.png" "$T/after-text.png" null: 2>&1 || true)
ae=$(awk -v n="${ae%% *}" 'BEGIN { printf "%d", n + 0 }')
((ae < 100)) || fail "the screen changed ($ae pixels) when the logo was replaced by a text file"
ok "a replacement that is no picture keeps the last good logo too ($ae pixels differ)"
kill -TERM "$APP_PID"
wait "$APP_PID" || fail "kiosk exited with status $? after SIGTERM"
APP_PID=""
echo "picture tests passed"
