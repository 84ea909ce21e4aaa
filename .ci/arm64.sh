#!/usr/bin/env bash
# CI for the Raspberry Pi 64-bit build: installs the cross toolchain, the :arm64 libraries
# and qemu-user (scripts/install-cross-deps.sh arm64), then cross-builds with -Werror and
# runs the whole test suite but the soak under qemu-aarch64: `cmake --workflow --preset
# arm64` (CMakePresets.json). Runs as root on a fresh Debian 12 amd64 machine.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

echo "== scripts/install-cross-deps.sh arm64"
bash scripts/install-cross-deps.sh arm64

echo "== cmake --workflow --preset arm64"
start=$(date +%s)
cmake --workflow --preset arm64 --fresh
echo "== arm64 workflow: $(($(date +%s) - start)) s"
