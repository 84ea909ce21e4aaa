#!/usr/bin/env bash
# The control socket end to end: the real kiosk on a virtual X server (Xvfb), steered only
# through `kiosk ctl`. Every command changes the picture (or the status) as it should;
# bad requests change nothing; 50 clients at once, a client that never reads, a 100 MB
# line and garbage bytes leave it answering; the socket is 0660; a socket left by kill -9
# is removed and made again on the next start; a clean stop removes it.
#
# Usage: tests/e2e/control_test.sh path/to/kiosk
# Needs: xvfb, x11-utils (xdpyinfo), imagemagick (import, compare, convert), python3.
set -euo pipefail

# shellcheck source=tests/e2e/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
take_kiosk_binary "$@"

W=640
H=360
IMPORT=/usr/bin/import
COMPARE=/usr/bin/compare
CONVERT=/usr/bin/convert
for tool in Xvfb xdpyinfo python3 setpriv; do
  command -v "$tool" >/dev/null || { echo "FAIL: $tool not found (see scripts/install-deps.sh)" >&2; exit 1; }
done
for tool in "$IMPORT" "$COMPARE" "$CONVERT"; do
  [[ -x $tool ]] || { echo "FAIL: $tool not found (apt-get install imagemagick)" >&2; exit 1; }
done

