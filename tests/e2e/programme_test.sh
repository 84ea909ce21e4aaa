#!/usr/bin/env bash
# End-to-end test of the conference programme (a playlist's "programme" slides from a
# frab/pretalx schedule.json):
#  1. --check reads the schedule strictly: a broken one is an error naming its file and
#     JSON path, a room it does not have is an error listing the rooms it has.
#  2. golden images: --render --at of a room's now/next slide at 1920x1080 and the foyer's
#     at 1080x1920 match tests/golden/programme/ (--update writes them; look at them first).
#  3. live (SDL's dummy video driver): a talk that begins a few seconds after the start shows
#     at that moment, with nothing else waking kiosk (it wakes exactly at the change); a
#     talk moved in the schedule shows after the hot reload; a broken save keeps the last
#     good programme and says so in the log.
#   programme_test.sh KIOSK [--update]
set -euo pipefail
UPDATE=${2:-}
set -- "$1"

# shellcheck source=tests/e2e/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
take_kiosk_binary "$1"
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
unset DISPLAY WAYLAND_DISPLAY
export SDL_VIDEODRIVER=dummy
use_scratch_and_app

# --- 1. --check ----------------------------------------------------------------------------
echo "== --check"
mkdir -p "$T/show"
cp "$ROOT/tests/data/programme/hafen.json" "$T/show/schedule.json"
cat >"$T/show/p.json" <<'EOF'
{ "lang": "zz", "slides": [ { "programme": { "file": "schedule.json", "room": "Saal 1" } },
                             { "programme": "schedule.json" } ] }
EOF
"$KIOSK" --check "$T/show/p.json" >"$T/out" 2>&1 || { cat "$T/out"; fail "--check of a good programme"; }
grep -q 'ok, 2 slides' "$T/out" || fail "--check: $(cat "$T/out")"
ok "--check passes the fixture's programme"

cp "$ROOT/tests/data/programme/broken.json" "$T/show/schedule.json"
status=0
"$KIOSK" --check "$T/show/p.json" >"$T/out" 2>&1 || status=$?
((status == 1)) || fail "--check of a broken schedule exited $status, expected 1"
grep -qF "$T/show/schedule.json: error: schedule.conference.days[0].rooms.Saal 1[1].duration: \"90 Minuten\" is not a duration" "$T/out" ||
  fail "--check names the schedule's problem by path: $(cat "$T/out")"
ok "--check: a broken schedule is an error with its JSON path"

cp "$ROOT/tests/data/programme/hafen.json" "$T/show/schedule.json"
sed -i 's/"Saal 1"/"Saal 9"/' "$T/show/p.json"
status=0
"$KIOSK" --check "$T/show/p.json" >"$T/out" 2>&1 || status=$?
((status == 1)) || fail "--check of an unknown room exited $status, expected 1"
grep -qF 'slides[0].programme.room: "Saal 9" is not a room of' "$T/out" ||
  fail "unknown room: $(cat "$T/out")"
grep -qF 'its rooms: "Saal 1", "Saal 2", "Foyer"' "$T/out" || fail "known rooms: $(cat "$T/out")"
ok "--check: an unknown room lists the rooms"

# --- 2. golden images ------------------------------------------------------------------------
echo "== --render --at goldens"
GOLDEN=$ROOT/tests/golden/programme
"$KIOSK" --render "$T/wide" --size 1920x1080 --at 2026-06-12T09:40 "$GOLDEN/programme.json" >/dev/null
"$KIOSK" --render "$T/tall" --size 1080x1920 --at 2026-06-12T09:40 "$GOLDEN/programme.json" >/dev/null
cp "$T/wide/slide-001.png" "$T/saal1-1920x1080.png"
cp "$T/tall/slide-002.png" "$T/foyer-1080x1920.png"
for name in saal1-1920x1080.png foyer-1080x1920.png; do
  if [[ $UPDATE == --update ]]; then
    cp "$T/$name" "$GOLDEN/$name"
    echo "updated $GOLDEN/$name"
    continue
  fi
  # As golden_test.sh: pixels differing by more than 8 % in any channel, at most 0.2 %.
  ae=$(/usr/bin/compare -metric AE -fuzz 8% "$GOLDEN/$name" "$T/$name" /dev/null 2>&1 || true)
  ae=${ae%% *}
  limit=$(($(/usr/bin/identify -format '%w*%h' "$GOLDEN/$name") / 500))
  [[ $ae =~ ^[0-9]+$ ]] && ((ae <= limit)) || fail "$name: $ae pixels differ from the golden (limit $limit)"
  ok "$name: $ae pixels differ (limit $limit)"
