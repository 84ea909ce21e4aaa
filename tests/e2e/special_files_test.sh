#!/usr/bin/env bash
# End-to-end test: files that are not regular files never hang kiosk. A FIFO (open()
# without O_NONBLOCK would wait forever for a writer), /dev/zero (an endless read) and a
# file over the size limit, as the playlist of --check and --render, and a FIFO renamed
# over the playlist of a running show (SDL's dummy video driver): each is an error at
# once, and the show stays responsive (SIGTERM: exit 0).
#
# Usage: tests/e2e/special_files_test.sh path/to/kiosk
set -euo pipefail

# shellcheck source=tests/e2e/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
take_kiosk_binary "$@"
unset DISPLAY WAYLAND_DISPLAY
export SDL_VIDEODRIVER=dummy

use_scratch_and_app

# refused FILE EXPECTED MODE...: kiosk MODE FILE exits 1 within 10 s (qemu), saying EXPECTED.
refused() {
  local file=$1 expected=$2
  shift 2
  local t0 status=0
  t0=$(now_ms)
  timeout -s KILL 10 "$KIOSK" "$@" "$file" >"$T/out" 2>"$T/log" </dev/null || status=$?
  ((status != 137)) || fail "kiosk $* $file hangs (killed after 10 s)"
  ((status == 1)) || fail "kiosk $* $file exited $status, expected 1"
  grep -qF -- "$file: error: cannot read: $expected" "$T/log" || fail "no \"$expected\" for kiosk $* $file"
  ok "kiosk $* $(basename "$file"): exit 1 after $(($(now_ms) - t0)) ms: $(head -n1 "$T/log")"
}

echo "== --check and --render refuse what is not a regular file, at once"
mkfifo "$T/fifo.json"
refused "$T/fifo.json" "not a regular file (a FIFO)" --check
refused "$T/fifo.json" "not a regular file (a FIFO)" --render "$T/out-dir"
refused /dev/zero "not a regular file (a character device)" --check
refused "$T" "is a directory" --check
truncate -s 5M "$T/big.json"
refused "$T/big.json" "file too large (over 4 MiB)" --check

echo "== a FIFO renamed over the playlist of a running show"
P=$T/show/p.json
mkdir -p "$T/show"
echo '{"lang": "zz", "slides": [{"text": "eins"}, {"text": "zwei"}]}' >"$P"
"$KIOSK" --windowed --size 640x360 "$P" 2>"$T/log" >/dev/null </dev/null &
APP_PID=$!
for ((i = 0; i < 500; i++)); do
  grep -q 'first frame on screen' "$T/log" && break
  kill -0 "$APP_PID" 2>/dev/null || fail "kiosk exited at start"
  sleep 0.02
done
grep -q 'first frame on screen' "$T/log" || fail "no first frame within 10 s"
mkfifo "$T/show/new.fifo"
mv "$T/show/new.fifo" "$P"
for ((i = 0; i < 250; i++)); do
  grep -q 'still showing the last good version' "$T/log" && break
  sleep 0.02
done
grep -qF "$P: error: cannot read: not a regular file (a FIFO)" "$T/log" ||
  fail "no \"not a regular file (a FIFO)\" within 5 s of the FIFO replacing the playlist"
ok "$(grep -F "$P: error: cannot read:" "$T/log")"
echo '{"lang": "zz", "slides": [{"text": "eins"}, {"text": "zwei"}, {"text": "drei"}]}' >"$T/show/.tmp"
mv "$T/show/.tmp" "$P"
for ((i = 0; i < 250; i++)); do grep -q 'reloaded: 3 slides' "$T/log" && break; sleep 0.02; done
grep -q 'reloaded: 3 slides' "$T/log" || fail "a good playlist after the FIFO was not reloaded"
ok "a good playlist after it: reloaded"
mkfifo "$T/show/new.fifo"
mv "$T/show/new.fifo" "$P"
sleep 0.5  # past the reload's quiet time: the loop reads the FIFO now
t0=$(now_ms)
kill -TERM "$APP_PID"
for ((i = 0; i < 250; i++)); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.02; done
kill -0 "$APP_PID" 2>/dev/null && fail "kiosk still runs 5 s after SIGTERM with a FIFO as its playlist"
status=0
wait "$APP_PID" || status=$?
APP_PID=""
((status == 0)) || fail "kiosk exited $status after SIGTERM, expected 0"
ok "SIGTERM with a FIFO as the playlist: exit 0 after $(($(now_ms) - t0)) ms"

echo "PASS: special_files_test"
