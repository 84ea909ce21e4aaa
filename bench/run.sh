#!/usr/bin/env bash
# kiosk against feh and Chromium --kiosk on the same slide, under Xvfb at 1920x1080, one
# program at a time; prints a Markdown table and writes it to bench/results.md.
# Not part of ctest: it takes about five minutes and wants a quiet machine.
#
#   bench/run.sh                      # everything
#   CALLGRIND=0 bench/run.sh          # without the (slow) instruction counts
#   BUILD=/path/to/build bench/run.sh # where kiosk and prepare_bench are built
#
# Settings (environment): IDLE_SECONDS (CPU window on the static slide, default 10),
# SETTLE_SECONDS (from start to the PSS/CPU measurements, default 10), CYCLE_SECONDS
# (CPU window while cycling 2 s slides, default 20), DISPLAY_NUM (default: a free one).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-$ROOT/build-bench}
IDLE_SECONDS=${IDLE_SECONDS:-10}
SETTLE_SECONDS=${SETTLE_SECONDS:-10}
CYCLE_SECONDS=${CYCLE_SECONDS:-20}
CALLGRIND=${CALLGRIND:-1}
RESULTS=${RESULTS:-$ROOT/bench/results.md}
SLIDE=4 # slide 4 of slides/resolution.json: a demand

log() { echo "bench: $*" >&2; }

# --- what it needs -------------------------------------------------------------------
need=()
for pair in chromium:chromium feh:feh Xvfb:xvfb xdotool:xdotool xwininfo:x11-utils \
  xdpyinfo:x11-utils import:imagemagick valgrind:valgrind ps:procps python3:python3 \
  cmake:cmake ninja:ninja-build; do
  command -v "${pair%%:*}" >/dev/null 2>&1 || need+=("${pair#*:}")
