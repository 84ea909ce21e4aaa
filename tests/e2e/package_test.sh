#!/usr/bin/env bash
# The .deb as CI builds it: cpack in the build directory, then dpkg-deb shows a Depends
# line with the SDL libraries (dpkg-shlibdeps), the default font and hyphenation, and the
# package holds the binary, the unit, the bundled playlist and the font configuration.
#
# Usage: tests/e2e/package_test.sh BUILD_DIR PREFIX   (PREFIX: CMAKE_INSTALL_PREFIX, e.g.
# /usr; needs dpkg-dev for dpkg-shlibdeps)
set -euo pipefail

if [[ $# -ne 2 ]]; then
  echo "usage: $0 BUILD_DIR PREFIX" >&2
  exit 2
fi
BUILD=$(realpath -- "$1")
P=.${2%/}
command -v dpkg-shlibdeps >/dev/null || { echo "FAIL: dpkg-shlibdeps not found (apt-get install dpkg-dev)" >&2; exit 1; }
TMP=$(mktemp -d)
trap 'rm -rf -- "$TMP"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

echo "== cpack -G DEB"
(cd "$BUILD" && cpack -G DEB -B "$TMP" >"$TMP/cpack.log" 2>&1) || { cat "$TMP/cpack.log" >&2; fail "cpack failed"; }
mapfile -t debs < <(find "$TMP" -maxdepth 1 -name 'kiosk_*.deb')
((${#debs[@]} == 1)) || fail "expected one kiosk_*.deb, found ${#debs[@]}"
DEB=${debs[0]}
echo "  ok: $(basename "$DEB"), $(du -k "$DEB" | cut -f1) KiB"

depends=$(dpkg-deb -f "$DEB" Depends)
echo "  Depends: $depends"
for dep in libsdl2-2.0-0 libsdl2-ttf-2.0-0 libpng16-16 libc6 libmosquitto1 fonts-dejavu-core hyphen-de adduser; do
  [[ $depends == *"$dep"* ]] || fail "Depends lacks $dep"
done
echo "  ok: Depends names the SDL libraries, libpng, libc6, libmosquitto1, fonts-dejavu-core, hyphen-de and adduser"

contents=$(dpkg-deb -c "$DEB")
for path in "$P/bin/kiosk" "$P/lib/systemd/system/kiosk.service" \
  "$P/share/kiosk/slides/resolution.json" "$P/share/kiosk/fonts/kiosk.conf" \
  "$P/share/kiosk/kiosk.desktop" "$P/share/kiosk/kiosk.service.d/mqtt.conf"; do
  grep -q " $path\$" <<<"$contents" || fail "the .deb lacks $path"
done
echo "  ok: binary, unit, playlist, fonts/kiosk.conf, kiosk.desktop and the MQTT drop-in inside"
control=$(dpkg-deb --ctrl-tarfile "$DEB" | tar -t)  # not piped into grep -q: SIGPIPE
grep -qx './postinst' <<<"$control" || fail "no postinst in the .deb"
dpkg-deb -x "$DEB" "$TMP/root"
grep -q "^ExecStart=/usr/bin/env --block-signal=TERM,HUP,INT ${P#.}/bin/kiosk " \
  "$TMP/root/$P/lib/systemd/system/kiosk.service" ||
  fail "the packaged unit does not start ${P#.}/bin/kiosk"
echo "  ok: postinst, and the unit starts ${P#.}/bin/kiosk"
echo "PASS: package_test"
