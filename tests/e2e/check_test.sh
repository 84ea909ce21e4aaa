#!/usr/bin/env bash
# End-to-end test of the command line: --check diagnostics, --help, --version, usage errors.
# Each case is one line: expect EXIT_CODE PATTERN... -- ARGS...
#   PATTERN is an extended regex (grep -E) that must match a line of the output:
#   "out:REGEX" only stdout, "err:REGEX" only stderr, a bare REGEX either of them.
#
# Usage: tests/e2e/check_test.sh path/to/kiosk
set -euo pipefail

# shellcheck source=tests/e2e/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
take_kiosk_binary "$@"
unset DISPLAY WAYLAND_DISPLAY SDL_VIDEODRIVER

T=$(mktemp -d)
trap 'rm -rf -- "$T"' EXIT
# shellcheck disable=SC2001
TRE=$(sed 's/[][\\.*^$+?(){}|]/\\&/g' <<<"$T")  # $T as a regex

CASES=0
expect() {
  local want=$1
  shift
  local patterns=()
  while [[ $# -gt 0 && $1 != -- ]]; do
    patterns+=("$1")
    shift
  done
  [[ ${1-} == -- ]] || { echo "FAIL: test bug: expect without --" >&2; exit 1; }
  shift
  CASES=$((CASES + 1))
  local status=0
  "$KIOSK" "$@" >"$T/out" 2>"$T/err" </dev/null || status=$?
  local problem=""
  if ((status != want)); then
    problem="exit status $status, expected $want"
  else
    local p where re
    for p in "${patterns[@]}"; do
      case $p in
        out:*) where=("$T/out"); re=${p#out:} ;;
        err:*) where=("$T/err"); re=${p#err:} ;;
        *) where=("$T/out" "$T/err"); re=$p ;;
      esac
      if ! cat "${where[@]}" | grep -qE -- "$re"; then
        problem="no output line matches /$p/"
        break
      fi
    done
  fi
  if [[ -n $problem ]]; then
    echo "FAIL: kiosk $*: $problem" >&2
    echo "--- stdout:" >&2
    cat "$T/out" >&2
    echo "--- stderr:" >&2
    cat "$T/err" >&2
    exit 1
  fi
  echo "  ok: exit $status: kiosk $*"
}

# Playlists to check. syntax.json misses a comma at the end of line 2, found on line 3.
printf '{\n  "duration": 5\n  "slides": [{"text": "a"}]\n}\n' >"$T/syntax.json"
echo '{"slides": [{"text": "a", "duration": -1}]}' >"$T/negative.json"
echo '{"slides": [{"text": "a", "colour": "red"}]}' >"$T/unknown.json"
echo '{"slides": [{"text": "a", "duraton": 5}]}' >"$T/typo.json"
echo '{"slides": []}' >"$T/empty.json"
echo '{"slides": [{"text": "a", "align": "middle"}], "theme": {"background": "blue"}}' >"$T/two.json"
printf '{"slides": [{"text": "eins"}, {"title": "zwei"}]}\n' >"$T/good.json"

echo "== --check"
expect 0 'out:: ok, [0-9]+ slides' -- --check
expect 0 'out:good\.json: ok, 2 slides$' -- --check "$T/good.json"
expect 1 "err:^$TRE/syntax\.json:3:[0-9]+: error: " 'out:syntax\.json: 1 error' -- --check "$T/syntax.json"
expect 1 'err:error: slides\[0\]\.duration: must be a number' -- --check "$T/negative.json"
expect 0 'err:warning: slides\[0\]\.colour: unknown key' 'out:ok, 1 slides?, 1 warning' -- --check "$T/unknown.json"
expect 0 'err:slides\[0\]\.duraton: .*did you mean "duration"' -- --check "$T/typo.json"
expect 1 'err:error: slides: is empty' -- --check "$T/empty.json"
expect 1 'err:slides\[0\]\.align' 'err:theme\.background' 'out:2 errors' -- --check "$T/two.json"
expect 1 "err:$TRE/missing\.json: error: cannot read" -- --check "$T/missing.json"

echo "== issue 10: strobing durations, injected text, CR-only lines, languages"
echo '{"slides": [{"text": "a"}, {"text": "b"}, {"text": "c", "duration": 0.000001}]}' >"$T/strobe.json"
expect 1 'err:slides\[2\]\.duration: must be a number of seconds from 1 to 86400, not 1e-06$' \
  'out:strobe\.json: 1 error$' -- --check "$T/strobe.json"
printf '{"slides": [{"text": "a", "\\u001b[2J\\ninjected": 1}]}' >"$T/inject.json"
expect 0 'err:warning: slides\[0\]\.\\x1b\[2J\\ninjected: unknown key, ignored$' \
  'out:ok, 1 slide, 1 warning$' -- --check "$T/inject.json"
if grep -q $'\x1b' "$T/err"; then echo "FAIL: an escape character reached stderr" >&2; exit 1; fi
printf '{"lang": "xx", "slides": [{"text": "a"}]}' >"$T/xx.json"
expect 0 'err:warning: lang: no hyphenation patterns for "xx"; words will not be hyphenated$' \
  -- --check "$T/xx.json"
printf '{"lang": "DE", "slides": [{"text": "a"}]}' >"$T/DE.json"
expect 0 'out:DE\.json: ok, 1 slide$' -- --check "$T/DE.json"
printf '{\r"slides": [\r{"text": "a"}\r{"text": "b"}]\r}\r' >"$T/cr.json"
expect 1 'err:cr\.json:4:1: error: ' -- --check "$T/cr.json"

echo "== a font_file that is not a font (random bytes, a copy cut short)"
head -c 20000 /dev/urandom >"$T/garbage.ttf"
head -c 200000 /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf >"$T/cut.ttf"
for font in garbage cut; do
  printf '{"lang": "zz", "theme": {"font_file": "%s.ttf"}, "slides": [{"text": "a"}]}\n' "$font" \
    >"$T/$font.json"
  expect 1 "err:^$TRE/$font\.json: error: theme\.font_file: $TRE/$font\.ttf: not a font FreeType can load" \
    'out:1 error' -- --check "$T/$font.json"
  expect 1 "err:theme\.font_file: $TRE/$font\.ttf: not a font" -- --render "$T/render" "$T/$font.json"
done
# Live, it is a playlist error like any other: the error screen, not an exit (dummy driver).
: >"$T/live.log"
SDL_VIDEODRIVER=dummy "$KIOSK" --windowed --size 640x360 "$T/garbage.json" 2>"$T/live.log" \
  >/dev/null </dev/null &
LIVE=$!
for ((i = 0; i < 500; i++)); do
  grep -q 'first frame on screen' "$T/live.log" && break
  kill -0 "$LIVE" 2>/dev/null || break
  sleep 0.02
done
if ! kill -0 "$LIVE" 2>/dev/null; then
  status=0
  wait "$LIVE" || status=$?
  echo "FAIL: the live show exited $status with a garbage font_file:" >&2
  cat "$T/live.log" >&2
  exit 1
fi
kill -TERM "$LIVE"
status=0
wait "$LIVE" || status=$?
if ! grep -q "showing the playlist's errors on screen" "$T/live.log" ||
  ! grep -qE "theme\.font_file: $TRE/garbage\.ttf: not a font" "$T/live.log" ||
  grep -q /proc/self/fd "$T/live.log" || ((status != 0)); then
  echo "FAIL: live start with a garbage font_file: no error screen naming the file (exit $status)" >&2
  cat "$T/live.log" >&2
  exit 1
fi
echo "  ok: live start with a garbage font_file shows the error screen"

echo "== a show with no display to show on"
# SDL would fall back to its invisible offscreen driver: kiosk refuses, so systemd or the
# desktop's autostart tries again instead of a show that nobody can see.
DISPLAY=:199 WAYLAND_DISPLAY= SDL_VIDEODRIVER= expect 1 \
  'err:cannot open the display: no X server at DISPLAY=:199' -- "$T/good.json"

echo "== --help, --version"
expect 0 'out:^Usage: kiosk' 'out:PageDown' 'out:Escape' 'out:Exit status' -- --help
expect 0 'out:^kiosk [0-9]+\.[0-9]+\.[0-9]+' -- --version

echo "== usage errors exit 2"
expect 2 'err:--no-such-option' 'err:kiosk --help' -- --no-such-option
expect 2 'err:--size.*foo' -- --size foo --check
expect 2 'err:--size' -- --size 10x10 --check
expect 2 'err:--size' -- --size 1920x --check
expect 2 'err:--size: each side from 16 to 7680' -- --render "$T/big" --size 16384x16384 "$T/good.json"
expect 2 'err:PLAYLIST is an empty string' -- --check ""
expect 2 'err:PLAYLIST is an empty string' -- --render "$T/empty-dir" ""
expect 2 'err:PLAYLIST is an empty string' -- ""
expect 2 'err:(--check.*--render|--render.*--check)' -- --check --render "$T/out-dir"
expect 2 'err:not expected' -- --check "$T/good.json" "$T/good.json"

echo "PASS: check_test ($CASES cases)"