done
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
if [ ${#need[@]} -gt 0 ]; then
  log "installing ${need[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "${need[@]}" >/dev/null
fi

# --- build (Release, with bench/prepare_bench) --------------------------------------
cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release -DKIOSK_BENCH=ON >/dev/null
cmake --build "$BUILD" --target kiosk prepare_bench >/dev/null
KIOSK=$BUILD/kiosk

WORK=$(mktemp -d /tmp/kiosk-bench.XXXXXX)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

PROCSTAT="python3 $ROOT/bench/procstat.py"
HZ=$(getconf CLK_TCK)
now_ms() { echo $(($(date +%s%N) / 1000000)); }

# --- the display ---------------------------------------------------------------------
if [ -z "${DISPLAY_NUM:-}" ]; then
  DISPLAY_NUM=90
  while [ -e "/tmp/.X11-unix/X$DISPLAY_NUM" ] || [ -e "/tmp/.X$DISPLAY_NUM-lock" ]; do
    DISPLAY_NUM=$((DISPLAY_NUM + 1))
  done
fi
export DISPLAY=:$DISPLAY_NUM
unset WAYLAND_DISPLAY
setsid Xvfb "$DISPLAY" -screen 0 1920x1080x24 -nolisten tcp >"$WORK/xvfb.log" 2>&1 &
XVFB=$!
PIDS+=("$XVFB")
for _ in $(seq 100); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.05; done
xdpyinfo >/dev/null 2>&1 || { log "Xvfb did not start"; exit 1; }

# --- the slide, three ways -----------------------------------------------------------
PLAYLIST=$ROOT/slides/resolution.json
"$KIOSK" --render "$WORK/png" --size 1920x1080 "$PLAYLIST" >"$WORK/render.txt"
PNG=$WORK/png/$(printf 'slide-%03d.png' "$SLIDE")
BODY_PX=$(sed -n "s/.*slide-$(printf '%03d' "$SLIDE").png: body \([0-9]*\) px.*/\1/p" "$WORK/render.txt")
python3 - "$PLAYLIST" "$SLIDE" "$BODY_PX" "$WORK" <<'PY'
import html, json, sys
path, slide, body_px, work = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
p = json.load(open(path))
s = p["slides"][slide - 1]
theme = p.get("theme", {})
bg, fg, accent = theme.get("background", "#121e2f"), theme.get("foreground", "#ffffff"), theme.get("accent", "#f5b72c")
h = 1080
margin = round(h * theme.get("margin", 0.06))
kicker_px = max(round(body_px * 0.62), min(body_px, round(h / 24)))
gap = round(body_px * 0.6)
counter_px = round(h / 50)
blocks = []
if s.get("kicker"):
    blocks.append(f'<p style="font-size:{kicker_px}px;color:{accent}">{html.escape(s["kicker"])}</p>')
if s.get("title"):
    blocks.append(f'<h1 style="font-size:{round(body_px*1.25)}px">{html.escape(s["title"])}</h1>')
if s.get("text"):
    blocks.append(f'<p style="font-size:{body_px}px">{html.escape(s["text"])}</p>')
page = f"""<!DOCTYPE html>
<html lang="{p.get('lang', 'de')}"><head><meta charset="utf-8"><title>kiosk-bench</title>
<style>
html,body{{margin:0;width:1920px;height:1080px;overflow:hidden;background:{bg};color:{fg};
  font-family:'DejaVu Sans';line-height:1.164;cursor:none}}
main{{position:absolute;inset:{margin}px;display:flex;flex-direction:column;justify-content:center;gap:{gap}px}}
p,h1{{margin:0;hyphens:auto;font-weight:normal}} h1{{font-weight:bold}}
#counter{{position:absolute;right:{margin}px;bottom:{margin//2 - counter_px//2}px;font-size:{counter_px}px;opacity:{150/255:.3f}}}
</style></head>
<body><main>{''.join(blocks)}</main><div id="counter">{slide} / {len(p['slides'])}</div></body></html>
"""
open(f"{work}/slide.html", "w").write(page)
# For kiosk while cycling: every slide for 2 s, 0.8 s crossfades.
p["duration"] = 2
p["transition"] = 0.8
for x in p["slides"]:
    x.pop("duration", None)
json.dump(p, open(f"{work}/cycle.json", "w"), ensure_ascii=False)
# For the instruction count without the hyphenation dictionary load.
q = json.load(open(path))
q["lang"] = "xx"
json.dump(q, open(f"{work}/nohyphen.json", "w"), ensure_ascii=False)
PY
# The playlists refer to nothing relative (fonts come from fontconfig), so /tmp is fine.

# --- measuring one program -----------------------------------------------------------
# start NAME CLASS CMD...: starts CMD in its own process group, waits until a window of
# CLASS is mapped (xdotool search --onlyvisible, polled without sleeping) and sets PID
# and MAPPED_MS (start -> window mapped).
start() {
  local name=$1 class=$2
  shift 2
  local t0
  t0=$(now_ms)
  setsid "$@" >"$WORK/$name.out" 2>"$WORK/$name.err" &
  PID=$!
  PIDS+=("$PID")
  MAPPED_MS=""
  while [ $(($(now_ms) - t0)) -lt 30000 ]; do
    if xdotool search --onlyvisible --class "$class" >/dev/null 2>&1; then
      MAPPED_MS=$(($(now_ms) - t0))
      break
    fi
  done
  START_T0=$t0
}

# cpu_percent PID SECONDS -> "CPU XCPU": % of one core used by PID's process tree over
# SECONDS, and by the X server over the same time.
cpu_percent() {
  local pid=$1 secs=$2 a b xa xb t0 t1
  a=$($PROCSTAT ticks "$pid")
  xa=$($PROCSTAT ticks "$XVFB")
  t0=$(date +%s%N)
  sleep "$secs"
  b=$($PROCSTAT ticks "$pid")
  xb=$($PROCSTAT ticks "$XVFB")
  t1=$(date +%s%N)
  python3 -c "s = ($t1 - $t0) / 1e9; print(f'{($b-$a)/$HZ/s*100:.1f} {($xb-$xa)/$HZ/s*100:.1f}')"
}

pss_mib() { # PID -> "MIB NPROCS"
  $PROCSTAT pss "$1" | awk '{printf "%.1f %d\n", $1 / 1024, $2}'
}

sleep_until() { # T0_MS SECONDS: sleeps until SECONDS after T0
  local left=$((START_T0 + $1 * 1000 - $(now_ms)))
  [ "$left" -le 0 ] || sleep "$(python3 -c "print($left/1000)")"
}

stop() {
  kill -- "-$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
  sleep 0.5
}

declare -A R

# kiosk: the resolution, jump to slide 4, pause.
log "kiosk (static, paused)"
start kiosk kiosk "$KIOSK" "$PLAYLIST"
R[kiosk_mapped]=$MAPPED_MS
sleep 1
xdotool type --delay 50 "$SLIDE"
xdotool key Return
sleep 2
xdotool key p
sleep_until "$SETTLE_SECONDS"
# Start-up is over once the hyphenation patterns are in use (and released again).
for _ in $(seq 600); do
  grep -q "hyphenation patterns .* in use" "$WORK/kiosk.err" && break
  sleep 0.1
done
sleep 1
read -r R[kiosk_pss] R[kiosk_procs] <<<"$(pss_mib "$PID")"
read -r R[kiosk_idle] R[kiosk_idle_x] <<<"$(cpu_percent "$PID" "$IDLE_SECONDS")"
import -window root "$WORK/kiosk-shot.png" 2>/dev/null || true
stop "$PID"
R[kiosk_first]=$(sed -n 's/.*first frame on screen after \([0-9]*\) ms.*/\1/p' "$WORK/kiosk.err" | head -1)
R[kiosk_renderer]=$(sed -n 's/.*first frame on screen after [0-9]* ms (\([^)]*\)).*/\1/p' "$WORK/kiosk.err" | head -1)

log "kiosk (cycling 2 s slides, 0.8 s crossfades)"
KIOSK_FRAME_STATS=1 start kiosk-cycle kiosk "$KIOSK" "$WORK/cycle.json"
sleep 3
read -r R[kiosk_cycle] R[kiosk_cycle_x] <<<"$(cpu_percent "$PID" "$CYCLE_SECONDS")"
stop "$PID"
R[kiosk_frames]=$(grep 'frame stats:' "$WORK/kiosk-cycle.err" | tail -1 | sed 's/.*frame stats: //')

log "feh (static)"
start feh feh feh -F --hide-pointer "$PNG"
R[feh_mapped]=$MAPPED_MS
sleep_until "$SETTLE_SECONDS"
read -r R[feh_pss] R[feh_procs] <<<"$(pss_mib "$PID")"
read -r R[feh_idle] R[feh_idle_x] <<<"$(cpu_percent "$PID" "$IDLE_SECONDS")"
stop "$PID"

log "feh (cycling 2 s slides, cuts)"
start feh-cycle feh feh -F --hide-pointer -D 2 "$WORK"/png/slide-*.png
sleep 3
read -r R[feh_cycle] R[feh_cycle_x] <<<"$(cpu_percent "$PID" "$CYCLE_SECONDS")"
stop "$PID"

log "Chromium --kiosk (static)"
start chromium chromium chromium --kiosk --no-sandbox --disable-gpu \
  --disable-background-networking --disable-component-update --disable-sync --no-first-run \
  --disable-features=Translate --no-default-browser-check --password-store=basic \
  --user-data-dir="$WORK/chromium-profile" "file://$WORK/slide.html"
R[chromium_mapped]=$MAPPED_MS
sleep_until "$SETTLE_SECONDS"
read -r R[chromium_pss] R[chromium_procs] <<<"$(pss_mib "$PID")"
read -r R[chromium_idle] R[chromium_idle_x] <<<"$(cpu_percent "$PID" "$IDLE_SECONDS")"
import -window root "$WORK/chromium-shot.png" 2>/dev/null || true
stop "$PID"

# --- kiosk alone: slide preparation, crossfade frames, instruction counts ------------
log "prepare_bench"
"$BUILD/prepare_bench" "$PLAYLIST" >"$WORK/prepare.txt" 2>"$WORK/prepare.err"
field() { # LABEL COLUMN -> a number from prepare_bench's output ("" if it has no such line)
  { grep "^$1 " "$WORK/prepare.txt" || true; } | sed -n "s/.* $2 *\([0-9.]*\).*/\1/p" | head -1
}
R[prep_min]=$(field "prepare, warm: total" min)
R[prep_med]=$(field "prepare, warm: total" median)
R[prep_max]=$(field "prepare, warm: total" max)
R[prep1_med]=$(field "prepare, first round: total" median)
R[prep1_max]=$(field "prepare, first round: total" max)
R[fade_p50]=$(field "crossfade frame (draw)" median)
R[fade_p99]=$(field "crossfade frame (draw)" p99)
R[sdlfade_p50]=$(field "  SDL renderer (draw+flush)" median)
R[sdlfade_p99]=$(field "  SDL renderer (draw+flush)" p99)

if [ "$CALLGRIND" = 1 ]; then
  log "callgrind (slow)"
  callgrind() { # PLAYLIST -> total Ir
    valgrind --tool=callgrind --callgrind-out-file="$WORK/cg.out" "$KIOSK" --render \
      "$WORK/cg" "$1" 2>&1 >/dev/null | sed -n 's/.*Collected : \([0-9]*\).*/\1/p' | tail -1
  }
  R[ir_de]=$(callgrind "$PLAYLIST")
  R[ir_xx]=$(callgrind "$WORK/nohyphen.json")
fi

# --- the table -----------------------------------------------------------------------
python3 - "$WORK/results.json" <<PY
import json
R = {$(for k in "${!R[@]}"; do printf '"%s": "%s", ' "$k" "${R[$k]}"; done)}
json.dump(R, open("$WORK/results.json", "w"))
PY
LOAD=$(cut -d' ' -f1-3 /proc/loadavg)
python3 - "$WORK/results.json" "$LOAD" "$(nproc)" \
  "$(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)" \
  "$(chromium --version 2>/dev/null | head -1)" "$(feh --version | head -1)" \
  "$(cd "$ROOT" && git describe --always --dirty 2>/dev/null || echo '?')" >"$WORK/table.md" <<'PY'
import json, sys
R = json.load(open(sys.argv[1]))
load, cores, cpu, chromium, feh, rev = sys.argv[2:8]
def f(k, default="—"):
    v = R.get(k, "")
    return v if v != "" else default
def num(k):
    try:
        return float(R[k])
    except (KeyError, ValueError):
        return None
def ok(cond):
    return "—" if cond is None else ("met" if cond else "**missed**")
kp, fp, cp = num("kiosk_pss"), num("feh_pss"), num("chromium_pss")
rows = []
rows.append(("Processes", f("kiosk_procs"), f("feh_procs"), f("chromium_procs"), "", ""))
rows.append(("PSS, MiB (summed over the process tree, at 10 s)", f("kiosk_pss"), f("feh_pss"), f("chromium_pss"),
             "≤ 2× feh, ≤ 1/10 Chromium",
             ok(None if None in (kp, fp, cp) else kp <= 2 * fp and kp <= cp / 10)
             + (f" ({kp / fp:.2f}× feh, 1/{cp / kp:.0f} Chromium)" if None not in (kp, fp, cp) else "")))
rows.append((f"CPU on the paused static slide, % of a core", f("kiosk_idle"), f("feh_idle"), f("chromium_idle"),
             "≤ 0.5 %", ok(None if num("kiosk_idle") is None else num("kiosk_idle") <= 0.5)))
rows.append(("… Xvfb meanwhile, % of a core", f("kiosk_idle_x"), f("feh_idle_x"), f("chromium_idle_x"), "", ""))
rows.append(("CPU while cycling 2 s slides, % of a core", f("kiosk_cycle") + " (0.8 s crossfades)",
             f("feh_cycle") + " (cuts)", "—", "", ""))
rows.append(("… Xvfb meanwhile, % of a core", f("kiosk_cycle_x"), f("feh_cycle_x"), "—", "", ""))
rows.append(("Start → window mapped, ms (xdotool polling)", f("kiosk_mapped"), f("feh_mapped"), f("chromium_mapped"), "", ""))
rows.append(("Start → first frame, ms (kiosk's log)", f("kiosk_first"), "—", "—", "≤ 200 ms",
             ok(None if num("kiosk_first") is None else num("kiosk_first") <= 200)))
rows.append(("Preparing a slide (layout + rasterising), ms min / median / max",
             f"{f('prep_min')} / {f('prep_med')} / {f('prep_max')}", "—", "—", "≤ 10 ms",
             ok(None if num("prep_max") is None else num("prep_max") <= 10)))
rows.append(("… the same with cold fonts (first slide after start), median / max",
             f"{f('prep1_med')} / {f('prep1_max')}", "—", "—", "", ""))
rows.append(("Crossfade frame, ms p50 / p99 (software drawing, 1920x1080, prepare_bench)",
             f"{f('fade_p50')} / {f('fade_p99')}", "—", "—", "p99 ≤ 16.7 ms",
             ok(None if num("fade_p99") is None else num("fade_p99") <= 16.7)))
rows.append(("… the same through SDL's software renderer (what kiosk used before)",
             f"{f('sdlfade_p50')} / {f('sdlfade_p99')}", "—", "—", "", ""))
rows.append(("Crossfade frames live under Xvfb (KIOSK_FRAME_STATS=1)", f("kiosk_frames"), "—", "—", "", ""))
rows.append(("Instructions, `kiosk --render` of all 13 slides (callgrind Ir)",
             f"{int(R['ir_de']):,}" if R.get("ir_de") else "—", "—", "—", "", ""))
rows.append(("… with `\"lang\": \"xx\"` (no hyphenation dictionary load)",
             f"{int(R['ir_xx']):,}" if R.get("ir_xx") else "—", "—", "—", "", ""))
print(f"kiosk {rev} ({f('kiosk_renderer')}), {feh}, {chromium}; Xvfb 1920x1080x24; "
      f"{cores} cores ({cpu}); load average at the end: {load}.")
print()
print("| | kiosk | feh | Chromium --kiosk | budget | |")
print("|---|---|---|---|---|---|")
for r in rows:
    print("| " + " | ".join(r) + " |")
PY
cat "$WORK/table.md"
cp "$WORK/table.md" "$RESULTS"
log "written to $RESULTS"
