#!/usr/bin/env bash
# MQTT end to end (README "Many screens"): real kiosks (SDL's dummy video driver, no
# display) and a real Mosquitto broker on a free localhost port, both started here; the
# show's state read through the control socket (`kiosk ctl status`), what kiosk publishes
# through mosquitto_sub.
#
#  - no broker at the start (refused, or never answering): the first frame comes as
#    always; a broker started later is connected to; SIGTERM while connecting ends at once
#  - availability "online" and the state, retained; commands (plain and JSON, own topic,
#    all, group) move the slides; malformed, binary and huge (2 MB) payloads give an error
#    on the state topic and change nothing else
#  - a pushed playlist shows; a bad one is rejected with its errors on the state topic, and
#    the last good one stays; deleting the retained one goes back to the local file
#  - Home Assistant discovery: retained config messages, sent again on homeassistant/status
#  - kill -9 of kiosk: the broker publishes its will, "offline"
#  - the broker stopped and started again: kiosk connects again and publishes its state
#  - a pushed playlist reaches 5 kiosks within 1 s (the times are printed)
#  - TLS with a CA made here (openssl): connects; with another CA: refused, logged clearly
#  - a wrong password (a broker with a password file): refused, logged clearly
#  - on a virtual X server (Xvfb): next and prev over MQTT change the picture and back
#
# Usage: tests/e2e/mqtt_test.sh path/to/kiosk
# Needs: mosquitto, mosquitto-clients, openssl, python3, xvfb, x11-utils, imagemagick.
set -euo pipefail

# shellcheck source=tests/e2e/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
take_kiosk_binary "$@"
for tool in mosquitto mosquitto_pub mosquitto_sub mosquitto_passwd openssl python3 Xvfb xdpyinfo; do
  command -v "$tool" >/dev/null ||
    { echo "FAIL: $tool not found (see scripts/install-deps.sh)" >&2; exit 1; }
done
unset DISPLAY WAYLAND_DISPLAY KIOSK_MQTT KIOSK_MQTT_CONFIG KIOSK_ID
export SDL_VIDEODRIVER=dummy

T=$(mktemp -d)
declare -A PIDS=()  # name -> pid of what this script started (kiosks, brokers)
BROKER_PID=""
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
  local status=$? name
  for name in "${!PIDS[@]}"; do stop_pid "${PIDS[$name]}"; done
  [[ -n $BROKER_PID ]] && stop_pid "$BROKER_PID"
  if ((status == 0)); then rm -rf -- "$T"; else echo "Logs kept in $T" >&2; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
LAST_LOG=""
fail() {
  echo "FAIL: $*" >&2
  [[ -n $LAST_LOG && -s $LAST_LOG ]] && { echo "--- $LAST_LOG:" >&2; tail -n 30 "$LAST_LOG" >&2; }
  exit 1
}
ok() { echo "  ok: $*"; }
now_ms() { echo $(($(date +%s%N) / 1000000)); }

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
TLS_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')

# start_broker CONF_LINES...: a mosquitto with these lines (no persistence: a restart
# forgets every retained message), ready when it accepts connections.
start_broker() {
  printf '%s\n' "$@" >"$T/broker.conf"
  # As root mosquitto becomes the user "mosquitto", who cannot read $T (0700).
  (($(id -u) == 0)) && echo "user root" >>"$T/broker.conf"
  mosquitto -c "$T/broker.conf" >>"$T/broker.log" 2>&1 &
  BROKER_PID=$!
  local port i
  port=$(awk '/^listener/ {print $2; exit}' "$T/broker.conf")
  for ((i = 0; i < 100; i++)); do
    python3 -c 'import socket,sys; socket.create_connection(("127.0.0.1", int(sys.argv[1])), 0.2)' \
      "$port" 2>/dev/null && return 0
    kill -0 "$BROKER_PID" 2>/dev/null || { LAST_LOG=$T/broker.log; fail "mosquitto exited"; }
    sleep 0.05
  done
  LAST_LOG=$T/broker.log
  fail "mosquitto does not listen on $port"
}
stop_broker() {
  stop_pid "$BROKER_PID"
  BROKER_PID=""
}
plain_broker() { start_broker "listener $PORT 127.0.0.1" "allow_anonymous true"; }

