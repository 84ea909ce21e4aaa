#!/usr/bin/env bash
# Wall-clock sync end to end: two kiosks with the same "sync": "clock" playlist (SDL's dummy
# video driver, no display needed), the second started 7.3 s after the first, log each
# slide change with the real-time clock (KIOSK_LOG_SLIDES=1). Over 20 changes (after the
# second kiosk's first, which may wait for its start-up work), both must change to the slide
# the clock says at the same second, and within 20 ms of each other and of the clock's
# millisecond (a multiple of the 1 s slides since the Unix epoch). The slides decide; of
# the timings, which a busy shared machine can delay now and then, 2 of the 20 may be
# late without failing. Prints the numbers.
#
# Usage: tests/e2e/sync_test.sh path/to/kiosk
set -euo pipefail

# shellcheck source=tests/e2e/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
take_kiosk_binary "$@"
unset DISPLAY WAYLAND_DISPLAY
export SDL_VIDEODRIVER=dummy KIOSK_LOG_SLIDES=1

use_scratch_and_app
SECOND_PID=""
trap 'if [[ -n $SECOND_PID ]]; then kill -9 "$SECOND_PID" 2>/dev/null || true; fi; cleanup_scratch_and_app' EXIT

CHANGES=20
TOLERANCE_MS=20

# Three slides of a second and a 0.3 s crossfade: a 3 s loop. "lang": "zz" has no
# hyphenation patterns to load (seconds of CPU that would compete with the timing).
cat >"$T/p.json" <<'JSON'
{ "sync": "clock", "lang": "zz", "duration": 1, "transition": 0.3,
  "slides": [{ "text": "eins" }, { "text": "zwei" }, { "text": "drei" }] }
JSON

"$KIOSK" --windowed --size 320x180 "$T/p.json" 2>"$T/log" >/dev/null </dev/null &
APP_PID=$!
sleep 7.3
"$KIOSK" --windowed --size 320x180 "$T/p.json" 2>"$T/log2" >/dev/null </dev/null &
SECOND_PID=$!

changes() { grep -c 'on the clock' "$1" || true; }
for ((i = 0; i < 1000; i++)); do
  (($(changes "$T/log2") >= CHANGES + 3)) && break
  kill -0 "$APP_PID" 2>/dev/null || fail "the first kiosk exited"
  kill -0 "$SECOND_PID" 2>/dev/null || { cat "$T/log2" >&2; fail "the second kiosk exited"; }
  sleep 0.05
done
(($(changes "$T/log2") >= CHANGES + 3)) || fail "the second kiosk logged $(changes "$T/log2") changes in 50 s"
kill -TERM "$APP_PID" "$SECOND_PID"
wait "$APP_PID" || fail "the first kiosk did not exit 0"
wait "$SECOND_PID" || { cat "$T/log2" >&2; fail "the second kiosk did not exit 0"; }
APP_PID="" SECOND_PID=""

# "kiosk: slide 2 at 04:20:01.003 UTC (real time 1796098801003 ms), on the clock"
python3 - "$T/log" "$T/log2" "$CHANGES" "$TOLERANCE_MS" <<'PY'
import re, sys
first, second, n, tolerance = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
line = re.compile(r"slide (\d+) at .* \(real time (\d+) ms\), on the clock")
def changes(path):
    # The due time of each change: the slide's start on the clock, to the nearest second.
    # Lines before "following the real-time clock" are the start (a cut to the clock's
    # slide at any moment), not a change.
    out, started = {}, False
    for text in open(path, encoding="utf-8"):
        started = started or "following the real-time clock" in text
        m = line.search(text)
        if started and m:
            real = int(m.group(2))
            out[(real + 500) // 1000 * 1000] = (int(m.group(1)), real)
    return out
a, b = changes(first), changes(second)
due = sorted(b)[1:n + 1]
if len(due) < n:
    sys.exit(f"FAIL: only {len(due)} changes of the second kiosk")
worst_pair = worst_late = late = 0
diffs = []
for t in due:
    if t not in a:
        sys.exit(f"FAIL: the first kiosk logged no change at {t}")
    (slide_a, real_a), (slide_b, real_b) = a[t], b[t]
    if slide_a != slide_b:
        sys.exit(f"FAIL: at {t} the first kiosk changed to slide {slide_a}, the second to {slide_b}")
    if slide_a != (t // 1000) % 3 + 1:
        sys.exit(f"FAIL: at {t} slide {slide_a}, the clock says {(t // 1000) % 3 + 1}")
    diffs.append(real_b - real_a)
    worst_pair = max(worst_pair, abs(real_b - real_a))
    worst_late = max(worst_late, abs(real_a - t), abs(real_b - t))
    late += max(abs(real_b - real_a), abs(real_a - t), abs(real_b - t)) > tolerance
print(f"  {n} changes: second minus first, ms: {' '.join(map(str, diffs))}")
print(f"  largest difference between the two: {worst_pair} ms; largest distance from the "
      f"clock's millisecond: {worst_late} ms; {late} of {n} past {tolerance} ms")
if late > 2:
    sys.exit(f"FAIL: {late} changes past the tolerance")
PY
ok "two kiosks started 7.3 s apart change slides together ($CHANGES changes)"
