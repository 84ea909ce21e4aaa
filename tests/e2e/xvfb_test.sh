#!/usr/bin/env bash
# End-to-end test on a virtual X server (Xvfb, no window manager): kiosk starts fullscreen,
# shows the same picture as `kiosk --render`, P pauses, Right and Left change the slide,
# Escape quits with exit status 0; with --rotate 90 the picture is the portrait layout,
# turned clockwise.
#
# Usage: tests/e2e/xvfb_test.sh path/to/kiosk
# Needs: xvfb, x11-utils (xdpyinfo, xwininfo), xdotool, imagemagick (import, compare, convert).
set -euo pipefail

# shellcheck source=tests/e2e/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
take_kiosk_binary "$@"

W=1920
H=1080
CROP_H=1000          # compare the top rows only: below are the slide counter, the progress
                     # bar (it grows with time) and the pause mark
SAME_MAX=1000        # pixels that may differ between two pictures of the same slide
DIFFERENT_MIN=10000  # pixels that must differ between two different slides
FUZZ=10%             # with a GPU the screen blends a little differently from --render

# ImageMagick by absolute path: a stub named `convert` may shadow it on PATH.
IMPORT=/usr/bin/import
COMPARE=/usr/bin/compare
CONVERT=/usr/bin/convert
for tool in Xvfb xdpyinfo xwininfo xdotool; do
  command -v "$tool" >/dev/null || { echo "FAIL: $tool not found (see scripts/install-deps.sh)" >&2; exit 1; }
done
for tool in "$IMPORT" "$COMPARE" "$CONVERT"; do
  [[ -x $tool ]] || { echo "FAIL: $tool not found (apt-get install imagemagick)" >&2; exit 1; }
done

TMP=$(mktemp -d)
XVFB_PID=""
APP_PID=""

