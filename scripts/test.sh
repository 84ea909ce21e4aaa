#!/usr/bin/env bash
# Builds kiosk with warnings as errors and runs every test: unit tests and the end-to-end
# tests (--check, --render, and the real program on a virtual X server).
#
#   scripts/test.sh [CTEST_ARGS...]     e.g. scripts/test.sh -R e2e
#
# Installs the packages first (scripts/install-deps.sh); KIOSK_SKIP_DEPS=1 skips that.
# KIOSK_BUILD_DIR chooses the build directory (default: build).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [[ ${KIOSK_SKIP_DEPS-} != 1 ]]; then
  bash scripts/install-deps.sh
fi

BUILD_DIR=${KIOSK_BUILD_DIR:-build}
if [[ -f $BUILD_DIR/CMakeCache.txt ]] &&
  ! grep -qx 'CMAKE_GENERATOR:INTERNAL=Ninja' "$BUILD_DIR/CMakeCache.txt"; then
  echo "test.sh: $BUILD_DIR/ was configured with another generator; remove it or set KIOSK_BUILD_DIR" >&2
  exit 1
fi

cmake -S . -B "$BUILD_DIR" -G Ninja -DKIOSK_WERROR=ON -DKIOSK_BUILD_TESTS=ON \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build "$BUILD_DIR"
ctest --test-dir "$BUILD_DIR" --output-on-failure -j "$(nproc)" "$@"
