#!/usr/bin/env bash
# Time rules end to end. A live kiosk (SDL's dummy video driver, no display needed) with
# --at 2015-05-29T09:59:50 --speed 10 and KIOSK_LOG_SLIDES=1, a playlist in Europe/Berlin
# whose slide 1 shows until 10:00, slide 2 from 10:00 to 10:01, then nothing (idle). The
# simulated times logged at each change decide: slide 2 takes over at 10:00 and the idle
# screen at 10:01, each within a generous bound (2 s of simulated time, 200 ms of real time
# at this speed) - the measured lateness is printed, timing never decides beyond that.
# Then --render --at and --check --at of the same playlist show which slides are shown.
#
# Usage: tests/e2e/time_rules_test.sh path/to/kiosk
set -euo pipefail

# shellcheck source=tests/e2e/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
take_kiosk_binary "$@"
unset DISPLAY WAYLAND_DISPLAY
export SDL_VIDEODRIVER=dummy KIOSK_LOG_SLIDES=1
use_scratch_and_app

cat >"$T/p.json" <<'JSON'
{ "timezone": "Europe/Berlin", "lang": "zz", "duration": 2, "transition": 0,
  "slides": [
    { "text": "vorher", "when": { "times": ["00:00-10:00"] } },
    { "text": "jetzt", "when": { "dates": ["2015-05-29"], "times": ["10:00-10:01"] } } ] }
JSON

# --render --at: only the slides shown then.
"$KIOSK" --render "$T/r1" --size 320x180 --at 2015-05-29T10:00:30 "$T/p.json" >"$T/render" 2>&1 ||
  fail "render: $(cat "$T/render")"
[[ ! -f $T/r1/slide-001.png && -f $T/r1/slide-002.png ]] || fail "render at 10:00:30: $(ls "$T/r1")"
grep -q "slide-001.png: not shown at 2015-05-29T10:00:30" "$T/render" || fail "$(cat "$T/render")"
"$KIOSK" --render "$T/r2" --size 320x180 --at 2015-05-29T12:00 "$T/p.json" >"$T/render" 2>&1
[[ -f $T/r2/idle.png && ! -f $T/r2/slide-001.png ]] || fail "render at 12:00: $(ls "$T/r2")"
ok "--render --at renders the slides shown then (idle.png if none)"
"$KIOSK" --check --at 2015-05-29T09:00 "$T/p.json" 2>/dev/null | grep -q "at 2015-05-29 09:00 Europe/Berlin: slides shown: 1" ||
  fail "--check --at"
ok "--check --at lists the slides shown then"

# Live, ten times as fast: 10 s of simulated time before the window opens.
"$KIOSK" --windowed --size 320x180 --at 2015-05-29T09:59:50 --speed 10 "$T/p.json" \
  2>"$T/log" >/dev/null </dev/null &
APP_PID=$!
for ((i = 0; i < 600; i++)); do
  grep -q '^kiosk: idle' "$T/log" && break
  kill -0 "$APP_PID" 2>/dev/null || fail "kiosk exited"
  sleep 0.05
done
grep -q '^kiosk: idle' "$T/log" || fail "no idle screen within 30 s"
kill -TERM "$APP_PID"
wait "$APP_PID" || fail "kiosk did not exit 0"
APP_PID=""

# "kiosk: slide 2 at 08:00:00.012 UTC (real time 1432886400012 ms)"; "kiosk: idle ... at"
python3 - "$T/log" <<'PY' || fail "the changes were not on time"
import re, sys
edge_10 = 1432886400000  # 2015-05-29 10:00 CEST
edge_1001 = edge_10 + 60_000
speed, bound = 10, 2_000
changes = []
for text in open(sys.argv[1], encoding="utf-8"):
    m = re.search(r"^kiosk: (slide (\d+)|idle).* \(real time (\d+) ms\)", text)
    if m:
        changes.append((m.group(2) or "idle", int(m.group(3))))
print("  changes (slide, simulated real time):", changes)
two = [t for s, t in changes if s == "2"]
idle = [t for s, t in changes if s == "idle"]
assert all(t < edge_10 for s, t in changes if s == "1"), "slide 1 after 10:00"
assert two and edge_10 <= two[0] < edge_10 + bound, f"slide 2 at {two[:1]}"
assert all(t < edge_1001 for t in two), "slide 2 after 10:01"
assert idle and edge_1001 <= idle[0] < edge_1001 + bound, f"idle at {idle[:1]}"
print(f"  window edges honoured {(two[0] - edge_10) / speed:.1f} ms and "
      f"{(idle[0] - edge_1001) / speed:.1f} ms late (real time)")
PY
ok "live --at --speed: slide 2 from 10:00, idle from 10:01"

