#!/usr/bin/env bash
# End-to-end test of `kiosk --render DIR`: the bundled resolution renders without any display,
# one non-blank PNG per slide, at the default size and at --size; a missing playlist fails.
#
# Usage: tests/e2e/render_test.sh path/to/kiosk
set -euo pipefail
shopt -s nullglob

# shellcheck source=tests/e2e/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
take_kiosk_binary "$@"

# ImageMagick by absolute path: a stub named `convert` may shadow it on PATH.
CONVERT=/usr/bin/convert
[[ -x $CONVERT ]] || { echo "FAIL: $CONVERT not found (apt-get install imagemagick)" >&2; exit 1; }

# --render must work on a machine without any display server.
unset DISPLAY WAYLAND_DISPLAY SDL_VIDEODRIVER

TMP=$(mktemp -d)
trap 'rm -rf -- "$TMP"' EXIT

fail() {
  echo "FAIL: $*" >&2
  exit 1
}
ok() { echo "  ok: $*"; }

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# --- The slide count, from the binary itself ---------------------------------------------
echo "== kiosk --check (slide count of the bundled resolution)"
check_out=$("$KIOSK" --check) || fail "kiosk --check on the bundled resolution exited $?"
# "/path/slides/resolution.json: ok, 13 slides"
SLIDES=$(sed -n 's/.*: ok, \([0-9][0-9]*\) slides.*/\1/p' <<<"$check_out")
[[ -n $SLIDES && $SLIDES -gt 0 ]] || fail "cannot read the slide count from: $check_out"
ok "$SLIDES slides ($check_out)"

# Checks one picture: size WxH and not blank. The bottom 8 % (progress bar and slide counter)
# is cut away first, so a slide whose text is missing cannot pass on its chrome alone.
check_png() {
  local file=$1 want_w=$2 want_h=$3
  local body_h=$((want_h * 92 / 100))
  local stats size colours stddev
  stats=$("$CONVERT" "$file" -format '%wx%h ' -write info: \
    -crop "${want_w}x${body_h}+0+0" +repage -format '%k %[fx:standard_deviation]' info:) ||
    fail "$file: convert failed"
  read -r size colours stddev <<<"$stats"
  [[ $size == "${want_w}x${want_h}" ]] || fail "$(basename "$file"): ${size}, expected ${want_w}x${want_h}"
  # A slide of text has hundreds of colours (anti-aliasing) and a standard deviation of
  # 0.13-0.3; a blank one has 1 colour and 0.
  if ((colours <= 50)) || ! awk -v s="$stddev" 'BEGIN { exit !(s > 0.05) }'; then
    fail "$(basename "$file") looks blank: $colours colours, standard deviation $stddev (want > 50 and > 0.05)"
  fi
  echo "  ok: $(basename "$file") ${size}, $colours colours, stddev $stddev"
}

# Renders the bundled resolution into a fresh directory and checks every picture.
render_and_check() {
  local w=$1 h=$2
  shift 2
  local dir="$TMP/render-${w}x${h}"
  echo "== kiosk --render DIR $* (expect $SLIDES pictures of ${w}x${h})"
  local start end out status=0
  start=$(now_ms)
  out=$("$KIOSK" --render "$dir" "$@" 2>"$TMP/stderr") || status=$?
  end=$(now_ms)
  if ((status != 0)); then
    cat "$TMP/stderr" >&2
    fail "kiosk --render $* exited $status, expected 0"
  fi
  ok "exit 0 after $((end - start)) ms"
  local files=("$dir"/*)
  local pngs=("$dir"/slide-[0-9][0-9][0-9].png)
  local names="${files[*]##*/}"
  ((${#files[@]} == SLIDES)) || fail "$dir holds ${#files[@]} files, expected $SLIDES: $names"
  ((${#pngs[@]} == SLIDES)) || fail "expected $SLIDES slide-NNN.png files, found: $names"
  local i
  for ((i = 1; i <= SLIDES; i++)); do
    local f
    f=$(printf '%s/slide-%03d.png' "$dir" "$i")
    [[ -f $f ]] || fail "missing $(basename "$f")"
    grep -qF "$f:" <<<"$out" || fail "stdout does not name $f"
    check_png "$f" "$w" "$h"
  done
  if grep -q 'below the minimum' <<<"$out"; then
    echo "  note: some slides are below the minimum text size at ${w}x${h}:"
    grep 'below the minimum' <<<"$out" | sed 's/^/    /'
  fi
}

render_and_check 1920 1080
render_and_check 1080 1920 --size 1080x1920
render_and_check 1280 720 --size 1280x720

# --- A playlist that does not exist -----------------------------------------------------
echo "== kiosk --render DIR missing.json"
missing="$TMP/does-not-exist.json"
status=0
"$KIOSK" --render "$TMP/render-missing" "$missing" >"$TMP/stdout" 2>"$TMP/stderr" || status=$?
((status == 1)) || fail "rendering a missing playlist exited $status, expected 1 (stderr: $(cat "$TMP/stderr"))"
grep -qF "$missing" "$TMP/stderr" || fail "the message does not name $missing: $(cat "$TMP/stderr")"
ok "exit 1: $(head -n1 "$TMP/stderr")"
if compgen -G "$TMP/render-missing/*.png" >/dev/null; then
  fail "pictures were written for a missing playlist"
fi
ok "no pictures written"

echo "PASS: render_test"