SUB=(mosquitto_sub -h 127.0.0.1 -p "$PORT")
PUB=(mosquitto_pub -h 127.0.0.1 -p "$PORT" -q 1)

# start_kiosk NAME [VAR=VALUE...]: kiosk NAME (its id too, unless KIOSK_ID says) on
# $T/p.json, its control socket $T/NAME.sock, its log $T/NAME.log.
start_kiosk() {
  local name=$1
  shift
  env KIOSK_ID="$name" "$@" "$KIOSK" --windowed --size 320x180 --control "$T/$name.sock" \
    "$T/p.json" 2>"$T/$name.log" >/dev/null </dev/null &
  PIDS[$name]=$!
  LAST_LOG=$T/$name.log
}
stop_kiosk() {
  stop_pid "${PIDS[$1]}"
  unset "PIDS[$1]"
}
# status NAME FIELD: FIELD of NAME's `kiosk ctl status`, as JSON.
status() {
  local out
  out=$("$KIOSK" ctl --socket "$T/$1.sock" status 2>/dev/null) || { echo "none"; return 0; }
  python3 -c 'import json,sys; print(json.dumps(json.loads(sys.argv[1])[sys.argv[2]]))' "$out" "$2"
}
# wait_status NAME FIELD VALUE [SECONDS]: until status NAME FIELD is VALUE.
wait_status() {
  local i tries=$((${4:-10} * 20)) got=""
  for ((i = 0; i < tries; i++)); do
    got=$(status "$1" "$2")
    [[ $got == "$3" ]] && return 0
    sleep 0.05
  done
  LAST_LOG=$T/$1.log
  fail "$1: status $2 is $got, expected $3"
}
# retained TOPIC: the retained message on TOPIC (empty if none within 2 s).
retained() { "${SUB[@]}" -t "$1" -C 1 -W 2 2>/dev/null || true; }
# state_field ID FIELD: FIELD of the retained state of screen ID, as JSON.
state_field() {
  local state
  state=$(retained "kiosk/$1/state")
  [[ -n $state ]] || { echo "none"; return 0; }
  python3 -c 'import json,sys; print(json.dumps(json.loads(sys.argv[1]).get(sys.argv[2])))' "$state" "$2"
}
# wait_state ID FIELD PYTHON-CONDITION-ON-v [SECONDS]
wait_state() {
  local i tries=${4:-10} got=""
  for ((i = 0; i < tries * 4; i++)); do
    got=$(state_field "$1" "$2")
    python3 -c "import json,sys; v=json.loads(sys.argv[1]); sys.exit(0 if ($3) else 1)" "$got" \
      2>/dev/null && return 0
    sleep 0.25
  done
  LAST_LOG=$T/$1.log
  fail "kiosk/$1/state: $2 is $got, expected $3"
}
wait_log() {  # wait_log FILE TEXT [SECONDS]
  local i
  for ((i = 0; i < ${3:-10} * 20; i++)); do
    grep -qF -- "$2" "$1" 2>/dev/null && return 0
    sleep 0.05
  done
  LAST_LOG=$1
  fail "$1 does not say: $2"
}

cat >"$T/p.json" <<'JSON'
{ "lang": "zz", "duration": 600, "transition": 0,
  "slides": [{ "text": "eins" }, { "text": "zwei" }, { "text": "drei" }] }
JSON
cat >"$T/pushed.json" <<'JSON'
{ "lang": "zz", "duration": 600, "transition": 0,
  "slides": [{ "text": "gesendet 1" }, { "text": "gesendet 2" }] }
JSON

