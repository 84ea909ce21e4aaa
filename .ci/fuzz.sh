#!/usr/bin/env bash
# Fuzzes the playlist parser, validation and layout with libFuzzer (clang, ASan + UBSan)
# for about a minute, seeded with fuzz/corpus/ and slides/. Self-contained: installs the
# build packages and clang itself.
#
#   .ci/fuzz.sh                     60 s
#   FUZZ_SECONDS=600 .ci/fuzz.sh    longer; FUZZ_RUNS=1000000 for a number of executions
#
# Build directory: $KIOSK_FUZZ_BUILD_DIR (default build-fuzz). New inputs found go to
# BUILD/fuzz-corpus, crashes to BUILD/fuzz-artifacts/ (the script then fails).
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
cmake --build "$BUILD" --target kiosk_playlist_fuzz

mkdir -p "$BUILD/fuzz-corpus" "$BUILD/fuzz-artifacts"
limits=(-max_total_time="${FUZZ_SECONDS:-60}")
[[ -n ${FUZZ_RUNS-} ]] && limits=(-runs="$FUZZ_RUNS")
# -timeout: one input may take at most 10 s (a hang is a bug); -rss_limit_mb bounds memory.
log="$BUILD/fuzz.log"
started=$(date +%s.%N)
set +e
"$BUILD/fuzz/kiosk_playlist_fuzz" "${limits[@]}" -timeout=10 -rss_limit_mb=2048 \
  -max_len=4096 -dict=fuzz/json.dict -print_final_stats=1 \
  -artifact_prefix="$BUILD/fuzz-artifacts/" \
  "$BUILD/fuzz-corpus" fuzz/corpus slides 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
seconds=$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { print b - a }')
# Executions per second, so that a slow path creeping in shows in CI's log: libFuzzer's
# final stats (-print_final_stats=1), else the last status line's "exec/s:".
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
[[ -n $runs ]] || runs=$(grep -o '^#[0-9]*' "$log" | tail -n 1 | tr -d '#')
[[ -n $rate ]] || rate=$(grep -o 'exec/s: [0-9]*' "$log" | tail -n 1 | sed 's/exec\/s: //')
printf 'fuzz: %s runs in %.0f s, %s exec/s\n' "${runs:-?}" "$seconds" "${rate:-?}"
if [[ $status -ne 0 ]]; then
  echo "fuzz.sh: the fuzzer failed (exit $status); inputs in $BUILD/fuzz-artifacts/" >&2
  exit "$status"
fi
echo "fuzz.sh: corpus $(find "$BUILD/fuzz-corpus" fuzz/corpus slides -type f | wc -l) files; no crash"
