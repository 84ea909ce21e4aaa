#!/usr/bin/env bash
# Fuzzes with libFuzzer (clang, ASan + UBSan), each target for about a minute:
#   playlist  the playlist parser, validation and layout, seeded with fuzz/corpus/ and slides/
#   picture   ProbePicture + DecodePicture (kiosk/image), seeded with PNGs and JPEGs that
#             tests/make_picture makes (every variant, and broken ones)
#   mqtt      HandleMqttMessage (a topic, a newline, the payload), the MQTT config file and
#             KIOSK_MQTT, seeded with fuzz/corpus/mqtt/
#   programme a conference schedule.json: parsing, now/next, the programme slides' text,
#             seeded with tests/data/programme/ and the example's schedule
# Self-contained: installs the build packages and clang itself.
#
#   .ci/fuzz.sh                     60 s each
#   FUZZ_SECONDS=600 .ci/fuzz.sh    longer; FUZZ_RUNS=1000000 for a number of executions
#   FUZZ_TARGETS=picture .ci/fuzz.sh   only that one
#
# Build directory: $KIOSK_FUZZ_BUILD_DIR (default build-fuzz). New inputs found go to
# BUILD/fuzz-corpus (BUILD/fuzz-corpus-picture), crashes to BUILD/fuzz-artifacts/ (the
# script then fails).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

KIOSK_SKIP_DEPS=${KIOSK_SKIP_DEPS-}
if [[ $KIOSK_SKIP_DEPS != 1 ]]; then
  bash scripts/install-deps.sh
  if ! command -v clang++ >/dev/null || ! dpkg-query -W -f='${db:Status-Abbrev}' libclang-rt-14-dev 2>/dev/null | grep -q '^ii'; then
    SUDO=()
    [[ $(id -u) -eq 0 ]] || SUDO=(sudo)
    "${SUDO[@]}" apt-get update
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      clang libclang-rt-14-dev
  fi
fi

BUILD=${KIOSK_FUZZ_BUILD_DIR:-build-fuzz}
cmake -S . -B "$BUILD" -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DKIOSK_FUZZ=ON -DKIOSK_BUILD_TESTS=OFF -DKIOSK_WERROR=ON
read -r -a targets <<<"${FUZZ_TARGETS:-playlist picture mqtt programme}"
build_targets=()
for target in "${targets[@]}"; do build_targets+=(--target "kiosk_${target}_fuzz"); done
[[ " ${targets[*]} " == *" picture "* ]] && build_targets+=(--target make_picture)
cmake --build "$BUILD" "${build_targets[@]}"

mkdir -p "$BUILD/fuzz-artifacts"
limits=(-max_total_time="${FUZZ_SECONDS:-60}")
[[ -n ${FUZZ_RUNS-} ]] && limits=(-runs="$FUZZ_RUNS")

# Seeds for the picture fuzzer: small ones (libFuzzer mutates them best), every variant.
picture_seeds() {
  local dir=$BUILD/picture-seeds make=$BUILD/fuzz/make_picture
  rm -rf "$dir" && mkdir -p "$dir"
  local color depth kind o
  for color in rgb rgba grey grey-alpha; do
    for depth in 8 16; do "$make" "$dir/$color-$depth.png" --size 9x7 --color "$color" --depth "$depth"; done
  done
  "$make" "$dir/palette-2.png" --size 9x7 --color palette --depth 2
  "$make" "$dir/palette-8.png" --size 9x7 --color palette
  "$make" "$dir/interlaced.png" --size 9x7 --color rgba --interlace
  for kind in baseline progressive grey cmyk ycck; do
    "$make" "$dir/$kind.jpg" --size 17x13 --jpeg "$kind" --quality 50
  done
  for o in 1 2 3 4 5 6 7 8; do "$make" "$dir/orientation-$o.jpg" --size 16x8 --orientation "$o" --quality 50; done
  "$make" "$dir/exif-mm.jpg" --size 16x8 --orientation 6 --exif-big-endian --quality 50
  "$make" "$dir/claim.png" --size 9x7 --claim 30000x2
  "$make" "$dir/claim.jpg" --size 16x8 --claim 65535x3 --quality 50
  "$make" "$dir/cut.png" --size 32x32 --truncate 60
  "$make" "$dir/cut.jpg" --size 32x32 --truncate 300 --quality 50
  "$make" "$dir/corrupt.png" --size 32x32 --corrupt
  "$make" "$dir/corrupt.jpg" --size 32x32 --corrupt --quality 50
  "$make" "$dir/many-scans.jpg" --size 16x8 --jpeg progressive --many-scans --quality 50
}

# run NAME MAX_LEN EXTRA_ARGS... -- CORPUS_DIRS...
run() {
  local name=$1 max_len=$2
  shift 2
  local extra=()
  while [[ $1 != -- ]]; do extra+=("$1"); shift; done
  shift
  local corpus=$BUILD/fuzz-corpus
  [[ $name == playlist ]] || corpus=$BUILD/fuzz-corpus-$name
  mkdir -p "$corpus"
  # -timeout: one input may take at most 10 s (a hang is a bug); -rss_limit_mb bounds memory.
  local log="$BUILD/fuzz-$name.log"
  local started status seconds runs rate
  started=$(date +%s.%N)
  set +e
  "$BUILD/fuzz/kiosk_${name}_fuzz" "${limits[@]}" -timeout=10 -rss_limit_mb=2048 \
    -max_len="$max_len" "${extra[@]}" -print_final_stats=1 \
    -artifact_prefix="$BUILD/fuzz-artifacts/" \
    "$corpus" "$@" 2>&1 | tee "$log"
  status=${PIPESTATUS[0]}
  set -e
  seconds=$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { print b - a }')
  # Executions per second, so that a slow path creeping in shows in CI's log: libFuzzer's
  # final stats (-print_final_stats=1), else the last status line's "exec/s:".
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
  [[ -n $runs ]] || runs=$(grep -o '^#[0-9]*' "$log" | tail -n 1 | tr -d '#')
  [[ -n $rate ]] || rate=$(grep -o 'exec/s: [0-9]*' "$log" | tail -n 1 | sed 's/exec\/s: //')
  printf 'fuzz %s: %s runs in %.0f s, %s exec/s\n' "$name" "${runs:-?}" "$seconds" "${rate:-?}"
  if [[ $status -ne 0 ]]; then
    echo "fuzz.sh: the $name fuzzer failed (exit $status); inputs in $BUILD/fuzz-artifacts/" >&2
    exit "$status"
  fi
  echo "fuzz.sh: $name corpus $(find "$corpus" "$@" -type f | wc -l) files; no crash"
}

for target in "${targets[@]}"; do
  case $target in
    playlist) run playlist 4096 -dict=fuzz/json.dict -- fuzz/corpus slides ;;
    picture) picture_seeds && run picture 16384 -- "$BUILD/picture-seeds" ;;
    mqtt) run mqtt 4096 -dict=fuzz/mqtt.dict -- fuzz/corpus/mqtt ;;
    programme) run programme 65536 -dict=fuzz/json.dict -- tests/data/programme slides/examples/programme ;;
    *) echo "fuzz.sh: unknown target $target (playlist, picture, mqtt, programme)" >&2; exit 2 ;;
  esac
done
