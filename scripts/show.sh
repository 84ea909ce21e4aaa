#!/usr/bin/env bash
# Installs the packages, builds kiosk and runs it: the quick way to see the show.
#
#   scripts/show.sh                      the bundled resolution, fullscreen (Escape quits)
#   scripts/show.sh --windowed           in a window
#   scripts/show.sh my-playlist.json     any kiosk arguments: see scripts/show.sh --help
#
# KIOSK_SKIP_DEPS=1 skips the package check; KIOSK_BUILD_DIR chooses the build directory
# (default: build, the one scripts/test.sh uses). Build messages go to stderr, so stdout is
# kiosk's own.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# Playlist paths given relative to where the user stands must keep working: no cd here.
if [[ ${KIOSK_SKIP_DEPS-} != 1 ]]; then
  bash "$ROOT/scripts/install-deps.sh" >&2
fi

BUILD_DIR=${KIOSK_BUILD_DIR:-$ROOT/build}
[[ $BUILD_DIR == /* ]] || BUILD_DIR=$ROOT/$BUILD_DIR
if [[ -f $BUILD_DIR/CMakeCache.txt ]] &&
  ! grep -qx 'CMAKE_GENERATOR:INTERNAL=Ninja' "$BUILD_DIR/CMakeCache.txt"; then
  echo "show.sh: $BUILD_DIR/ was configured with another generator; remove it or set KIOSK_BUILD_DIR" >&2
  exit 1
fi
{
  cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
  cmake --build "$BUILD_DIR" --target kiosk
} >&2

# A child, not exec: the kernel's start time of this process (which kiosk's "first frame
# after N ms" counts from) is the script's, so exec would count the build too.
"$BUILD_DIR/kiosk" "$@"
