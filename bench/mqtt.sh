#!/usr/bin/env bash
# MQTT's three budgets (issue 15), on the real kiosk under Xvfb at 1920x1080 with a local
# Mosquitto (not part of ctest: timings on a loaded machine are noise):
#  - memory: PSS (/proc/PID/smaps_rollup) of the same show without MQTT and with MQTT
#    configured and connected, each after the hyphenation patterns loaded and 2 s more;
#  - command -> new picture: strace timestamps from the moment kiosk's MQTT thread reads
#    the PUBLISH (its topic in the read) to the moment the main thread sends the frame
#    (MIT-SHM PutImage) and to the X server's answer to the sync after it (as
#    bench/control_latency.sh does for the control socket; strace slows every system call,
#    so these are upper bounds);
#  - idle CPU while connected: user + system time over IDLE_SECONDS on a paused slide
#    (keepalive pings included).
#
#   bench/mqtt.sh [path/to/kiosk]     # default build/kiosk
# Settings (environment): COMMANDS (default 20), IDLE_SECONDS (default 60), PLAYLIST
# (default slides/resolution.json), NICE (default 0).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
KIOSK=$(realpath "${1:-$ROOT/build/kiosk}")
COMMANDS=${COMMANDS:-20}
PLAYLIST=$(realpath "${PLAYLIST:-$ROOT/slides/resolution.json}")
NICE=${NICE:-0}
IDLE_SECONDS=${IDLE_SECONDS:-60}
for tool in Xvfb strace python3 mosquitto mosquitto_pub; do
  command -v "$tool" >/dev/null || { echo "bench: $tool not found" >&2; exit 1; }
done
T=$(mktemp -d -p /dev/shm)
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf -- "$T"' EXIT

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
printf 'listener %s 127.0.0.1\nallow_anonymous true\n' "$PORT" >"$T/m.conf"
(($(id -u) == 0)) && echo "user root" >>"$T/m.conf"
mosquitto -c "$T/m.conf" >"$T/broker.log" 2>&1 &
PIDS+=($!)
nice -n "$NICE" Xvfb -displayfd 3 -screen 0 1920x1080x24 -nolisten tcp 3>"$T/displayfd" 2>/dev/null &
PIDS+=($!)
for ((i = 0; i < 100; i++)); do [[ -s $T/displayfd ]] && break; sleep 0.1; done
export DISPLAY=":$(head -n1 "$T/displayfd")"

# start_kiosk LOG [VAR=VALUE...]: KPID; waits for the hyphenation patterns, then 2 s.
start_kiosk() {
  local log=$1
  shift
  env "$@" nice -n "$NICE" "$KIOSK" --control "$T/k.sock" "$PLAYLIST" 2>"$log" &
  KPID=$!
  PIDS+=("$KPID")
  for ((i = 0; i < 600; i++)); do grep -q 'hyphenation' "$log" && break; sleep 0.1; done
  "$KIOSK" ctl --socket "$T/k.sock" pause >/dev/null
  sleep 2
}
pss() { awk '/^Pss:/ {print $2}' "/proc/$1/smaps_rollup"; }

start_kiosk "$T/plain.log"
without=$(pss "$KPID")
kill "$KPID"
wait "$KPID" 2>/dev/null || true
start_kiosk "$T/log" KIOSK_MQTT="mqtt://127.0.0.1:$PORT" KIOSK_ID=bench
grep -q 'mqtt: connected' "$T/log" || { echo "bench: kiosk did not connect:" >&2; cat "$T/log" >&2; exit 1; }
with=$(pss "$KPID")
echo "PSS without MQTT: $without KiB; with MQTT connected: $with KiB; difference $((with - without)) KiB"

COUNT=$("$KIOSK" ctl --socket "$T/k.sock" status | python3 -c 'import json,sys; print(json.load(sys.stdin)["count"])')
nice -n "$NICE" strace -f -ttt -e trace=read,writev,recvmsg -p "$KPID" -o "$T/trace" 2>/dev/null &
SPID=$!
PIDS+=("$SPID")
sleep 1
for ((i = 0; i < COMMANDS; i++)); do
  if ((i % 2 == 0)); then
    mosquitto_pub -p "$PORT" -t kiosk/bench/cmd -m next
  else
    mosquitto_pub -p "$PORT" -t kiosk/bench/cmd -m "{\"cmd\": \"goto\", \"slide\": $((1 + (i * 2) % COUNT))}"
  fi
  sleep 1.2 # past the 0.8 s crossfade
done
kill "$SPID"
wait "$SPID" 2>/dev/null || true

python3 - "$T/trace" "$KPID" <<'PY'
import sys
lines = open(sys.argv[1]).read().splitlines()
main = sys.argv[2]
sent, synced, kinds = [], [], []
for i, l in enumerate(lines):
    if "kiosk/bench/cmd" not in l or ("read(" not in l and "read resumed" not in l):
        continue
    t0 = float(l.split()[1])
    kind = "goto" if "goto" in l else "next"
    t1 = None
    for m in lines[i + 1:]:
        f = m.split()
        if f[0] != main:
            continue
        if t1 is None and 'writev(' in m and 'iov_base="\\202\\3' in m:
            t1 = float(f[1])
        elif t1 is not None and "recvmsg" in m and "msg_name=NULL" in m:
            kinds.append(kind)
            sent.append((t1 - t0) * 1000)
            synced.append((float(f[1]) - t0) * 1000)
            break
def stats(v):
    v = sorted(v)
    return "min %.1f, median %.1f, max %.1f ms" % (v[0], v[len(v) // 2], v[-1])
if not sent:
    sys.exit("bench: no command found in the trace")
for k in ("next", "goto"):
    a = [v for v, x in zip(sent, kinds) if x == k]
    b = [v for v, x in zip(synced, kinds) if x == k]
    if a:
        print(f"MQTT {k} ({len(a)}): read by the MQTT thread -> first frame sent to X: "
              f"{stats(a)}; -> X answered the sync after it: {stats(b)}; within 50 ms: "
              f"{sum(1 for v in b if v <= 50)} of {len(b)}")
PY

"$KIOSK" ctl --socket "$T/k.sock" pause >/dev/null
sleep 3  # the state published after the last command
ticks() { awk '{print $14 + $15}' "/proc/$KPID/stat"; }
before=$(ticks)
sleep "$IDLE_SECONDS"
after=$(ticks)
hz=$(getconf CLK_TCK)
awk -v d=$((after - before)) -v hz="$hz" -v s="$IDLE_SECONDS" \
  'BEGIN { printf "idle, paused, MQTT connected: %d ticks in %d s = %.2f %% of a core\n", d, s, 100 * d / hz / s }'
echo "playlist $PLAYLIST, nice $NICE, load average: $(cut -d' ' -f1-3 /proc/loadavg)"
