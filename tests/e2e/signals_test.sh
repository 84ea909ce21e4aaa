#!/usr/bin/env bash
# End-to-end test of kiosk as a service, with SDL's dummy video driver (no display needed,
# so it runs under qemu-user too): a fake systemd notify socket receives READY=1 after the
# first frame and WATCHDOG=1 from the loop; SIGHUP reloads the playlist; SIGTERM exits 0.
# And signals in the first milliseconds: SIGTERM sent right after the start exits 0 (not
# 143), SIGHUP right after the start does not kill (not 129), 20 times each.
#
# Usage: tests/e2e/signals_test.sh path/to/kiosk   (python3 listens on the notify socket)
set -euo pipefail

# shellcheck source=tests/e2e/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
take_kiosk_binary "$@"

TMP=$(mktemp -d)
APP_PID=""
LISTENER_PID=""
cleanup() {
  local status=$?
  for pid in $APP_PID $LISTENER_PID; do kill -9 "$pid" 2>/dev/null || true; done
  if ((status == 0)); then rm -rf -- "$TMP"; else echo "Logs kept in $TMP" >&2; fi
}
trap cleanup EXIT

fail() {
  echo "FAIL: $*" >&2
  [[ -s $TMP/kiosk.log ]] && { echo "--- kiosk stderr:" >&2; cat "$TMP/kiosk.log" >&2; }
  [[ -s $TMP/notify.log ]] && { echo "--- notify socket:" >&2; cat "$TMP/notify.log" >&2; }
  exit 1
}
ok() { echo "  ok: $*"; }
wait_for() {  # wait_for FILE PATTERN SECONDS
  local i
  for ((i = 0; i < $3 * 10; i++)); do
    grep -q -- "$2" "$1" 2>/dev/null && return 0
    sleep 0.1
  done
  return 1
}

# systemd's side of sd_notify: a datagram socket, every message one line in notify.log.
python3 -u - "$TMP/notify" >"$TMP/notify.log" <<'PY' &
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
while True:
    print(s.recv(4096).decode().replace("\n", " | "))
PY
LISTENER_PID=$!
for ((i = 0; i < 50; i++)); do [[ -S $TMP/notify ]] && break; sleep 0.1; done
[[ -S $TMP/notify ]] || fail "the notify socket did not appear"

printf '{"slides": [{"text": "eins"}, {"text": "zwei"}]}\n' >"$TMP/playlist.json"

echo "== kiosk under a fake systemd (WatchdogSec=1, dummy video driver)"
# WATCHDOG_PID is left unset: sd_watchdog_enabled then accepts the watchdog as ours.
env -u DISPLAY -u WAYLAND_DISPLAY SDL_VIDEODRIVER=dummy NOTIFY_SOCKET="$TMP/notify" \
  WATCHDOG_USEC=1000000 "$KIOSK" --size 640x360 "$TMP/playlist.json" \
  >"$TMP/kiosk.out" 2>"$TMP/kiosk.log" </dev/null &
APP_PID=$!
wait_for "$TMP/kiosk.log" 'first frame on screen' 60 || fail "no first frame within 60 s"
ok "$(grep -o 'first frame on screen after [0-9]* ms' "$TMP/kiosk.log")"
wait_for "$TMP/notify.log" 'READY=1' 5 || fail "no READY=1 on the notify socket"
ok "READY=1: $(grep -m1 READY=1 "$TMP/notify.log")"
# A paused or static slide sleeps in SDL_WaitEvent: the watchdog must still be fed.
sleep 2
feeds=$(grep -c '^WATCHDOG=1$' "$TMP/notify.log" || true)
((feeds >= 3)) || fail "only $feeds WATCHDOG=1 in 2 s with WatchdogSec=1 (want one every 0.5 s)"
ok "$feeds WATCHDOG=1 messages so far"

echo "== SIGHUP"
kill -HUP "$APP_PID"
wait_for "$TMP/kiosk.log" 'reloaded: ' 30 || fail "no \"reloaded\" after SIGHUP"
grep -q 'reloading' "$TMP/kiosk.log" || fail "no \"reloading\" line after SIGHUP"
kill -0 "$APP_PID" 2>/dev/null || fail "kiosk died of SIGHUP"
wait_for "$TMP/notify.log" 'RELOADING=1' 5 || fail "no RELOADING=1 on the notify socket"
ok "$(grep -o 'reloaded: .*' "$TMP/kiosk.log")"