echo "== no broker at the start"
# A broker that is not up yet (connection refused), and one that never answers (a
# TEST-NET address: the connect hangs): the first frame comes as always, the show runs.
start_kiosk b1 KIOSK_MQTT="mqtt://127.0.0.1:$PORT"
start_kiosk b2 KIOSK_MQTT="mqtt://192.0.2.1:1883"
wait_log "$T/b1.log" "first frame on screen" 10
wait_log "$T/b2.log" "first frame on screen" 10
wait_log "$T/b1.log" "Connection refused; trying again every 1 to 60 s"
ok "first frames without a broker: $(grep -o 'first frame on screen after [0-9]* ms' "$T/b1.log"), $(grep -o 'after [0-9]* ms' "$T/b2.log")"
plain_broker
wait_log "$T/b1.log" "mqtt: connected to 127.0.0.1:$PORT" 15
ok "the broker started later: connected ($(grep -c 'Connection refused' "$T/b1.log") refusal logged)"
# A stop while connecting (b2) or connected (b1): exit status 0, within the 3 s stop_pid waits.
for name in b1 b2; do
  pid=${PIDS[$name]}
  kill "$pid"
  status=0
  wait "$pid" || status=$?
  unset "PIDS[$name]"
  ((status == 0)) || { LAST_LOG=$T/$name.log; fail "$name: exit status $status after SIGTERM"; }
done
ok "SIGTERM while connecting and while connected: exit status 0"

echo "== commands, state, availability"
printf 'host = 127.0.0.1\nport = %s\ngroups = hall, foyer\n' "$PORT" >"$T/mqtt.conf"
start_kiosk k1 KIOSK_MQTT_CONFIG="$T/mqtt.conf"
wait_status k1 slide 1
[[ $(retained kiosk/k1/availability) == online ]] || fail "availability is not online (retained)"
ok "availability: online, retained"
wait_state k1 count 'v == 3'
ok "state retained: $(retained kiosk/k1/state | head -c 200)"
"${PUB[@]}" -t kiosk/k1/cmd -m next
wait_status k1 slide 2
"${PUB[@]}" -t kiosk/all/cmd -m '{"cmd": "next"}'
wait_status k1 slide 3
"${PUB[@]}" -t kiosk/group/foyer/cmd -m prev
wait_status k1 slide 2
"${PUB[@]}" -t kiosk/group/other/cmd -m next  # not subscribed
"${PUB[@]}" -t kiosk/k1/cmd -m pause
wait_status k1 paused true
wait_state k1 paused 'v is True'
wait_state k1 slide 'v == 2'
"${PUB[@]}" -t kiosk/k1/cmd -m resume
wait_status k1 paused false
ok "commands on kiosk/k1/cmd, kiosk/all/cmd, kiosk/group/foyer/cmd move the slides; state follows"

for payload in '{"cmd": ' 'dance' '{"cmd": "goto", "slide": 99}'; do
  "${PUB[@]}" -t kiosk/k1/cmd -m "$payload"
  wait_state k1 mqtt_error 'v not in ("", None)'
  "${PUB[@]}" -t kiosk/k1/cmd -m next  # clears nothing, but moves: the handler went on
  wait_status k1 slide 3
  "${PUB[@]}" -t kiosk/k1/cmd -m prev
  wait_status k1 slide 2
done
head -c 300 /dev/urandom >"$T/binary"
"${PUB[@]}" -t kiosk/k1/cmd -f "$T/binary"
head -c 2000000 /dev/zero | tr '\0' 'x' >"$T/huge"
"${PUB[@]}" -t kiosk/k1/cmd -f "$T/huge"
"${PUB[@]}" -t kiosk/all/playlist -f "$T/huge"
wait_state k1 mqtt_error '"2000000" in v'
kill -0 "${PIDS[k1]}" || fail "kiosk exited"
wait_status k1 slide 2
wait_status k1 count 3
ok "malformed, unknown, out of range, binary and 2 MB payloads: an error on the state, nothing else"

