#!/usr/bin/env bash
# End-to-end test of hot reload with SDL's dummy video driver (no display needed): saves by
# rename and by truncate-and-write are picked up, a broken save keeps the last good content
# and names FILE:LINE:COL, a playlist broken at start shows its errors and recovers once
# fixed, --render stays strict. Prints the latency from save to new frame.
#
# Usage: tests/e2e/reload_test.sh path/to/kiosk
set -euo pipefail

# shellcheck source=tests/e2e/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
take_kiosk_binary "$@"
unset DISPLAY WAYLAND_DISPLAY
export SDL_VIDEODRIVER=dummy

T=$(mktemp -d)
APP_PID=""
cleanup() {
  if [[ -n $APP_PID ]] && kill -0 "$APP_PID" 2>/dev/null; then
    kill -9 "$APP_PID" 2>/dev/null || true
  fi
  rm -rf -- "$T"
}
trap cleanup EXIT

fail() {
  echo "FAIL: $*" >&2
  [[ -f $T/log ]] && { echo "--- kiosk stderr:" >&2; cat "$T/log" >&2; }
  exit 1
}
ok() { echo "  ok: $*"; }
now_ms() { echo $(($(date +%s%N) / 1000000)); }

# wait_for N REGEX: until the log has N lines matching REGEX (10 s at most).
wait_for() {
  local n=$1 re=$2 i
  for ((i = 0; i < 500; i++)); do
    (($(grep -cE -- "$re" "$T/log" || true) >= n)) && return 0
    kill -0 "$APP_PID" 2>/dev/null || fail "kiosk exited while waiting for /$re/"
    sleep 0.02
  done
  fail "no ${n}th log line matching /$re/ within 10 s"
}

start() {
  : >"$T/log"
  "$KIOSK" --windowed --size 640x360 "$@" 2>"$T/log" >/dev/null </dev/null &
  APP_PID=$!
  wait_for 1 'first frame on screen'
}

stop() {
  kill -TERM "$APP_PID"
  local status=0
  wait "$APP_PID" || status=$?
  APP_PID=""
  ((status == 0)) || fail "kiosk exited $status after SIGTERM, expected 0"
}

P=$T/show/p.json
mkdir -p "$T/show"
# "lang": "zz" has no hyphenation patterns: loading German ones takes seconds (far longer
# under the sanitizers) and quitting waits for that load, which is not what this tests.

echo "== a running show picks up saves"
echo '{"lang": "zz", "slides": [{"text": "eins"}, {"text": "zwei"}]}' >"$P"
start "$P"
ok "started: $(grep 'first frame' "$T/log")"

t0=$(now_ms)
echo '{"lang": "zz", "slides": [{"text": "eins"}, {"text": "zwei"}, {"text": "drei"}]}' >"$T/show/.p.json.tmp"
mv "$T/show/.p.json.tmp" "$P"  # how most editors save
wait_for 1 'new content on screen'
grep -q 'reloaded: 3 slides' "$T/log" || fail "no 'reloaded: 3 slides'"
ok "save by rename: on screen after $(($(now_ms) - t0)) ms as the test saw it; kiosk: $(grep 'new content on screen' "$T/log" | tail -n1 | sed 's/^kiosk: //')"

t0=$(now_ms)
echo '{"lang": "zz", "slides": [{"text": "eins"}, {"text": "zwei"}]}' >"$P"  # truncate and write
wait_for 2 'new content on screen'
grep -q 'reloaded: 2 slides' "$T/log" || fail "no 'reloaded: 2 slides'"
ok "truncate and write: on screen after $(($(now_ms) - t0)) ms as the test saw it; kiosk: $(grep 'new content on screen' "$T/log" | tail -n1 | sed 's/^kiosk: //')"

echo "== a broken save keeps the last good content"
printf '{"lang": "zz", "slides": [\n  {"text": "eins"}\n  {"text": "zwei"}\n]}\n' >"$P"
wait_for 1 'still showing the last good version'
grep -qE "^$P:3:3: error: .*comma missing" "$T/log" || fail "no FILE:LINE:COL error for the missing comma"
ok "$(grep -E "^$P:3:3" "$T/log")"
echo '{"lang": "zz", "slides": [{"text": "eins", "duration": 5, "duration": 6}]}' >"$P"
wait_for 2 'still showing the last good version'
grep -qF "$P: error: slides[0].duration: given more than once" "$T/log" || fail "no duplicate key error"
ok "duplicate key refused"
echo '{"lang": "zz", "slides": [{"text": "fixed"}]}' >"$P"
wait_for 1 'reloaded: 1 slide$'
ok "fixed: reloaded"
stop
ok "SIGTERM: exit 0"

echo "== broken at start: the errors on screen, then recovery"
printf '{"lang": "zz", "slides": [\n  {"text": "eins",}\n]}\n' >"$P"
start "$P"
grep -q "showing the playlist's errors on screen" "$T/log" || fail "no error screen"
grep -qE "^$P:2:19: error: " "$T/log" || fail "no FILE:LINE:COL error"
ok "error screen shown: $(grep -E "^$P:2:19" "$T/log")"
echo '{"lang": "zz", "slides": [{"text": "eins", "duration": -1}]}' >"$P"
wait_for 1 'still has errors: showing them'
ok "still broken: the error screen shows the new errors"
echo '{"lang": "zz", "slides": [{"text": "eins"}, {"text": "zwei"}]}' >"$P"
wait_for 1 'reloaded: 2 slides'
ok "fixed: the show starts by itself"
stop

echo "== a missing playlist at start: error screen until it appears"
rm -f "$P"
start "$P"
grep -qF "$P: error: cannot read: No such file or directory" "$T/log" || fail "no missing-file error"
echo '{"lang": "zz", "slides": [{"text": "da"}]}' >"$T/show/new.tmp"
mv "$T/show/new.tmp" "$P"
wait_for 1 'reloaded: 1 slide$'
ok "the file appeared: the show starts"
stop

echo "== --render and --check stay strict"
echo '{"lang": "zz", "slides": [' >"$P"
status=0
"$KIOSK" --render "$T/out" "$P" >/dev/null 2>&1 || status=$?
((status == 1)) || fail "--render of a broken playlist exited $status, expected 1"
ok "--render: exit 1"
status=0
"$KIOSK" --check "$P" >/dev/null 2>&1 || status=$?
((status == 1)) || fail "--check of a broken playlist exited $status, expected 1"
ok "--check: exit 1"

echo "PASS: reload_test"
