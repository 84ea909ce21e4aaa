#!/usr/bin/env bash
# The systemd unit, as systemd itself judges it: `systemd-analyze verify` prints nothing
# and `systemd-analyze security --offline=yes` rates its exposure at most 1.5.
# verify needs ExecStart's binary to exist: it checks a copy naming the build's binary.
#
# Usage: tests/e2e/systemd_test.sh path/to/kiosk.service path/to/kiosk
set -euo pipefail

if [[ $# -ne 2 ]]; then
  echo "usage: $0 UNIT_FILE KIOSK_BINARY" >&2
  exit 2
fi
UNIT=$1
KIOSK=$(realpath -- "$2")
MAX_EXPOSURE=1.5
command -v systemd-analyze >/dev/null || { echo "FAIL: systemd-analyze not found (apt-get install systemd)" >&2; exit 1; }
START='ExecStart=/usr/bin/env --block-signal=TERM,HUP,INT /usr/bin/kiosk '
grep -qF "$START" "$UNIT" || { echo "FAIL: $UNIT does not start /usr/bin/kiosk with the signals blocked" >&2; exit 1; }

# The control socket (kiosk ctl): in the RuntimeDirectory, reachable by the group kiosk,
# over AF_UNIX; and `systemctl reload` still sends SIGHUP.
for line in 'RuntimeDirectory=kiosk' 'RuntimeDirectoryMode=0750' 'Group=kiosk' \
  'ExecReload=/bin/kill -HUP $MAINPID'; do
  grep -qxF "$line" "$UNIT" || { echo "FAIL: $UNIT lacks the line: $line" >&2; exit 1; }
done
grep -qE '^RestrictAddressFamilies=.*\bAF_UNIX\b' "$UNIT" ||
  { echo "FAIL: RestrictAddressFamilies= must allow AF_UNIX (the control socket)" >&2; exit 1; }
echo "  ok: control socket directory, group, AF_UNIX, ExecReload"

TMP=$(mktemp -d)
trap 'rm -rf -- "$TMP"' EXIT
sed "s# /usr/bin/kiosk # $KIOSK #" "$UNIT" >"$TMP/kiosk.service"

echo "== systemd-analyze verify"
status=0
out=$(cd "$TMP" && systemd-analyze verify "$TMP/kiosk.service" 2>&1) || status=$?
if ((status != 0)) || [[ -n $out ]]; then
  echo "FAIL: systemd-analyze verify exited $status and said:" >&2
  echo "$out" >&2
  exit 1
fi
echo "  ok: silent, exit status 0"

echo "== systemd-analyze security --offline=yes"
out=$(systemd-analyze security --offline=yes "$TMP/kiosk.service" 2>&1) || true
line=$(grep 'Overall exposure level' <<<"$out") || { echo "FAIL: no exposure level in:" >&2; echo "$out" >&2; exit 1; }
score=$(sed -n 's/.*Overall exposure level for kiosk.service: \([0-9.]*\).*/\1/p' <<<"$line")
[[ -n $score ]] || { echo "FAIL: cannot read the score from: $line" >&2; exit 1; }
if ! awk -v s="$score" -v max="$MAX_EXPOSURE" 'BEGIN { exit !(s <= max) }'; then
  echo "FAIL: exposure $score, at most $MAX_EXPOSURE allowed. What counts:" >&2
  grep '✗' <<<"$out" >&2 || true
  exit 1
fi
echo "  ok: $line"
# The MQTT drop-in (systemd/kiosk.service.d/mqtt.conf) beside the unit: IP sockets, only
# to the allowed addresses, the deny list kept, no After= on the network; the pair verified
# and scored the same way.
DROPIN=$(dirname -- "$UNIT")/kiosk.service.d/mqtt.conf
if [[ -f $DROPIN ]]; then
  echo "== with the MQTT drop-in"
  grep -qx 'RestrictAddressFamilies=AF_INET AF_INET6' "$DROPIN" || { echo "FAIL: $DROPIN: no AF_INET AF_INET6" >&2; exit 1; }
  grep -q '^IPAddressAllow=' "$DROPIN" || { echo "FAIL: $DROPIN: no IPAddressAllow=" >&2; exit 1; }
  ! grep -q '^IPAddressDeny=' "$DROPIN" || { echo "FAIL: $DROPIN must keep the unit's IPAddressDeny=any" >&2; exit 1; }
  ! grep -q '^After=' "$DROPIN" || { echo "FAIL: $DROPIN: After= would make the show wait for the network" >&2; exit 1; }
  mkdir "$TMP/kiosk.service.d"
  cp "$DROPIN" "$TMP/kiosk.service.d/"
  status=0
  out=$(cd "$TMP" && systemd-analyze verify "$TMP/kiosk.service" 2>&1) || status=$?
  if ((status != 0)) || [[ -n $out ]]; then
    echo "FAIL: with the drop-in, systemd-analyze verify exited $status and said:" >&2
    echo "$out" >&2
    exit 1
  fi
  out=$(systemd-analyze security --offline=yes "$TMP/kiosk.service" 2>&1) || true
  grep -q 'RestrictAddressFamilies=~AF_(INET|INET6)' <<<"$out" ||
    { echo "FAIL: systemd-analyze did not read the drop-in:" >&2; echo "$out" >&2; exit 1; }
  line=$(grep 'Overall exposure level' <<<"$out")
  score=$(sed -n 's/.*Overall exposure level for kiosk.service: \([0-9.]*\).*/\1/p' <<<"$line")
  if ! awk -v s="$score" -v max="$MAX_EXPOSURE" 'BEGIN { exit !(s <= max) }'; then
    echo "FAIL: with the drop-in exposure $score, at most $MAX_EXPOSURE allowed" >&2
    exit 1
  fi
  echo "  ok: verify silent; $line"
fi
echo "PASS: systemd_test"