echo "== Home Assistant discovery"
"${SUB[@]}" -t 'homeassistant/+/kiosk_k1/#' -v -W 2 >"$T/discovery" 2>/dev/null || true
python3 - "$T/discovery" k1 <<'PY' || fail "discovery messages"
import json, sys
lines = [l.split(" ", 1) for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
ids = set()
for topic, payload in lines:
    c = json.loads(payload)
    for key in ("unique_id", "availability_topic", "device", "name"):
        assert key in c, f"{topic}: no {key}"
    assert c["availability_topic"] == f"kiosk/{sys.argv[2]}/availability", topic
    assert topic.endswith("/config") and topic.startswith("homeassistant/"), topic
    assert c["unique_id"] not in ids, "unique_id twice"
    ids.add(c["unique_id"])
kinds = {t.split("/")[1] for t, _ in lines}
for k in ("button", "switch", "sensor", "text"):
    assert k in kinds, f"no {k} entity"
print(f"  {len(lines)} retained config messages: {', '.join(sorted(kinds))}")
PY
# -R: only messages sent from now on, not the retained ones.
"${SUB[@]}" -t 'homeassistant/+/kiosk_k1/#' -R -v -W 3 >"$T/again" 2>/dev/null &
SUB_PID=$!
sleep 0.5
"${PUB[@]}" -t homeassistant/status -m online
wait "$SUB_PID" || true
(($(grep -c '/config ' "$T/again") == $(wc -l <"$T/discovery"))) ||
  fail "homeassistant/status online: $(grep -c '/config ' "$T/again") config messages sent again, expected $(wc -l <"$T/discovery")"
ok "homeassistant/status online: every config message sent again"

echo "== playlists"
"${PUB[@]}" -r -t kiosk/all/playlist -f "$T/pushed.json"
wait_status k1 count 2
wait_state k1 playlist_source '"kiosk/all/playlist" == v'
ok "a playlist on kiosk/all/playlist shows (2 slides)"
printf '{ "slides": [{ "text": "ok" }, { "text": 5 }], "theme": { "nonsense": 1 } }' >"$T/bad.json"
"${PUB[@]}" -r -t kiosk/all/playlist -f "$T/bad.json"
wait_state k1 mqtt_error '"rejected" in v'
wait_state k1 errors 'len(v) >= 1'
wait_status k1 count 2
ok "a bad playlist: rejected, errors on the state ($(state_field k1 errors | head -c 160)); the last good one stays"
"${PUB[@]}" -r -t kiosk/all/playlist -f "$T/pushed.json"
wait_state k1 errors 'len(v) == 0'
"${PUB[@]}" -r -t kiosk/k1/playlist -m '{ "lang": "zz", "slides": [{ "text": "nur ich" }] }'
wait_status k1 count 1
"${PUB[@]}" -r -t kiosk/all/playlist -m '{ "lang": "zz", "slides": [{ "text": "a" }, { "text": "b" }, { "text": "c" }, { "text": "d" }] }'
sleep 0.5
wait_status k1 count 1
"${PUB[@]}" -r -t kiosk/k1/playlist -n
wait_status k1 count 4
ok "the screen's own playlist wins over kiosk/all's; deleting it shows kiosk/all's"
"${PUB[@]}" -r -t kiosk/all/playlist -n
wait_status k1 count 3
wait_state k1 playlist_source '"file" == v'
ok "deleting the retained playlist: the local file shows again"

echo "== kill -9, broker restart"
"${SUB[@]}" -t kiosk/k1/availability -C 2 -W 10 >"$T/avail" 2>/dev/null &
SUB_PID=$!
sleep 0.3
kill -9 "${PIDS[k1]}"
wait "${PIDS[k1]}" 2>/dev/null || true
unset "PIDS[k1]"
wait "$SUB_PID" || true
[[ $(tail -n 1 "$T/avail") == offline ]] || fail "after kill -9 the availability is '$(cat "$T/avail")'"
ok "kill -9: the broker published the will, offline"

# A retained command (delivered again at every connect) is refused, not run.
"${PUB[@]}" -r -t kiosk/k1/cmd -m next
start_kiosk k1 KIOSK_MQTT="mqtt://127.0.0.1:$PORT"
wait_state k1 mqtt_error '"retained" in v'
wait_status k1 slide 1
"${PUB[@]}" -r -t kiosk/k1/cmd -n
ok "a retained command at connect: refused ($(state_field k1 mqtt_error | head -c 100)...)"
wait_state k1 count 'v == 3'
stop_broker
sleep 1.5
plain_broker  # no retained messages now
wait_state k1 count 'v == 3' 20
[[ $(retained kiosk/k1/availability) == online ]] || fail "availability after the broker's restart"
"${PUB[@]}" -t kiosk/k1/cmd -m next
wait_status k1 slide 2
ok "broker stopped and started: kiosk connected again, state and availability again, commands work"
grep -q 'trying again every 1 to 60 s' "$T/k1.log" || fail "the lost connection was not logged"
stop_kiosk k1
[[ $(retained kiosk/k1/availability) == offline ]] || fail "after a clean stop the availability is not offline"
ok "a clean stop: offline"

echo "== 5 screens"
for i in 1 2 3 4 5; do start_kiosk "s$i" KIOSK_MQTT="mqtt://127.0.0.1:$PORT"; done
for i in 1 2 3 4 5; do
  for ((n = 0; n < 200; n++)); do
    [[ $(retained "kiosk/s$i/availability") == online ]] && break
    sleep 0.05
  done
  wait_status "s$i" count 3
done
# One poller for the five control sockets (a `kiosk ctl` per look would measure itself):
# the time from the publish until each status says 2 slides. Printed, not judged (a
# timing never decides a test; the issue's budget is 1 s).
python3 - "$T" "$PORT" "$T/pushed.json" <<'PY' || fail "the pushed playlist did not show on every screen"
import json, socket, subprocess, sys, time
t, port, playlist = sys.argv[1], sys.argv[2], sys.argv[3]
def count(name):
    try:
        with socket.socket(socket.AF_UNIX) as s:
            s.settimeout(1)
            s.connect(f"{t}/{name}.sock")
            s.sendall(b"status\n")
            data = b""
            while not data.endswith(b"\n"):
                data += s.recv(65536)
        return json.loads(data)["count"]
    except OSError:
        return None
start = time.monotonic()
subprocess.run(["mosquitto_pub", "-h", "127.0.0.1", "-p", port, "-q", "1", "-r", "-t",
                "kiosk/all/playlist", "-f", playlist], check=True)
shown = {}
while len(shown) < 5 and time.monotonic() - start < 20:
    for i in range(1, 6):
        if i not in shown and count(f"s{i}") == 2:
            shown[i] = round((time.monotonic() - start) * 1000)
    time.sleep(0.002)
times = [shown.get(i) for i in range(1, 6)]
print(f"  shown on the 5 screens after (ms, from before mosquitto_pub started): {times}")
sys.exit(0 if len(shown) == 5 else 1)
PY
ok "a pushed playlist shown on 5 screens"
"${PUB[@]}" -r -t kiosk/all/playlist -n
for i in 1 2 3 4 5; do stop_kiosk "s$i"; done
stop_broker

echo "== TLS"
(
  cd "$T"
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=kiosk-test-ca -keyout ca.key \
    -out ca.crt 2>/dev/null
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=other-ca -keyout other.key \
    -out other.crt 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -subj /CN=localhost -keyout server.key -out server.csr \
    2>/dev/null
  printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\n' >san.ext
  openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 2 \
    -extfile san.ext -out server.crt 2>/dev/null
)
start_broker "listener $TLS_PORT 127.0.0.1" "allow_anonymous true" "cafile $T/ca.crt" \
  "certfile $T/server.crt" "keyfile $T/server.key"
printf 'host = localhost\nport = %s\ntls = true\nca_file = %s\n' "$TLS_PORT" "$T/ca.crt" >"$T/tls.conf"
start_kiosk t1 KIOSK_MQTT_CONFIG="$T/tls.conf"
wait_log "$T/t1.log" "connected to localhost:$TLS_PORT (TLS)"
[[ $(mosquitto_sub -h localhost -p "$TLS_PORT" --cafile "$T/ca.crt" -t kiosk/t1/availability -C 1 -W 3) == online ]] ||
  fail "TLS: not online"
ok "TLS with the test CA: connected, online"
printf 'host = localhost\nport = %s\ntls = true\nca_file = %s\n' "$TLS_PORT" "$T/other.crt" >"$T/wrong.conf"
start_kiosk t2 KIOSK_MQTT_CONFIG="$T/wrong.conf"
wait_log "$T/t2.log" "certificate verify failed"
grep 'certificate verify failed' "$T/t2.log" | sed 's/^/  log: /'
(($(grep -c 'certificate verify failed' "$T/t2.log") == 1)) || fail "the TLS failure was logged more than once"
ok "TLS with another CA: refused, logged once"
stop_kiosk t1
stop_kiosk t2
stop_broker

echo "== authentication"
mosquitto_passwd -b -c "$T/passwd" screen right-secret-17 2>/dev/null
start_broker "listener $PORT 127.0.0.1" "allow_anonymous false" "password_file $T/passwd"
printf 'wrong-secret-42\n' >"$T/pw"
chmod 0600 "$T/pw"
printf 'host = 127.0.0.1\nport = %s\nusername = screen\npassword_file = %s\n' "$PORT" "$T/pw" >"$T/auth.conf"
start_kiosk a1 KIOSK_MQTT_CONFIG="$T/auth.conf"
wait_log "$T/a1.log" "not authorised"
grep 'not authorised' "$T/a1.log" | sed 's/^/  log: /'
grep -q 'secret' "$T/a1.log" && fail "the password is in the log"
stop_kiosk a1
chmod 0644 "$T/pw"
start_kiosk a2 KIOSK_MQTT_CONFIG="$T/auth.conf"
wait_log "$T/a2.log" "open to every user"
grep 'open to every user' "$T/a2.log" | sed 's/^/  log: /'
stop_kiosk a2
printf 'right-secret-17\n' >"$T/pw"
chmod 0600 "$T/pw"
start_kiosk a3 KIOSK_MQTT_CONFIG="$T/auth.conf"
wait_log "$T/a3.log" "connected to 127.0.0.1:$PORT"
grep -q 'secret' "$T/a3.log" && fail "the password is in the log"
ok "a wrong password: 'not authorised', logged; a password file others can read: refused; the right one connects; no password in the logs"
stop_kiosk a3
stop_broker

echo "== on the picture (Xvfb)"
plain_broker
Xvfb -displayfd 3 -screen 0 640x360x24 -nolisten tcp 3>"$T/displayfd" 2>"$T/xvfb.log" &
PIDS[xvfb]=$!
for ((i = 0; i < 100; i++)); do
  [[ -s $T/displayfd ]] && break
  sleep 0.1
done
[[ -s $T/displayfd ]] || fail "Xvfb did not start: $(cat "$T/xvfb.log")"
for ((i = 0; i < 100; i++)); do
  DISPLAY=":$(head -n1 "$T/displayfd")" xdpyinfo >/dev/null 2>&1 && break
  sleep 0.1
done
cat >"$T/p.json" <<'JSON'
{ "lang": "zz", "duration": 3600, "transition": 0, "progress": false,
  "slides": [{ "title": "Eins", "text": "Erste Folie" },
             { "title": "Zwei", "text": "Zweite Folie", "background": "#d04010" }] }
JSON
start_kiosk x1 DISPLAY=":$(head -n1 "$T/displayfd")" SDL_VIDEODRIVER=x11 KIOSK_MQTT="mqtt://127.0.0.1:$PORT"
wait_log "$T/x1.log" "first frame on screen"
wait_log "$T/x1.log" "mqtt: connected"
# shot NAME: a screenshot of the root window, $T/NAME.png.
shot() { DISPLAY=":$(head -n1 "$T/displayfd")" /usr/bin/import -window root "$T/$1.png"; }
# differ A B: how many pixels of A.png and B.png differ (beyond 10 %).
differ() {
  local out
  out=$(/usr/bin/compare -metric AE -fuzz 10% "$T/$1.png" "$T/$2.png" null: 2>&1) || true
  awk -v n="$out" 'BEGIN { printf "%d", n + 0 }'
}
sleep 0.5
shot first
"${PUB[@]}" -t kiosk/x1/cmd -m next
wait_status x1 slide 2
sleep 0.3
shot second
(($(differ first second) > 1000)) || fail "next over MQTT: the picture hardly changed ($(differ first second) pixels)"
"${PUB[@]}" -t kiosk/all/cmd -m '{"cmd": "prev"}'
wait_status x1 slide 1
sleep 0.3
shot back
(($(differ first back) <= 200)) || fail "prev over MQTT: not the first picture again ($(differ first back) pixels differ)"
ok "next and prev over MQTT change the picture on screen and back ($(differ first second) pixels differ)"
echo "PASS"
