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