# The real clock, not trusted (KIOSK_CLOCK_TRUSTED=0): the slide with a "when" (all day)
# never shows, the log says why once; trusted, it does.
cat >"$T/q.json" <<'JSON'
{ "lang": "zz", "duration": 1, "transition": 0,
  "slides": [ { "text": "immer" }, { "text": "ganztags", "when": { "times": ["00:00-24:00"] } } ] }
JSON
for trusted in 0 1; do
  KIOSK_CLOCK_TRUSTED=$trusted "$KIOSK" --windowed --size 320x180 "$T/q.json" \
    2>"$T/log" >/dev/null </dev/null &
  APP_PID=$!
  for ((i = 0; i < 600; i++)); do
    (($(grep -c '^kiosk: slide' "$T/log" || true) >= 3)) && break
    kill -0 "$APP_PID" 2>/dev/null || fail "kiosk exited"
    sleep 0.05
  done
  kill -TERM "$APP_PID"
  wait "$APP_PID" || fail "kiosk did not exit 0"
  APP_PID=""
  untrusted=$(grep -c 'system clock is not synchronised yet' "$T/log" || true)
  shown=$(grep -c '^kiosk: slide 2 ' "$T/log" || true)
  if [[ $trusted == 0 ]]; then
    [[ $untrusted == 1 && $shown == 0 ]] || fail "untrusted: $untrusted log lines, slide 2 shown $shown times"
  else
    [[ $untrusted == 0 && $shown -ge 1 ]] || fail "trusted: $untrusted log lines, slide 2 shown $shown times"
  fi
done
ok "an untrusted clock hides the time-bound slide (one log line); a trusted one shows it"

# On the picture, on a virtual X server: --at 2015-05-29T09:59:30 --speed 4. Slide 1 (red)
# shows until 10:00 (7.5 s of real time), slide 2 (blue) from 10:00 to 10:01 (15 s), then
# the idle screen in the theme's background colour (not black). Screenshots every few
# hundred milliseconds; their colours must come in that order (red may be missed when the
# first frame is late, as under qemu).
if command -v Xvfb >/dev/null && command -v xdpyinfo >/dev/null && [[ -x /usr/bin/import ]]; then
  Xvfb -displayfd 3 -screen 0 320x180x24 -nolisten tcp 3>"$T/displayfd" 2>"$T/xvfb.log" &
  XVFB_PID=$!
  trap 'kill "$XVFB_PID" 2>/dev/null || true; cleanup_scratch_and_app' EXIT
  for ((i = 0; i < 100; i++)); do
    [[ -s $T/displayfd ]] && DISPLAY=":$(head -n1 "$T/displayfd")" xdpyinfo >/dev/null 2>&1 && break
    sleep 0.1
  done
  export DISPLAY=":$(head -n1 "$T/displayfd")"
  cat >"$T/c.json" <<'JSON'
{ "timezone": "Europe/Berlin", "lang": "zz", "duration": 3600, "transition": 0,
  "progress": false, "counter": false, "theme": { "background": "#204020" },
  "slides": [
    { "text": "vorher", "background": "#d04010", "when": { "until": "2015-05-29T10:00" } },
    { "text": "jetzt", "background": "#1060d0", "when": { "times": ["10:00-10:01"] } } ] }
JSON
  SDL_VIDEODRIVER=x11 "$KIOSK" --at 2015-05-29T09:59:30 --speed 4 "$T/c.json" \
    2>"$T/log" >/dev/null </dev/null &
  APP_PID=$!
  seen=""
  for ((i = 0; i < 200; i++)); do
    kill -0 "$APP_PID" 2>/dev/null || fail "kiosk exited"
    /usr/bin/import -window root "$T/shot.png" 2>/dev/null || { sleep 0.2; continue; }
    colour=$(/usr/bin/convert "$T/shot.png" -format '%[hex:p{3,3}]' info: 2>/dev/null || true)
    case $colour in
      D04010*) c=red ;; 1060D0*) c=blue ;; 204020*) c=idle ;; *) c="" ;;
    esac
    [[ -n $c && $c != "${seen##* }" ]] && seen="$seen $c"
    [[ $c == idle ]] && break
    sleep 0.3
  done
  kill -TERM "$APP_PID"
  wait "$APP_PID" || fail "kiosk did not exit 0"
  APP_PID=""
  # Under qemu (the arm64 suite) the first frame may come after 10:00: red is then not seen.
  [[ $seen == " red blue idle" || $seen == " blue idle" ]] ||
    fail "on screen: '$seen', expected: red blue idle"
  ok "on the picture (Xvfb, --at --speed 4): slide 1, at 10:00 slide 2, at 10:01 the idle screen"
else
  echo "  skipped: the picture check needs Xvfb, xdpyinfo and ImageMagick"
fi
