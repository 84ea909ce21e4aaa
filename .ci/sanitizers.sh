#!/usr/bin/env bash
# Builds kiosk and every test with AddressSanitizer + UndefinedBehaviorSanitizer (and
# LeakSanitizer) and runs the whole ctest suite: any report fails it. Self-contained:
# installs the build and test packages itself.
#
#   .ci/sanitizers.sh [CTEST_ARGS...]
#
# Build directory: $KIOSK_SANITIZE_BUILD_DIR (default build-sanitize).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

[[ ${KIOSK_SKIP_DEPS-} == 1 ]] || bash scripts/install-deps.sh

BUILD=${KIOSK_SANITIZE_BUILD_DIR:-build-sanitize}
cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKIOSK_SANITIZE=ON \
  -DKIOSK_WERROR=ON -DKIOSK_BUILD_TESTS=ON
cmake --build "$BUILD"

# Leaks in libraries kiosk only calls (fontconfig's caches, X11/Mesa drivers) are theirs.
export LSAN_OPTIONS="suppressions=$PWD/.ci/lsan.supp:print_suppressions=0"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:strict_string_checks=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
ctest --test-dir "$BUILD" --output-on-failure -j "$(nproc)" --timeout 900 "$@"
