# Shared by the end-to-end scripts: source it, then `take_kiosk_binary "$@"`.

# Sets KIOSK to the absolute path of the one argument, the kiosk binary (or a wrapper that
# runs it under an emulator); exits 2 on a usage error, 1 if it is not executable.
take_kiosk_binary() {
  if [[ $# -ne 1 ]]; then
    echo "usage: $0 KIOSK_BINARY" >&2
    exit 2
  fi
  KIOSK=$(realpath -- "$1")
  [[ -x $KIOSK ]] || { echo "FAIL: $1 is not an executable file" >&2; exit 1; }
}

# For scripts that run a live kiosk: a scratch directory $T, removed on exit together
# with the kiosk still running as $APP_PID; fail (with kiosk's log, $T/log), ok, now_ms.
use_scratch_and_app() {
  T=$(mktemp -d)
  APP_PID=""
  trap cleanup_scratch_and_app EXIT
}
cleanup_scratch_and_app() {
  if [[ -n $APP_PID ]] && kill -0 "$APP_PID" 2>/dev/null; then
    kill -9 "$APP_PID" 2>/dev/null || true
  fi
  rm -rf -- "$T"
}
fail() {
  echo "FAIL: $*" >&2
  [[ -f $T/log ]] && { echo "--- kiosk stderr:" >&2; cat "$T/log" >&2; }
  exit 1
}
ok() { echo "  ok: $*"; }
now_ms() { echo $(($(date +%s%N) / 1000000)); }