echo "== SIGTERM"
kill -TERM "$APP_PID"
for ((i = 0; i < 100; i++)); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.1; done
kill -0 "$APP_PID" 2>/dev/null && fail "kiosk still runs 10 s after SIGTERM"
status=0
wait "$APP_PID" || status=$?
APP_PID=""
((status == 0)) || fail "kiosk exited with status $status after SIGTERM, expected 0"
grep -q 'SIGTERM: quitting' "$TMP/kiosk.log" || fail "no \"SIGTERM: quitting\" line"
wait_for "$TMP/notify.log" 'STOPPING=1' 2 || fail "no STOPPING=1 on the notify socket"
ok "exit status 0, STOPPING=1 sent"
echo "== signals in the first milliseconds"
# kiosk blocks SIGTERM, SIGINT and SIGHUP first thing in main; from then on one that comes
# must be handled: TERM exits 0 (not 143), HUP does not kill (not 129), also before SDL is
# up. (Before main the dynamic loader runs, about 5-10 ms for SDL's libraries: a signal
# then kills any program; only whoever starts kiosk can block it over the exec.)
blocked() {  # blocked PID: SIGHUP (1) and SIGTERM (15) are in the process's blocked mask
  local mask
  mask=$(awk '/^SigBlk:/ {print $2}' "/proc/$1/status" 2>/dev/null) || return 1
  [[ -n $mask ]] && (((16#$mask & 0x4001) == 0x4001))
}
early_start() {
  env -u DISPLAY -u WAYLAND_DISPLAY -u NOTIFY_SOCKET SDL_VIDEODRIVER=dummy \
    "$KIOSK" --size 640x360 "$TMP/playlist.json" >/dev/null 2>"$TMP/kiosk.log" </dev/null &
  APP_PID=$!
  local i
  for ((i = 0; i < 5000; i++)); do blocked "$APP_PID" && return 0; done
  fail "kiosk did not block SIGTERM and SIGHUP at start"
}
if [[ $(head -c2 "$KIOSK") == "#!" ]]; then
  # The emulator's wrapper (qemu-user keeps the guest's signal mask to itself: SigBlk
  # shows the host's).
  ok "signals in the first milliseconds: not tried under an emulator"
  echo "PASS: signals_test"
  exit 0
fi
for ((round = 1; round <= 20; round++)); do
  early_start
  kill -TERM "$APP_PID"
  status=0
  wait "$APP_PID" || status=$?
  APP_PID=""
  ((status == 0)) || fail "round $round: SIGTERM right after the start: exit $status, expected 0"
  grep -q 'SIGTERM: quitting' "$TMP/kiosk.log" || fail "round $round: no \"SIGTERM: quitting\""
done
ok "SIGTERM as soon as kiosk runs, 20 times: exit 0"
for ((round = 1; round <= 20; round++)); do
  early_start
  kill -HUP "$APP_PID"
  if ! wait_for "$TMP/kiosk.log" 'first frame on screen' 30; then
    kill -0 "$APP_PID" 2>/dev/null || fail "round $round: killed by SIGHUP right after the start"
    fail "round $round: no first frame within 30 s"
  fi
  kill -0 "$APP_PID" 2>/dev/null || fail "round $round: killed by SIGHUP right after the start"
  kill -TERM "$APP_PID"
  status=0
  wait "$APP_PID" || status=$?
  APP_PID=""
  ((status == 0)) || fail "round $round: after an early SIGHUP, SIGTERM: exit $status, expected 0"
done
ok "SIGHUP as soon as kiosk runs, 20 times: kiosk lives on"
# As the unit starts it (env --block-signal over the exec): a signal sent as soon as env
# has blocked them, while kiosk's dynamic loader still runs, waits for kiosk.
for ((round = 1; round <= 20; round++)); do
  : >"$TMP/kiosk.log"
  env -u DISPLAY -u WAYLAND_DISPLAY -u NOTIFY_SOCKET SDL_VIDEODRIVER=dummy \
    env --block-signal=TERM,HUP,INT "$KIOSK" --size 640x360 "$TMP/playlist.json" \
    >/dev/null 2>"$TMP/kiosk.log" </dev/null &
  APP_PID=$!
  for ((i = 0; i < 5000; i++)); do blocked "$APP_PID" && break; done
  blocked "$APP_PID" || fail "round $round: env did not block SIGTERM and SIGHUP"
  kill -HUP "$APP_PID"
  kill -TERM "$APP_PID"
  status=0
  wait "$APP_PID" || status=$?
  APP_PID=""
  ((status == 0)) || fail "round $round (as the unit starts it): HUP and TERM at once: exit $status, expected 0"
done
ok "as the unit starts it (env --block-signal): HUP and TERM at once, 20 times: exit 0"
echo "PASS: signals_test"