T=$(mktemp -d)
XVFB_PID=""
APP_PID=""
stop_pid() {
  local pid=$1 i
  kill -0 "$pid" 2>/dev/null || return 0
  kill "$pid" 2>/dev/null || true
  for ((i = 0; i < 30; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
cleanup() {
  local status=$?
  [[ -n $APP_PID ]] && stop_pid "$APP_PID"
  [[ -n $XVFB_PID ]] && stop_pid "$XVFB_PID"
  if ((status == 0)); then rm -rf -- "$T"; else echo "Screenshots and logs kept in $T" >&2; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
fail() {
  echo "FAIL: $*" >&2
  [[ -s $T/log ]] && { echo "--- kiosk stderr:" >&2; tail -n 40 "$T/log" >&2; }
  exit 1
}
ok() { echo "  ok: $*"; }

SOCK=$T/run/kiosk.sock
mkdir -m 0755 "$T/run"
chmod 0755 "$T"  # so that only the socket's own mode keeps another user out

# ctl ARGS...: runs `kiosk ctl --socket $SOCK ARGS`; OUT = its stdout, ERR = stderr, RC = status.
ctl() {
  RC=0
  OUT=$("$KIOSK" ctl --socket "$SOCK" "$@" 2>"$T/ctl.err") || RC=$?
  ERR=$(cat "$T/ctl.err")
}
# expect RC OUT ARGS...: ctl ARGS must exit RC and print exactly OUT.
expect() {
  local rc=$1 out=$2
  shift 2
  ctl "$@"
  [[ $RC == "$rc" && $OUT == "$out" ]] ||
    fail "kiosk ctl $*: exit $RC, stdout '$OUT', stderr '$ERR'; expected exit $rc and '$out'"
}
# field NAME: FIELD = a field of `kiosk ctl status`, as JSON (a dotted NAME goes deeper).
FIELD=""
field() {
  ctl status
  ((RC == 0)) || fail "kiosk ctl status: exit $RC: $OUT $ERR"
  FIELD=$(python3 -c 'import json,sys; v=json.loads(sys.argv[1]); [v:=v[k] for k in sys.argv[2].split(".")]; print(json.dumps(v))' "$OUT" "$1")
}
expect_field() {
  field "$1"
  [[ $FIELD == "$2" ]] || fail "status $1 is $FIELD, expected $2 (status: $OUT)"
}

SHOT=""
screenshot() {
  SHOT=$T/$1.png
  "$IMPORT" -window root "$SHOT" 2>"$T/import.log" || fail "import: $(cat "$T/import.log")"
}
AE=0
pixels_differ() {
  local out status=0
  out=$("$COMPARE" -metric AE -fuzz 10% "$1" "$2" null: 2>&1) || status=$?
  ((status <= 1)) || fail "compare $1 $2: $out"
  AE=$(awk -v n="$out" 'BEGIN { printf "%d", n + 0 }')
}
# shows NAME REFERENCE: a screenshot NAME that matches REFERENCE within 2 s.
shows() {
  local i
  for ((i = 0; i < 20; i++)); do
    screenshot "$1"
    pixels_differ "$SHOT" "$2"
    ((AE <= 200)) && return 0
    sleep 0.1
  done
  fail "$1 differs from $(basename "$2") in $AE pixels"
}
# differs NAME REFERENCE: a screenshot NAME that differs from REFERENCE in many pixels.
differs() {
  screenshot "$1"
  pixels_differ "$SHOT" "$2"
  ((AE > 1000)) || fail "$1 hardly differs from $(basename "$2") ($AE pixels)"
}

start_kiosk() {
  : >"$T/log"
  "$KIOSK" --windowed --size "${W}x${H}" --control "$SOCK" "$T/p.json" >/dev/null 2>>"$T/log" </dev/null &
  APP_PID=$!
  local i
  for ((i = 0; i < 200; i++)); do
    grep -q 'first frame on screen' "$T/log" && grep -q 'control socket' "$T/log" && return 0
    kill -0 "$APP_PID" 2>/dev/null || fail "kiosk exited before its first frame"
    sleep 0.1
  done
  fail "no first frame and control socket line within 20 s"
}

playlist() {  # playlist TEXT3: three slides, an hour each, no transition
  cat >"$T/p.json.new" <<JSON
{ "lang": "xx", "duration": 3600, "transition": 0, "progress": false,
  "slides": [ { "title": "Eins", "text": "Erste Folie" }, { "title": "Zwei", "text": "Zweite Folie" },
              { "title": "Drei", "text": "$1" } ] }
JSON
  mv "$T/p.json.new" "$T/p.json"
}

echo "== Xvfb -screen 0 ${W}x${H}x24"
Xvfb -displayfd 3 -screen 0 "${W}x${H}x24" -nolisten tcp 3>"$T/displayfd" 2>"$T/xvfb.log" &
XVFB_PID=$!
for ((i = 0; i < 100; i++)); do
  [[ -s $T/displayfd ]] && break
  sleep 0.1
done
[[ -s $T/displayfd ]] || fail "Xvfb did not start: $(cat "$T/xvfb.log")"
export DISPLAY=":$(head -n1 "$T/displayfd")"
unset WAYLAND_DISPLAY SDL_VIDEODRIVER
for ((i = 0; i < 100; i++)); do
  xdpyinfo >/dev/null 2>&1 && break
  sleep 0.1
done
ok "display $DISPLAY"

playlist "Dritte Folie"
start_kiosk
grep -q "control socket: $SOCK" "$T/log" || fail "kiosk did not say where it listens"
ok "$(grep -m1 'control socket' "$T/log")"

echo "== the socket"
[[ -S $SOCK ]] || fail "$SOCK is not a socket"
mode=$(stat -c '%a %U %G' "$SOCK")
[[ $mode == "660 $(id -un) $(id -gn)" ]] || fail "socket mode/owner is '$mode', expected 660 $(id -un) $(id -gn)"
ok "mode 0660, owner and group of the process: $mode"
if [[ $(id -u) == 0 ]]; then
  # Another user, through the system's python (the kiosk binary, its emulator wrapper or
  # a python3 first on root's PATH may sit where nobody cannot run them).
  out=$(setpriv --reuid=nobody --regid=nogroup --clear-groups /usr/bin/python3 -c '
import socket, sys
s = socket.socket(socket.AF_UNIX)
try:
    s.connect(sys.argv[1])
    print("connected")
except OSError as e:
    print(e.strerror)' "$SOCK" 2>&1)
  [[ $out == 'Permission denied' ]] || fail "user nobody connecting to the socket: $out (expected Permission denied)"
  ok "another user (nobody) is refused: $out"
fi

echo "== every command"
expect_field slide 1
expect_field count 3
expect_field sync '"off"'
expect_field playlist.version 1
screenshot s1
S1=$SHOT
expect 0 '{"ok":true}' next
expect_field slide 2
differs s2 "$S1"
S2=$SHOT
ok "next: slide 2 on screen ($AE pixels changed)"
expect 0 '{"ok":true}' prev
expect_field slide 1
shows s1-again "$S1"
ok "prev: slide 1 again ($AE pixels differ from the first picture of it)"
expect 0 '{"ok":true}' goto 3
expect_field slide 3
differs s3 "$S1"
S3=$SHOT
pixels_differ "$S3" "$S2"
((AE > 1000)) || fail "goto 3 shows slide 2"
ok "goto 3: slide 3 on screen"
expect 0 '{"ok":true}' pause
expect_field paused true
expect 0 '{"ok":true}' pause  # a state, not a toggle
expect_field paused true
expect 0 '{"ok":true}' resume
expect_field paused false
ok "pause, pause again, resume"
expect 0 '{"ok":true}' black
expect_field black true
screenshot black
mean=$("$CONVERT" "$SHOT" -format '%[fx:maxima]' info:)
[[ $mean == 0 ]] || fail "black: the screen is not black (brightest value $mean)"
expect 0 '{"ok":true}' resume
expect_field black false
shows s3-again "$S3"
ok "black: every pixel black; resume: slide 3 again"

# (kiosk also sees the file change and reloads by itself 300 ms later: a version more.)
playlist "Die Folie ist neu"
expect 0 '{"ok":true}' reload
field playlist.version
version=$FIELD
((version >= 2)) || fail "reload: version $version, expected 2 or more"
expect_field slide 3
differs s3-new "$S3"
ok "reload: the new slide 3 shows, version $version"
sleep 0.5  # the watcher's own reload is done
field playlist.version
version=$FIELD
cp "$T/p.json" "$T/good.json"
echo '{ "slides": [ { "text": "x", "duration": -5 } ] }' >"$T/p.json"
expect 1 '{"ok":false,"error":"the playlist has errors (kiosk ctl status lists them); the last good version keeps showing"}' reload
field errors
[[ $FIELD == *'duration'* ]] || fail "status does not list the reload's error: $OUT"
expect_field playlist.version "$version"
ok "reload of a broken file: exit 1, the errors in the status"
mv "$T/good.json" "$T/p.json"
expect 0 '{"ok":true}' reload

expect 0 '{"ok":true}' announce "Workshop 3 jetzt in Raum B" --for 300
expect 0 '{"ok":true}' clear
ok "announce, clear: accepted (the overlay is the sync branch's)"

echo "== bad requests change nothing"
expect 1 '{"ok":false,"error":"goto: \"slide\" must be a slide number from 1 to 3"}' goto 4
expect 1 '{"ok":false,"error":"announce: \"for\" must be a number of seconds from 1 to 86400"}' announce x --for 0
expect 2 '' goto x
[[ $ERR == 'kiosk ctl: goto needs one slide number, e.g. kiosk ctl goto 3'* ]] || fail "goto x: $ERR"
expect 2 '' jump 3
expect 2 '' next extra
RC=0
"$KIOSK" ctl --socket "$T/none.sock" next 2>"$T/ctl.err" || RC=$?
[[ $RC == 2 ]] && grep -q "no kiosk listens on $T/none.sock" "$T/ctl.err" || fail "no socket: exit $RC, $(cat "$T/ctl.err")"
expect_field slide 3
ok "wrong slide, bad --for, usage errors, no socket: exit 1, 2, 2; still slide 3"

echo "== hostile and many clients"
python3 - "$SOCK" <<'PY' || fail "python client checks failed"
import json, os, random, socket, sys, threading, time
path = sys.argv[1]

def connect():
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(20)
    s.connect(path)
    return s

def call(line):
    s = connect()
    s.sendall(line.encode() + b"\n")
    f = s.makefile("rb")
    reply = json.loads(f.readline())
    s.close()
    return reply

# 50 clients at once, all connected before any asks.
socks = [connect() for _ in range(50)]
for s in socks:
    s.sendall(b'{"cmd": "status"}\n')
replies = [json.loads(s.makefile("rb").readline()) for s in socks]
assert all(r["ok"] and r["slide"] == 3 for r in replies), replies
for s in socks:
    s.close()
print("  ok: 50 clients at once, 50 status replies")

# A client that asks and never reads: it is dropped; others are answered meanwhile.
greedy = connect()
greedy.settimeout(30)
dropped = threading.Event()
def flood():
    try:
        while True:
            greedy.sendall(b"status\n" * 100)
    except OSError:
        dropped.set()
t = threading.Thread(target=flood, daemon=True)
t.start()
begin = time.monotonic()
answered = 0
while not dropped.is_set() and time.monotonic() - begin < 20:
    assert call("status")["ok"]
    answered += 1
assert dropped.is_set(), "the client that never reads was not dropped within 20 s"
print(f"  ok: a client that never reads was dropped after {time.monotonic() - begin:.1f} s; "
      f"{answered} other requests answered meanwhile")

# A 100 MB line: an error reply, then the next line counts; others answered meanwhile.
s = connect()
f = s.makefile("rb")
sent = threading.Event()
def big():
    chunk = b"x" * (1 << 20)
    for _ in range(100):
        s.sendall(chunk)
    s.sendall(b'\n{"cmd": "status"}\n')
    sent.set()
threading.Thread(target=big, daemon=True).start()
first = json.loads(f.readline())
assert first == {"ok": False, "error": "line too long (over 65536 bytes): dropped"}, first
assert call("status")["slide"] == 3
second = json.loads(f.readline())
assert sent.is_set() and second["ok"] and second["slide"] == 3, second
s.close()
print("  ok: a 100 MB line: " + json.dumps(first) + ", then the next line answered")

# Garbage: random bytes in 200 lines, each an error reply; nothing changes.
rnd = random.Random(14)
s = connect()
f = s.makefile("rb")
lines = [bytes(rnd.randrange(256) for _ in range(rnd.randrange(1, 300))).replace(b"\n", b"") for _ in range(200)]
lines = [l for l in lines if l.strip(b" \t\r")]
s.sendall(b"\n".join(lines) + b"\n")
errors = [json.loads(f.readline()) for _ in lines]
assert all(r["ok"] is False and "error" in r for r in errors), [r for r in errors if r["ok"]]
s.close()
st = call("status")
assert st["slide"] == 3 and not st["paused"] and not st["black"], st
print(f"  ok: {len(lines)} lines of random bytes: {len(lines)} error replies, nothing changed")
PY
grep -q 'did not read' "$T/log" || fail "no log line for the dropped client"
kill -0 "$APP_PID" || fail "kiosk died"
expect_field slide 3

echo "== kill -9, then a new start"
kill -9 "$APP_PID"
wait "$APP_PID" 2>/dev/null || true
APP_PID=""
[[ -S $SOCK ]] || fail "the killed kiosk's socket is gone already (the test needs it stale)"
RC=0
"$KIOSK" ctl --socket "$SOCK" status 2>"$T/ctl.err" >/dev/null || RC=$?
[[ $RC == 2 ]] || fail "a stale socket: ctl exit $RC"
ok "stale socket left behind: kiosk ctl says $(cat "$T/ctl.err")"
start_kiosk
grep -q "removed the stale socket $SOCK" "$T/log" || fail "no 'removed the stale socket' line"
expect_field slide 1
ok "restarted: $(grep -m1 'stale socket' "$T/log")"
# A second kiosk on the same socket must not take it.
: >"$T/log2"
"$KIOSK" --windowed --size "${W}x${H}" --control "$SOCK" "$T/p.json" >/dev/null 2>"$T/log2" </dev/null &
SECOND=$!
for ((i = 0; i < 100; i++)); do
  grep -q 'control socket' "$T/log2" && break
  sleep 0.1
done
stop_pid "$SECOND"
grep -q "no control socket: another kiosk listens on $SOCK" "$T/log2" || fail "second kiosk: $(cat "$T/log2")"
expect 0 '{"ok":true}' next
ok "a second kiosk leaves the first one's socket alone"

echo "== a clean stop"
kill -TERM "$APP_PID"
status=0
wait "$APP_PID" || status=$?
APP_PID=""
((status == 0)) || fail "kiosk exited with $status on SIGTERM"
[[ ! -e $SOCK ]] || fail "the socket file is still there after a clean stop"
ok "SIGTERM: exit 0, socket removed"
echo "PASS: control_test"
