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
"$BUILD/fuzz/kiosk_playlist_fuzz" "${limits[@]}" -timeout=10 -rss_limit_mb=2048 \
  -max_len=4096 -dict=fuzz/json.dict -print_final_stats=1 \
  -artifact_prefix="$BUILD/fuzz-artifacts/" \
  "$BUILD/fuzz-corpus" fuzz/corpus slides
echo "fuzz.sh: corpus $(find "$BUILD/fuzz-corpus" fuzz/corpus slides -type f | wc -l) files; no crash"
