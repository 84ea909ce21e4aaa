#!/usr/bin/env bash
# How late the show honours a time rule's edge, on the real clock: five slides each shown
# "until" a moment 2, 4, ... 10 s after the start (local time, seconds given), a sixth
# always; each gives way at once at its edge. KIOSK_LOG_SLIDES=1 logs each change with the
# real-time clock; the lateness is logged time - edge. Budget: 100 ms.
#
# Usage: bench/time_edge.sh path/to/kiosk
set -euo pipefail
KIOSK=$(realpath -- "$1")
T=$(mktemp -d)
PID=""
trap 'if [[ -n $PID ]]; then kill -9 "$PID" 2>/dev/null || true; fi; rm -rf -- "$T"' EXIT
unset DISPLAY WAYLAND_DISPLAY
export SDL_VIDEODRIVER=dummy KIOSK_LOG_SLIDES=1 KIOSK_CLOCK_TRUSTED=1 TZ=UTC
start=$(($(date +%s) + 3))
python3 - "$start" >"$T/p.json" <<'PY'
import json, sys, datetime
start = int(sys.argv[1])
slides = []
for i in range(5):
    until = datetime.datetime.fromtimestamp(start + 2 * (i + 1), datetime.timezone.utc)
    slides.append({"text": f"bis {until:%H:%M:%S}", "when": {"until": f"{until:%Y-%m-%dT%H:%M:%S}"}})
slides.append({"text": "danach"})
print(json.dumps({"timezone": "UTC", "lang": "zz", "duration": 600, "transition": 0, "slides": slides}))
PY
"$KIOSK" --windowed --size 320x180 "$T/p.json" 2>"$T/log" >/dev/null </dev/null &
PID=$!
sleep $((start + 12 - $(date +%s)))
kill -TERM "$PID"; wait "$PID" || true; PID=""
python3 - "$T/log" "$start" <<'PY'
import re, sys
start = int(sys.argv[2]) * 1000
late = []
for text in open(sys.argv[1]):
    m = re.search(r"^kiosk: slide (\d+) at .*\(real time (\d+) ms\)", text)
    if m and int(m.group(1)) >= 2:
        edge = start + 2000 * (int(m.group(1)) - 1)
        late.append(int(m.group(2)) - edge)
print("edges honoured late by (ms):", late)
print(f"max {max(late)} ms (budget 100 ms)" if len(late) == 5 else "MISSING changes")
PY