stop() {  # stop PID: TERM, then KILL after 2 s
  local pid=$1 i
  kill -0 "$pid" 2>/dev/null || return 0
  kill "$pid" 2>/dev/null || true
  for ((i = 0; i < 20; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

cleanup() {
  local status=$?
  [[ -n $APP_PID ]] && stop "$APP_PID"
  [[ -n $XVFB_PID ]] && stop "$XVFB_PID"
  if ((status == 0)); then
    rm -rf -- "$TMP"
  else
    echo "Screenshots and logs kept in $TMP" >&2
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

fail() {
  echo "FAIL: $*" >&2
  if [[ -n $XVFB_PID && -n ${DISPLAY-} ]] && kill -0 "$XVFB_PID" 2>/dev/null; then
    "$IMPORT" -window root "$TMP/at-failure.png" 2>/dev/null || true
  fi
  if [[ -s $TMP/kiosk.log ]]; then
    echo "--- kiosk stderr:" >&2
    cat "$TMP/kiosk.log" >&2
  fi
  exit 1
}
ok() { echo "  ok: $*"; }
now_ms() { echo $(($(date +%s%N) / 1000000)); }

# The helpers below return their result in a global variable (AE, TOP, SHOT), not on stdout,
# so that `fail` inside them ends the test and their messages keep their order.

# AE = pixels that differ by more than $FUZZ between two pictures. compare exits 0 (same),
# 1 (different) or 2 (error) and prints the count, sometimes as 1.2e+06, on stderr.
pixels_differ() {
  local out status=0
  out=$("$COMPARE" -metric AE -fuzz "$FUZZ" "$1" "$2" null: 2>&1) || status=$?
  ((status <= 1)) || fail "compare $1 $2: $out"
  AE=$(awk -v n="$out" 'BEGIN { printf "%d", n + 0 }')
}

# TOP = the top CROP_H rows of a picture: NAME.png -> NAME-top.png.
crop_top() {
  TOP="${1%.png}-top.png"
  "$CONVERT" "$1" -crop "${W}x${CROP_H}+0+0" +repage "$TOP" || fail "cannot crop $1"
}

# SHOT = a new screenshot $TMP/NAME.png.
screenshot() {
  SHOT="$TMP/$1.png"
  "$IMPORT" -window root "$SHOT" 2>"$TMP/import.log" || fail "import failed: $(cat "$TMP/import.log")"
}

# SHOT = screenshot NAME, taken WAIT_MS after T0 and again every 0.5 s until its top part
# matches REFERENCE (already cropped); fails 6 s after T0.
screenshot_matching() {
  local name=$1 reference=$2 t0=$3 wait_ms=$4
  local now taken
  now=$(now_ms)
  if ((now < t0 + wait_ms)); then
    sleep "$(awk -v ms=$((t0 + wait_ms - now)) 'BEGIN { print ms / 1000 }')"
  fi
  while :; do
    screenshot "$name"
    taken=$(($(now_ms) - t0))
    crop_top "$SHOT"
    pixels_differ "$TOP" "$reference"
    if ((AE <= SAME_MAX)); then
      ok "$name, taken ${taken} ms after the key, matches --render's $(basename "${reference%-top.png}").png: $AE pixels differ"
      return 0
    fi
    if ((taken > 6000)); then
      fail "$name: $AE pixels differ from --render's $(basename "$reference") (at most $SAME_MAX allowed), ${taken} ms after the key"
    fi
    echo "  ... $name, taken ${taken} ms after the key: $AE pixels differ from $(basename "$reference"); retrying"
    sleep 0.5
  done
}

# --- Reference pictures, drawn without a display ---------------------------------------
echo "== kiosk --render (reference pictures)"
t=$(now_ms)
env -u DISPLAY -u WAYLAND_DISPLAY "$KIOSK" --render "$TMP/render" >/dev/null 2>"$TMP/render.log" ||
  fail "kiosk --render failed: $(cat "$TMP/render.log")"
for f in slide-001.png slide-002.png; do
  [[ -f $TMP/render/$f ]] || fail "kiosk --render wrote no $f: $(cat "$TMP/render.log")"
done
crop_top "$TMP/render/slide-001.png"
REF1=$TOP
crop_top "$TMP/render/slide-002.png"
REF2=$TOP
ok "slides 1 and 2 rendered in $(($(now_ms) - t)) ms"

# --- Xvfb ---------------------------------------------------------------------------------
echo "== Xvfb -screen 0 ${W}x${H}x24"
t=$(now_ms)
# -displayfd: Xvfb picks a free display number itself and writes it once it is ready.
Xvfb -displayfd 3 -screen 0 "${W}x${H}x24" -nolisten tcp 3>"$TMP/displayfd" 2>"$TMP/xvfb.log" &
XVFB_PID=$!
for ((i = 0; i < 100; i++)); do
  [[ -s $TMP/displayfd ]] && break
  kill -0 "$XVFB_PID" 2>/dev/null || fail "Xvfb exited: $(cat "$TMP/xvfb.log")"
  sleep 0.1
done
[[ -s $TMP/displayfd ]] || fail "Xvfb did not report a display number within 10 s"
DISPLAY=":$(head -n1 "$TMP/displayfd")"
export DISPLAY
unset WAYLAND_DISPLAY SDL_VIDEODRIVER SDL_RENDER_DRIVER
for ((i = 0; i < 100; i++)); do
  xdpyinfo >/dev/null 2>&1 && break
  sleep 0.1
done
xdpyinfo >/dev/null 2>&1 || fail "xdpyinfo cannot reach $DISPLAY within 10 s"
ok "display $DISPLAY answers after $(($(now_ms) - t)) ms"

# --- kiosk, fullscreen -------------------------------------------------------------------
echo "== kiosk (bundled resolution, fullscreen)"
t=$(now_ms)
"$KIOSK" >"$TMP/kiosk.out" 2>"$TMP/kiosk.log" </dev/null &
APP_PID=$!
for ((i = 0; i < 200; i++)); do
  grep -q 'first frame on screen' "$TMP/kiosk.log" && break
  if ! kill -0 "$APP_PID" 2>/dev/null; then
    status=0
    wait "$APP_PID" || status=$?
    APP_PID=""
    fail "kiosk exited with status $status before showing a frame"
  fi
  sleep 0.1
done
line=$(grep 'first frame on screen' "$TMP/kiosk.log") || fail "no \"first frame on screen\" line within 20 s"
seen=$(($(now_ms) - t))
app_ms=$(sed -n 's/.*first frame on screen after \([0-9][0-9]*\) ms.*/\1/p' <<<"$line")
ok "first frame after ${app_ms} ms (kiosk's clock), seen by the test after ${seen} ms"
echo "     $line"
[[ $line == *"(${W}x${H}, x11,"* ]] || fail "kiosk did not draw ${W}x${H} frames on x11: $line"

# The window, looked up only now: SDL re-creates it when it sets up the GL renderer.
read -r -a windows <<<"$(xdotool search --onlyvisible --name '^kiosk$' 2>/dev/null | tr '\n' ' ')"
((${#windows[@]} == 1)) || fail "expected one visible window named kiosk, found ${#windows[@]}: ${windows[*]-}"
WIN=${windows[0]}
info=$(xwininfo -id "$WIN") || fail "xwininfo -id $WIN failed"
field() { sed -n "s/^ *$1: *//p" <<<"$info"; }
geometry="$(field 'Width')x$(field 'Height')+$(field 'Absolute upper-left X')+$(field 'Absolute upper-left Y')"
[[ $(field 'Map State') == IsViewable ]] || fail "window $WIN is not viewable: $(field 'Map State')"
[[ $geometry == "${W}x${H}+0+0" ]] ||
  fail "window $WIN is ${geometry}, expected ${W}x${H}+0+0 (fullscreen on the ${W}x${H} screen)"
ok "window $WIN covers the screen: $geometry"
focus=$(xdotool getwindowfocus 2>/dev/null || echo unknown)
[[ $focus == "$WIN" ]] || echo "  note: keyboard focus is on window $focus, not on kiosk's $WIN"

# --- Pictures and keys ---------------------------------------------------------------------
echo "== screen contents"
screenshot A
A=$SHOT
size=$("$CONVERT" "$A" -format '%wx%h' info:)
[[ $size == "${W}x${H}" ]] || fail "screenshot is $size, expected ${W}x${H}"
crop_top "$A"
A_TOP=$TOP
# Slide 1 is on screen before the hyphenation patterns are loaded and keeps those lines; it
# matches --render's because its title needs no hyphen at this size.
pixels_differ "$A_TOP" "$REF1"
((AE <= SAME_MAX)) || fail "screen A differs from --render's slide 1 in $AE pixels (at most $SAME_MAX allowed)"
ok "A matches --render's slide-001.png: $AE pixels differ"

# P pauses the timer: on a slow or busy machine slide 1 (12 s) must not move on by itself
# while the test waits. Right and Left still work and keep the pause.
xdotool key p
# kiosk loads the hyphenation patterns in the background (3-4 s here, more on a busy machine)
# and shows the first slides without them; a slide on screen keeps its lines when they
# arrive. --render always uses them, so compare other slides only once kiosk says they are in
# use (or unavailable).
t=$(now_ms)
for ((i = 0; i < 300; i++)); do
  grep -q 'hyphenation' "$TMP/kiosk.log" && break
  kill -0 "$APP_PID" 2>/dev/null || fail "kiosk exited while the test waited"
  sleep 0.1
done
if line=$(grep -m1 'hyphenation' "$TMP/kiosk.log"); then
  ok "waited $(($(now_ms) - t)) ms for: $line"
else
  echo "  note: kiosk logged nothing about hyphenation within 30 s; going on"
fi
screenshot A2
crop_top "$SHOT"
pixels_differ "$A_TOP" "$TOP"
((AE <= SAME_MAX)) || fail "slide 1 left the screen before Right was pressed ($AE pixels differ from A)"
ok "A2 (paused with P) still shows slide 1: $AE pixels differ from A"

t=$(now_ms)
xdotool key Right
screenshot_matching B "$REF2" "$t" 1500
B=$SHOT
pixels_differ "$A" "$B"
((AE > DIFFERENT_MIN)) || fail "after Right only $AE pixels changed (more than $DIFFERENT_MIN expected)"
ok "Right: A and B differ in $AE pixels"

t=$(now_ms)
xdotool key Left
screenshot_matching C "$REF1" "$t" 1500
C=$SHOT
crop_top "$C"
pixels_differ "$A_TOP" "$TOP"
((AE <= SAME_MAX)) || fail "after Left, C differs from A in $AE pixels (at most $SAME_MAX allowed)"
ok "Left: C equals A in the top $CROP_H rows: $AE pixels differ"
pixels_differ "$A" "$C"
echo "     (in the whole screen, with progress bar and pause mark: $AE pixels differ)"

# --- Escape quits with status 0 -------------------------------------------------------------
echo "== Escape"
t=$(now_ms)
xdotool key Escape
for ((i = 0; i < 50; i++)); do
  kill -0 "$APP_PID" 2>/dev/null || break
  sleep 0.1
done
kill -0 "$APP_PID" 2>/dev/null && fail "kiosk still runs 5 s after Escape"
status=0
wait "$APP_PID" || status=$?
APP_PID=""
((status == 0)) || fail "kiosk exited with status $status after Escape, expected 0"
ok "exit status 0, $(($(now_ms) - t)) ms after Escape"

if [[ $(wc -l <"$TMP/kiosk.log") -gt 1 ]]; then
  echo "  note: kiosk's stderr:"
  sed 's/^/    /' "$TMP/kiosk.log"
fi

# --- A screen mounted on its side: --rotate 90 ------------------------------------------------
# Laid out for 1080x1920 and turned clockwise: turned back, the screen must equal what
# --render draws at 1080x1920 (the top 1800 rows: below are the counter and progress bar).
echo "== kiosk --rotate 90"
env -u DISPLAY "$KIOSK" --render "$TMP/portrait" --size "${H}x${W}" >/dev/null 2>"$TMP/portrait.log" ||
  fail "kiosk --render --size ${H}x${W} failed: $(cat "$TMP/portrait.log")"
"$CONVERT" "$TMP/portrait/slide-001.png" -crop "${H}x1800+0+0" +repage "$TMP/portrait-top.png" ||
  fail "cannot crop the portrait reference"
"$KIOSK" --rotate 90 >"$TMP/kiosk.out" 2>"$TMP/kiosk.log" </dev/null &
APP_PID=$!
for ((i = 0; i < 200; i++)); do
  grep -q 'first frame on screen' "$TMP/kiosk.log" && break
  kill -0 "$APP_PID" 2>/dev/null || fail "kiosk --rotate 90 exited before showing a frame"
  sleep 0.1
done
line=$(grep 'first frame on screen' "$TMP/kiosk.log") || fail "kiosk --rotate 90 showed no frame within 20 s"
[[ $line == *"(${H}x${W}, x11,"* ]] || fail "kiosk --rotate 90 did not lay out for ${H}x${W}: $line"
ok "laid out for ${H}x${W}: $line"
screenshot R
"$CONVERT" "$SHOT" -rotate -90 -crop "${H}x1800+0+0" +repage "$TMP/R-back-top.png" ||
  fail "cannot turn the screenshot back"
pixels_differ "$TMP/R-back-top.png" "$TMP/portrait-top.png"
((AE <= SAME_MAX)) || fail "the turned screen differs from --render --size ${H}x${W} in $AE pixels"
ok "the screen, turned back by 90 degrees, matches --render --size ${H}x${W}: $AE pixels differ"
pixels_differ "$SHOT" "$A"
((AE > DIFFERENT_MIN)) || fail "the turned screen looks like the unturned one ($AE pixels differ)"
xdotool key Escape
for ((i = 0; i < 50; i++)); do
  kill -0 "$APP_PID" 2>/dev/null || break
  sleep 0.1
done
status=0
wait "$APP_PID" || status=$?
APP_PID=""
((status == 0)) || fail "kiosk --rotate 90 exited with status $status after Escape, expected 0"
ok "Escape: exit status 0"
echo "PASS: xvfb_test"
