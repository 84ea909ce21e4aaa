#!/usr/bin/env bash
# Installs what the cross builds of CMakePresets.json need (Debian 12 host, amd64).
#
#   scripts/install-cross-deps.sh arm64   multiarch: the cross compiler, qemu-user and the
#                                         :arm64 -dev packages kiosk links
#   scripts/install-cross-deps.sh armhf   the cross compiler, qemu-user and an armhf sysroot
#                                         made with mmdebstrap (armhf multiarch breaks apt
#                                         on these mirrors), in $KIOSK_ARMHF_SYSROOT
#                                         (default /opt/kiosk-sysroot-armhf)
#
# Idempotent: it installs only what is missing and keeps an existing sysroot.
set -euo pipefail

ARCH=${1-}
if [[ $ARCH != arm64 && $ARCH != armhf ]] || [[ $# -ne 1 ]]; then
  echo "usage: $0 arm64|armhf" >&2
  exit 2
fi

SUDO=()
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "install-cross-deps: run as root or install sudo" >&2; exit 1; }
  SUDO=(sudo)
fi

# Arch-independent or host packages: header-only libraries, runtime data the tests read.
HOST=(cmake ninja-build pkg-config qemu-user nlohmann-json3-dev libcli11-dev doctest-dev
  fonts-dejavu-core hyphen-de python3 python3-jsonschema tzdata)
# The libraries kiosk links, as -dev packages of the target architecture.
TARGET_DEV=(libsdl2-dev libsdl2-ttf-dev libpng-dev libudev-dev libfontconfig-dev libhyphen-dev
  libfribidi-dev libharfbuzz-dev libicu-dev libfreetype-dev
  libsystemd-dev libjpeg62-turbo-dev libwebp-dev libqrencode-dev
  libhowardhinnant-date-dev libmosquitto-dev)

missing() {  # prints the packages among "$@" that are not installed
  local p status
  for p in "$@"; do
    status=$(dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null || true)
    [[ $status == ii* ]] || echo "$p"
  done
}

install() {
  local todo
  mapfile -t todo < <(missing "$@")
  ((${#todo[@]} == 0)) && return 0
  echo "install-cross-deps: installing ${todo[*]}"
  if [[ -z ${UPDATED-} ]]; then
    "${SUDO[@]}" apt-get update
    UPDATED=1
  fi
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${todo[@]}"
}

case $ARCH in
  arm64)
    if ! dpkg --print-foreign-architectures | grep -qx arm64; then
      "${SUDO[@]}" dpkg --add-architecture arm64
      UPDATED=
    fi
    install "${HOST[@]}" crossbuild-essential-arm64 "${TARGET_DEV[@]/%/:arm64}"
    ;;
  armhf)
    # armhf multiarch makes `apt-get update` fail here (a mirror size mismatch): never add it.
    if dpkg --print-foreign-architectures | grep -qx armhf; then
      echo "install-cross-deps: removing the armhf foreign architecture (it breaks apt-get update)"
      "${SUDO[@]}" dpkg --remove-architecture armhf || true
    fi
    install "${HOST[@]}" crossbuild-essential-armhf mmdebstrap
    SYSROOT=${KIOSK_ARMHF_SYSROOT:-/opt/kiosk-sysroot-armhf}
    # The marker holds the package list the sysroot was made with: a changed TARGET_DEV
    # makes it again (mmdebstrap --variant=extract records no dpkg status to add to).
    include=$(IFS=,; echo "${TARGET_DEV[*]},libc6-dev,libstdc++-12-dev")
    if [[ -f $SYSROOT/.kiosk-sysroot-complete &&
      $(cat "$SYSROOT/.kiosk-sysroot-complete") == "$include" ]]; then
      echo "install-cross-deps: sysroot $SYSROOT exists"
    else
      if [[ -f $SYSROOT/.kiosk-sysroot-complete ]]; then
        echo "install-cross-deps: the sysroot's packages are not $include: making it again"
      fi
      echo "install-cross-deps: making the armhf sysroot $SYSROOT (~420 MB)"
      "${SUDO[@]}" rm -rf -- "$SYSROOT"
      # Explicit mirrors: left alone, mmdebstrap takes the host's sources, and an armhf
      # index of bookworm-security that fails to download (size mismatch) fails it all.
      "${SUDO[@]}" mmdebstrap --variant=extract --architectures=armhf --include="$include" \
        bookworm "$SYSROOT" "deb ${KIOSK_DEBIAN_MIRROR:-http://deb.debian.org/debian} bookworm main" \
        "deb ${KIOSK_DEBIAN_MIRROR:-http://deb.debian.org/debian} bookworm-updates main"
      # Absolute symlinks (e.g. lib/arm-linux-gnueabihf/libm.so -> /lib/...) would point into
      # the host: make them relative to the sysroot.
      "${SUDO[@]}" find "$SYSROOT" -type l -lname '/*' -print0 |
        while IFS= read -r -d '' link; do
          target=$(readlink "$link")
          "${SUDO[@]}" ln -sfn "$(realpath -m --relative-to="$(dirname "$link")" "$SYSROOT$target")" "$link"
        done
      echo "$include" | "${SUDO[@]}" tee "$SYSROOT/.kiosk-sysroot-complete" >/dev/null
    fi
    # Architecture: all packages from the host's apt, unpacked into the sysroot: the
    # header-only libraries (CMake finds packages only there) and what the tests read at
    # run time (qemu-arm -L takes a path from the sysroot whenever it exists there, so the
    # sysroot's own /usr/share/fonts, DejaVu only, hides the host's fallback fonts).
    for p in nlohmann-json3-dev libcli11-dev doctest-dev hyphen-de fonts-noto-core \
      fonts-noto-color-emoji; do
      [[ -f $SYSROOT/.kiosk-$p ]] && continue
      tmp=$(mktemp -d)
      chmod 755 "$tmp"  # apt-get download runs as _apt
      (cd "$tmp" && apt-get download "$p" >/dev/null)
      "${SUDO[@]}" dpkg-deb -x "$tmp"/"$p"_*.deb "$SYSROOT"
      # New fonts: drop the caches that fontconfig made under qemu-arm (32-bit, le32d8).
      # It keeps them in the host's cache directories (the sysroot has none) and checks
      # them against the host's directory times (qemu's statx ignores -L), so it would
      # not notice the sysroot's new fonts.
      if [[ $p == fonts-* ]]; then
        "${SUDO[@]}" rm -f /var/cache/fontconfig/*-le32d8.cache-* \
          "${XDG_CACHE_HOME:-$HOME/.cache}"/fontconfig/*-le32d8.cache-*
      fi
      "${SUDO[@]}" touch "$SYSROOT/.kiosk-$p"
      rm -rf -- "$tmp"
    done
    ;;
esac
echo "install-cross-deps: $ARCH ready"
