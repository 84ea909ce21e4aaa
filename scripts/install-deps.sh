#!/usr/bin/env bash
# Installs the Debian 12 (bookworm) packages that kiosk needs to build, run and test.
# This is the one list of them: the README, scripts/test.sh, scripts/show.sh and CI use it.
#
#   scripts/install-deps.sh          install what is missing (as root, or through sudo)
#   scripts/install-deps.sh --list   print the package names, one a line, and change nothing
#
# Idempotent: when every package is installed it changes nothing and asks no registry.
set -euo pipefail

PACKAGES=(
  # build
  cmake ninja-build g++ pkg-config
  libsdl2-dev libsdl2-ttf-dev libpng-dev libudev-dev
  nlohmann-json3-dev libcli11-dev libfontconfig-dev libhyphen-dev
  libfribidi-dev libharfbuzz-dev libsystemd-dev libfreetype-dev libicu-dev
  libjpeg62-turbo-dev libwebp-dev libqrencode-dev
  # time zones (the OS tz database through libdate-tz), the MQTT client
  libhowardhinnant-date-dev tzdata libmosquitto-dev
  # run: the default font, German hyphenation patterns, the fallback fonts for other
  # scripts (Arabic, Ethiopic, ...) and colour emoji
  fonts-dejavu-core hyphen-de fonts-noto-core fonts-noto-color-emoji
  # test: unit tests, the playlist schema test, the end-to-end tests on a virtual X server
  doctest-dev
  # test: QR codes read back as a phone would (zbarimg)
  zbar-tools
  # test: a real MQTT broker and its clients, a test CA for MQTT over TLS
  mosquitto mosquitto-clients openssl
  python3 python3-jsonschema
  xvfb xauth x11-utils xdotool imagemagick
  # test: the unit (systemd-analyze), the .deb (cpack's dpkg-shlibdeps, dpkg-deb)
  systemd dpkg-dev
  # fetching over https on a fresh machine
  ca-certificates
)

if [[ ${1-} == --list ]]; then
  printf '%s\n' "${PACKAGES[@]}"
  exit 0
fi
if [[ $# -gt 0 ]]; then
  echo "usage: $0 [--list]" >&2
  exit 2
fi

if ! command -v dpkg-query >/dev/null || ! command -v apt-get >/dev/null; then
  echo "install-deps: this is not a Debian-like system (no apt-get). Install the equivalents of:" >&2
  printf '  %s\n' "${PACKAGES[@]}" >&2
  exit 1
fi

missing=()
for package in "${PACKAGES[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Abbrev}' "$package" 2>/dev/null || true)
  [[ $status == ii* ]] || missing+=("$package")
done
if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#PACKAGES[@]} packages are installed"
  exit 0
fi

SUDO=()
if [[ $(id -u) -ne 0 ]]; then
  if ! command -v sudo >/dev/null; then
    echo "install-deps: missing packages: ${missing[*]}" >&2
    echo "install-deps: run this script as root, or install sudo" >&2
    exit 1
  fi
  SUDO=(sudo)
fi

echo "install-deps: installing ${#missing[@]} missing packages: ${missing[*]}"
"${SUDO[@]}" apt-get update
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive \
  apt-get install -y --no-install-recommends "${missing[@]}"
echo "install-deps: done"
