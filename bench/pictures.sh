#!/usr/bin/env bash
# Pictures (issue 12's budgets), one run, side by side with feh on the same files, under Xvfb
# at 1920x1080 (software drawing: no GPU here):
#  - steady PSS of kiosk cycling 10 slides of 4000x3000 JPEGs (full-screen, cover) vs feh's;
#  - peak PSS of kiosk meanwhile (a decode runs on every slide change);
#  - thread CPU time of preparing one such slide (decode + scale; kiosk's own log,
#    KIOSK_FRAME_STATS=1);
#  - crossfade frame times with these picture slides (KIOSK_FRAME_STATS=1);
#  - the bundled resolution alone (no pictures): PSS at 10 s.
# Prints a Markdown table (also to bench/pictures.md).
#
# Usage: bench/pictures.sh [BUILD_DIR]   (default build/; needs kiosk and tests/make_picture)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=$(realpath "${1:-$ROOT/build}")
KIOSK=$BUILD/kiosk
MAKE=$BUILD/tests/make_picture
PROCSTAT="python3 $ROOT/bench/procstat.py"
for tool in Xvfb feh xdpyinfo; do
  command -v "$tool" >/dev/null || { echo "needs $tool (apt-get install xvfb feh x11-utils)" >&2; exit 1; }
done
W=1920
H=1080
SLIDE_SECONDS=3
CYCLE=$((10 * SLIDE_SECONDS))
WORK=$(mktemp -d)
XVFB_PID=""
PID=""
cleanup() {
  [[ -n $PID ]] && kill "$PID" 2>/dev/null
  [[ -n $XVFB_PID ]] && kill "$XVFB_PID" 2>/dev/null
  rm -rf -- "$WORK"
}
trap cleanup EXIT
log() { echo "== $*" >&2; }