done

# --- 3. live --------------------------------------------------------------------------------
echo "== live: a talk begins, a talk moves, a broken save"
# schedule "NAME|START_OFFSET_S|MINUTES" ...: a schedule.json in Saal 1 with times from now
# (whole seconds); $T/starts gets each event's start in ms since the epoch.
schedule() {
  (cd "$T" && python3 - "$@" <<'PY' >"$T/show/schedule.new"
import datetime, json, sys
now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
events, starts = [], []
for spec in sys.argv[1:]:
    title, offset, minutes = spec.split("|")
    start = now + datetime.timedelta(seconds=int(offset))
    events.append({"title": title, "date": start.isoformat(), "duration": "00:%02d" % int(minutes),
                   "persons": [{"public_name": "Ada Über"}]})
    starts.append(str(int(start.timestamp() * 1000)))
open("STARTS", "w").write("\n".join(starts) + "\n")
print(json.dumps({"schedule": {"version": "1", "conference": {"title": "Live", "days": [
    {"index": 1, "date": now.date().isoformat(), "rooms": {"Saal 1": events}}]}}}))
PY
  )
  mv "$T/show/schedule.new" "$T/show/schedule.json"
}
wait_for() {
  local n=$1 re=$2 i
  for ((i = 0; i < 500; i++)); do
    (($(grep -cE -- "$re" "$T/log" || true) >= n)) && return 0
    kill -0 "$APP_PID" 2>/dev/null || fail "kiosk exited while waiting for /$re/"
    sleep 0.02
  done
  fail "no ${n}th log line matching /$re/ within 10 s"
}
# One slide of an hour: nothing but the programme wakes kiosk (a trusted clock: an untrusted
# one wakes it every 10 s, and programme slides then show nothing time-bound).
cat >"$T/show/p.json" <<'EOF'
{ "lang": "zz", "duration": 3600, "slides": [ { "programme": { "file": "schedule.json", "room": "Saal 1" } } ] }
EOF
schedule "Frühstück|-60|30" "Vortrag über Häfen|4|30"
begins=$(sed -n 2p "$T/STARTS")
: >"$T/log"
KIOSK_CLOCK_TRUSTED=1 KIOSK_LOG_SLIDES=1 "$KIOSK" --windowed --size 640x360 "$T/show/p.json" 2>"$T/log" >/dev/null </dev/null &
APP_PID=$!
wait_for 1 'first frame on screen'
wait_for 1 'programme slide 1 .*Jetzt · [0-9:–]+\\n\*\*Frühstück'
wait_for 1 'programme slide 1 .*Jetzt · [0-9:–]+\\n\*\*Vortrag über Häfen'
late=$(($(now_ms) - begins))
# Woken at the change (nothing else wakes kiosk); seen here within the 20 ms poll.
((late >= 0 && late < 300)) || fail "the talk showed ${late} ms after it began"
ok "a talk that begins shows when it begins (seen ${late} ms after it began)"

schedule "Frühstück|-60|30" "Verlegt: Hafenrundfahrt|-30|30"
wait_for 1 'reloaded'
wait_for 1 'programme slide 1 .*Jetzt · [0-9:–]+\\n\*\*Verlegt: Hafenrundfahrt'
ok "a talk moved in the schedule shows after the hot reload"

echo '{"schedule": {"conference": {"days": [{"rooms": {"Saal 1": [{"title": "x"}]}}]}}}' >"$T/show/schedule.new"
mv "$T/show/schedule.new" "$T/show/schedule.json"
wait_for 2 'reloaded'
wait_for 1 'still showing the last good programme'
grep -qF 'schedule.json: warning: schedule.conference.days[0].rooms.Saal 1[0]: needs a "date"' "$T/log" ||
  fail "the broken schedule's problem is not in the log"
ok "a broken schedule: the log names the problem, the last good programme stays"
kill -TERM "$APP_PID"
wait "$APP_PID" || fail "kiosk exited $? after SIGTERM"
APP_PID=""
echo "PASS"