log "10 JPEGs of 4000x3000"
mkdir "$WORK/jpg"
for i in $(seq -w 1 10); do
  "$MAKE" "$WORK/jpg/photo-$i.jpg" --size 4000x3000 --quality $((80 + ${i#0})) >/dev/null
done
{
  # "en": no hyphenation patterns to load (seconds of CPU at start, in the German default).
  echo "{\"lang\": \"en\", \"duration\": $SLIDE_SECONDS, \"transition\": 0.8, \"progress\": false, \"counter\": false, \"slides\": ["
  for i in $(seq -w 1 10); do
    sep=,
    [[ $i == 10 ]] && sep=
    echo "{\"image\": {\"file\": \"jpg/photo-$i.jpg\", \"fit\": \"cover\"}}$sep"
  done
  echo ']}'
} >"$WORK/photos.json"

Xvfb -displayfd 3 -screen 0 "${W}x${H}x24" -nolisten tcp 3>"$WORK/displayfd" 2>/dev/null &
XVFB_PID=$!
for ((i = 0; i < 100; i++)); do
  [[ -s $WORK/displayfd ]] && break
  sleep 0.1
done
export DISPLAY=":$(head -n1 "$WORK/displayfd")"

# PSS samples (KiB) of PID's tree every 0.1 s for SECONDS: "median max" of those after SKIP s.
sample_pss() {
  local pid=$1 seconds=$2 skip=$3 end t0 now
  t0=$(date +%s%N)
  end=$((t0 + seconds * 1000000000))
  : >"$WORK/pss"
  while now=$(date +%s%N) && ((now < end)); do
    kill -0 "$pid" 2>/dev/null || break
    if (((now - t0) / 1000000000 >= skip)); then
      $PROCSTAT pss "$pid" | cut -d' ' -f1 >>"$WORK/pss"
    fi
    sleep 0.1
  done
  sort -n "$WORK/pss" | awk '{ v[NR] = $1 } END { printf "%.1f %.1f\n", v[int((NR + 1) / 2)] / 1024, v[NR] / 1024 }'
}

log "kiosk cycling the 10 photos ($SLIDE_SECONDS s each, 0.8 s crossfades), two cycles"
KIOSK_FRAME_STATS=1 "$KIOSK" --renderer software "$WORK/photos.json" >/dev/null 2>"$WORK/kiosk.log" &
PID=$!
# The first cycle warms up (fonts, hyphenation patterns); the second is measured.
read -r kiosk_pss kiosk_peak <<<"$(sample_pss "$PID" $((2 * CYCLE)) "$CYCLE")"
# Samples 0.1 s apart can miss a decode's peak: the kernel's high-water mark of the resident
# set (RSS, which PSS never exceeds) cannot.
kiosk_hwm=$(awk '/^VmHWM/ { printf "%.1f", $2 / 1024 }' "/proc/$PID/status")
kill "$PID"
wait "$PID" || true
PID=""
decode=$(grep -o 'picture stats: .* in [0-9.]* ms' "$WORK/kiosk.log" | sed 's/.* in \([0-9.]*\) ms/\1/' | sort -n |
  awk '{ v[NR] = $1 } END { if (NR) printf "%.1f / %.1f / %.1f (%d decodes)", v[1], v[int((NR + 1) / 2)], v[NR], NR }')
frames=$(grep 'frame stats' "$WORK/kiosk.log" | tail -n1 | sed 's/.*frame stats: //')

log "feh cycling the same files (fullscreen, $SLIDE_SECONDS s each), two cycles"
feh -F --hide-pointer -D "$SLIDE_SECONDS" "$WORK"/jpg/photo-*.jpg >/dev/null 2>&1 &
PID=$!
read -r feh_pss feh_peak <<<"$(sample_pss "$PID" $((2 * CYCLE)) "$CYCLE")"
feh_hwm=$(awk '/^VmHWM/ { printf "%.1f", $2 / 1024 }' "/proc/$PID/status")
kill "$PID"
wait "$PID" 2>/dev/null || true
PID=""

log "kiosk with the bundled resolution (no pictures), PSS at 10 s"
"$KIOSK" --renderer software >/dev/null 2>"$WORK/resolution.log" &
PID=$!
sleep 10
resolution_pss=$($PROCSTAT pss "$PID" | awk '{ printf "%.1f", $1 / 1024 }')
jpeg_mapped=$(grep -c 'libjpeg\|libqrencode' "/proc/$PID/maps" || true)
kill "$PID"
wait "$PID" || true
PID=""

ratio=$(awk -v k="$kiosk_pss" -v f="$feh_pss" 'BEGIN { printf "%.2f", k / f }')
met() { awk -v v="$1" -v b="$2" 'BEGIN { print (v <= b) ? "met" : "NOT met" }'; }
decode_max=$(sed 's|.* / ||; s| (.*||' <<<"$decode")
p99=$(sed -n 's/.*p99 \([0-9.]*\) .*interval.*/\1/p' <<<"$frames")
{
  echo "kiosk $(git -C "$ROOT" rev-parse --short HEAD) (${W}x${H}, x11, software), $(feh --version | head -1); Xvfb; $(nproc) cores; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
  echo
  echo "| Pictures (10 slides of 4000x3000 JPEGs, cover, ${SLIDE_SECONDS} s each) | kiosk | feh | budget | |"
  echo "|---|---|---|---|---|"
  echo "| Steady PSS, MiB (median over the second cycle) | $kiosk_pss | $feh_pss | ≤ 1.5× feh | $(met "$ratio" 1.5) (${ratio}×) |"
  echo "| Peak PSS, MiB (sampled every 0.1 s during the decodes) | $kiosk_peak | $feh_peak | ≤ 64 MiB | $(met "$kiosk_peak" 64) |"
  echo "| … peak RSS over the whole run (VmHWM: shared libraries counted whole, so above PSS), MiB | $kiosk_hwm | $feh_hwm | | |"
  echo "| Preparing a 4000x3000 JPEG slide (decode + scale to 1920x1080), ms thread CPU, min / median / max | $decode | — | ≤ 150 ms | $(met "${decode_max:-999}" 150) |"
  echo "| Crossfade frames with picture slides (KIOSK_FRAME_STATS=1) | $frames | — | p99 ≤ 16.7 ms | $(met "${p99:-999}" 16.7) |"
  echo "| The resolution alone (no pictures): PSS at 10 s, MiB | $resolution_pss | — | no more than before | libjpeg/libqrencode mappings: $jpeg_mapped |"
} | tee "$ROOT/bench/pictures.md"
