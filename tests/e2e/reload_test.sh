#!/usr/bin/env bash
# End-to-end test of hot reload with SDL's dummy video driver (no display needed): saves by
# rename and by truncate-and-write are picked up, a broken save keeps the last good content
# and names FILE:LINE:COL, a playlist broken at start shows its errors and recovers once
# fixed, --render stays strict. Then every way editors, rsync, git and deploy tools replace
# files and directories: vim's save, a directory replaced, a symlinked playlist, a
# release symlink swapped, a directory that appears after the start, git checkout, and a
# save in the first milliseconds. Prints the latency from save to new frame.
#
# Usage: tests/e2e/reload_test.sh path/to/kiosk [SECTION...]   (default: all sections)
set -euo pipefail

# shellcheck source=tests/e2e/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
take_kiosk_binary "$1"
shift
SECTIONS=("$@")
unset DISPLAY WAYLAND_DISPLAY
export SDL_VIDEODRIVER=dummy

use_scratch_and_app

# wait_for N REGEX: until the log has N lines matching REGEX (10 s at most).
wait_for() {
  local n=$1 re=$2 i
  for ((i = 0; i < 500; i++)); do
    (($(grep -cE -- "$re" "$T/log" || true) >= n)) && return 0
    kill -0 "$APP_PID" 2>/dev/null || fail "kiosk exited while waiting for /$re/"
    sleep 0.02
  done
  fail "no ${n}th log line matching /$re/ within 10 s"
}

# section NAME: whether to run it (all, unless named on the command line).
section() {
  ((${#SECTIONS[@]} == 0)) && return 0
  local s
  for s in "${SECTIONS[@]}"; do [[ $s == "$1" ]] && return 0; done
  return 1
}

start() {
  : >"$T/log"
  "$KIOSK" --windowed --size 640x360 "$@" 2>"$T/log" >/dev/null </dev/null &
  APP_PID=$!
  wait_for 1 'first frame on screen'
}

stop() {
  kill -TERM "$APP_PID"
  local status=0
  wait "$APP_PID" || status=$?
  APP_PID=""
  ((status == 0)) || fail "kiosk exited $status after SIGTERM, expected 0"
}

P=$T/show/p.json
mkdir -p "$T/show"
# "lang": "zz" has no hyphenation patterns: loading German ones takes seconds (far longer
# under the sanitizers) and quitting waits for that load, which is not what this tests.

if section basics; then
echo "== a running show picks up saves"
echo '{"lang": "zz", "slides": [{"text": "eins"}, {"text": "zwei"}]}' >"$P"
start "$P"
ok "started: $(grep 'first frame' "$T/log")"

t0=$(now_ms)
echo '{"lang": "zz", "slides": [{"text": "eins"}, {"text": "zwei"}, {"text": "drei"}]}' >"$T/show/.p.json.tmp"
mv "$T/show/.p.json.tmp" "$P"  # how most editors save
wait_for 1 'new content on screen'
grep -q 'reloaded: 3 slides' "$T/log" || fail "no 'reloaded: 3 slides'"
ok "save by rename: on screen after $(($(now_ms) - t0)) ms as the test saw it; kiosk: $(grep 'new content on screen' "$T/log" | tail -n1 | sed 's/^kiosk: //')"

t0=$(now_ms)
echo '{"lang": "zz", "slides": [{"text": "eins"}, {"text": "zwei"}]}' >"$P"  # truncate and write
wait_for 2 'new content on screen'
grep -q 'reloaded: 2 slides' "$T/log" || fail "no 'reloaded: 2 slides'"
ok "truncate and write: on screen after $(($(now_ms) - t0)) ms as the test saw it; kiosk: $(grep 'new content on screen' "$T/log" | tail -n1 | sed 's/^kiosk: //')"

echo "== a broken save keeps the last good content"
printf '{"lang": "zz", "slides": [\n  {"text": "eins"}\n  {"text": "zwei"}\n]}\n' >"$P"
wait_for 1 'still showing the last good version'
grep -qE "^$P:3:3: error: .*comma missing" "$T/log" || fail "no FILE:LINE:COL error for the missing comma"
ok "$(grep -E "^$P:3:3" "$T/log")"
echo '{"lang": "zz", "slides": [{"text": "eins", "duration": 5, "duration": 6}]}' >"$P"
wait_for 2 'still showing the last good version'
grep -qF "$P: error: slides[0].duration: given more than once" "$T/log" || fail "no duplicate key error"
ok "duplicate key refused"
echo '{"lang": "zz", "slides": [{"text": "fixed"}]}' >"$P"
wait_for 1 'reloaded: 1 slide$'
ok "fixed: reloaded"
stop
ok "SIGTERM: exit 0"

echo "== broken at start: the errors on screen, then recovery"
printf '{"lang": "zz", "slides": [\n  {"text": "eins",}\n]}\n' >"$P"
start "$P"
grep -q "showing the playlist's errors on screen" "$T/log" || fail "no error screen"
grep -qE "^$P:2:19: error: " "$T/log" || fail "no FILE:LINE:COL error"
ok "error screen shown: $(grep -E "^$P:2:19" "$T/log")"
echo '{"lang": "zz", "slides": [{"text": "eins", "duration": -1}]}' >"$P"
wait_for 1 'still has errors: showing them'
ok "still broken: the error screen shows the new errors"
echo '{"lang": "zz", "slides": [{"text": "eins"}, {"text": "zwei"}]}' >"$P"
wait_for 1 'reloaded: 2 slides'
ok "fixed: the show starts by itself"
stop

echo "== a missing playlist at start: error screen until it appears"
rm -f "$P"
start "$P"
grep -qF "$P: error: cannot read: No such file or directory" "$T/log" || fail "no missing-file error"
echo '{"lang": "zz", "slides": [{"text": "da"}]}' >"$T/show/new.tmp"
mv "$T/show/new.tmp" "$P"
wait_for 1 'reloaded: 1 slide$'
ok "the file appeared: the show starts"
stop

fi

# ---- Fonts and hyphenation through reloads (the show's cases) ----

# wait_long SECONDS N REGEX: wait_for with a longer limit (the hyphenation patterns take
# seconds to load, far longer under the sanitizers).
wait_long() {
  local s=$1 n=$2 re=$3 i
  for ((i = 0; i < s * 50; i++)); do
    (($(grep -cE -- "$re" "$T/log" || true) >= n)) && return 0
    kill -0 "$APP_PID" 2>/dev/null || fail "kiosk exited while waiting for /$re/"
    sleep 0.02
  done
  fail "no ${n}th log line matching /$re/ within $s s"
}

no_proc_names() {
  ! grep -q '/proc/self/fd' "$T/log" || fail "a message names /proc/self/fd/N instead of the file"
}

DEJAVU=/usr/share/fonts/truetype/dejavu

show_font_replaced_cases() {
  echo "== a font_file replaced while the show runs is opened again"
  cp "$DEJAVU/DejaVuSans.ttf" "$T/show/f.ttf"
  echo '{"lang": "zz", "theme": {"font_file": "f.ttf"}, "slides": [{"text": "eins"}]}' >"$P"
  start "$P"
  cp "$DEJAVU/DejaVuSerif.ttf" "$T/show/.f.ttf.tmp"
  mv "$T/show/.f.ttf.tmp" "$T/show/f.ttf"  # replaced: another inode
  wait_for 1 "the fonts changed \\($T/show/f.ttf changed on disk\\)"
  wait_for 1 'reloaded: 1 slide$'
  ok "mv of another font over it: $(grep 'the fonts changed' "$T/log" | tail -n1)"
  cp "$DEJAVU/DejaVuSansMono.ttf" "$T/show/f.ttf"  # overwritten in place: the same inode
  wait_for 2 "the fonts changed \\($T/show/f.ttf changed on disk\\)"
  wait_for 2 'reloaded: 1 slide$'
  ok "cp of another font over it (in place): opened again"

  echo "== garbage written over the font in place: the last good version keeps showing"
  head -c 65536 /dev/urandom >"$T/show/f.ttf"
  wait_for 1 'still showing the last good version'
  grep -qE "error: .*$T/show/f.ttf" "$T/log" || fail "no error naming $T/show/f.ttf"
  no_proc_names
  ok "$(grep -E "error: .*$T/show/f.ttf" "$T/log" | tail -n1)"
  cp "$DEJAVU/DejaVuSans.ttf" "$T/show/f.ttf"
  wait_for 2 'reloaded: 1 slide$'
  ok "a good font again: reloaded"
  stop
}

show_garbage_font_at_start_cases() {
  echo "== a font_file that is not a font at start: the error screen, not an exit"
  head -c 4096 /dev/urandom >"$T/show/g.ttf"
  echo '{"lang": "zz", "theme": {"font_file": "g.ttf"}, "slides": [{"text": "eins"}]}' >"$P"
  start "$P"
  grep -q "showing the playlist's errors on screen" "$T/log" || fail "no error screen"
  grep -qE "error: .*$T/show/g.ttf" "$T/log" || fail "no error naming $T/show/g.ttf"
  no_proc_names
  ok "error screen: $(grep -E "error: .*$T/show/g.ttf" "$T/log" | head -n1)"
  sleep 0.3
  kill -0 "$APP_PID" 2>/dev/null || fail "kiosk exited on the error screen"
  cp "$DEJAVU/DejaVuSans.ttf" "$T/show/g.ttf"
  wait_for 1 'reloaded: 1 slide$'
  ok "the font fixed: the show starts by itself"
  stop
  ok "SIGTERM: exit 0"
}

show_hyphenation_cases() {
  echo "== reload with hyphenation: released patterns load again for new words"
  if [[ ! -f /usr/share/hyphen/hyph_de_DE.dic ]]; then
    echo "  skipped: no German hyphenation patterns (hyphen-de)"
    return
  fi
  echo '{"lang": "de", "slides": [{"text": "eins zwei"}, {"text": "drei"}]}' >"$P"
  start "$P"
  wait_long 120 1 'hyphenation patterns .* in use after'
  grep -qE 'in use after [0-9]+ ms \(0 hyphenation points' "$T/log" ||
    fail "expected 0 hyphenation points in the first playlist"
  ok "$(grep 'hyphenation patterns' "$T/log" | tail -n1)"
  echo '{"lang": "de", "slides": [{"text": "eins zwei"}, {"text": "Donaudampfschifffahrtsgesellschaft"}]}' >"$P"
  wait_for 1 'reloaded: 2 slides'
  grep -q 'new words since the hyphenation patterns were released: loading them again' "$T/log" ||
    fail "the released patterns were not loaded again for the new word"
  wait_long 120 2 'hyphenation patterns .* in use after'
  local points
  points=$(grep 'hyphenation patterns' "$T/log" | tail -n1 | sed -nE 's/.*\(([0-9]+) hyphenation points.*/\1/p')
  ((points >= 5)) || fail "the new long word got $points hyphenation points, expected at least 5"
  ok "loaded again: $(grep 'hyphenation patterns' "$T/log" | tail -n1)"
  echo '{"lang": "de", "slides": [{"text": "Donaudampfschifffahrtsgesellschaft"}]}' >"$P"
  wait_for 1 'reloaded: 1 slide$'
  grep -c 'loading them again' "$T/log" | grep -qx 1 || fail "known words loaded the patterns again"
  ok "known words only: no new load"
  stop
}

if section fonts; then show_font_replaced_cases; fi
if section font_at_start; then show_garbage_font_at_start_cases; fi
if section hyphenation; then show_hyphenation_cases; fi

if section strict; then
echo "== --render and --check stay strict"
echo '{"lang": "zz", "slides": [' >"$P"
status=0
"$KIOSK" --render "$T/out" "$P" >/dev/null 2>&1 || status=$?
((status == 1)) || fail "--render of a broken playlist exited $status, expected 1"
ok "--render: exit 1"
status=0
"$KIOSK" --check "$P" >/dev/null 2>&1 || status=$?
((status == 1)) || fail "--check of a broken playlist exited $status, expected 1"
ok "--check: exit 1"
fi

slides() {  # slides N: a playlist of N slides
  local i out='{"lang": "zz", "slides": ['
  for ((i = 1; i <= $1; i++)); do out+="{\"text\": \"$i\"}"; ((i < $1)) && out+=', '; done
  echo "$out]}"
}

if section vim; then
echo "== vim's save: the file renamed to a backup, a new one written, the backup deleted"
rm -rf "$T/show" && mkdir -p "$T/show"
slides 2 >"$P"
start "$P"
mv "$P" "$P~"
slides 3 >"$P"
rm "$P~"
wait_for 1 'reloaded: 3 slides'
slides 4 >"$P"  # and the new file is watched too
wait_for 1 'reloaded: 4 slides'
ok "reloaded twice"
stop
fi

if section rsync; then
echo "== rsync: a temporary file in the directory, renamed over the playlist"
rm -rf "$T/show" && mkdir -p "$T/show"
slides 2 >"$P"
start "$P"
if command -v rsync >/dev/null; then
  slides 3 >"$T/src.json"
  rsync "$T/src.json" "$P"
else
  slides 3 >"$T/show/.p.json.Xy12Ab"  # what rsync does
  mv "$T/show/.p.json.Xy12Ab" "$P"
fi
wait_for 1 'reloaded: 3 slides'
ok "reloaded"
stop
fi

if section directory; then
echo "== the playlist's directory moved away and made again"
rm -rf "$T/show" "$T/show.old" && mkdir -p "$T/show"
slides 2 >"$P"
start "$P"
mv "$T/show" "$T/show.old"
mkdir "$T/show"
slides 3 >"$P"
wait_for 1 'reloaded: 3 slides'
slides 5 >"$T/show.old/p.json"  # the old directory no longer counts
slides 4 >"$P"
wait_for 1 'reloaded: 4 slides'
sleep 0.5
grep -q 'reloaded: 5 slides' "$T/log" && fail "a change in the moved-away directory was reloaded"
ok "reloaded from the new directory, the old one ignored"
echo "== the playlist's directory deleted and made again"
rm -rf "$T/show"
mkdir "$T/show"
slides 6 >"$P"
wait_for 1 'reloaded: 6 slides'
ok "reloaded"
stop
fi

if section symlink; then
echo "== the playlist is a symlink into another directory: the target edited in place"
rm -rf "$T/show" "$T/data" && mkdir -p "$T/show" "$T/data"
slides 2 >"$T/data/real.json"
ln -s ../data/real.json "$P"
start "$P"
slides 3 >"$T/data/real.json"
wait_for 1 'reloaded: 3 slides'
ok "reloaded"
stop
fi

if section deploy; then
echo "== a deploy: ln -sfn releases/2 current, the playlist current/playlist.json"
rm -rf "$T/srv" && mkdir -p "$T/srv/releases/1" "$T/srv/releases/2" "$T/srv/releases/3"
slides 2 >"$T/srv/releases/1/playlist.json"
slides 3 >"$T/srv/releases/2/playlist.json"
slides 4 >"$T/srv/releases/3/playlist.json"
ln -s releases/1 "$T/srv/current"
start "$T/srv/current/playlist.json"
ln -sfn releases/2 "$T/srv/current"
wait_for 1 'reloaded: 3 slides'
ok "switched to release 2"
slides 5 >"$T/srv/releases/2/playlist.json"  # the new release edited in place
wait_for 1 'reloaded: 5 slides'
ok "an edit in release 2 reloaded"
ln -sfn releases/3 "$T/srv/current"
wait_for 1 'reloaded: 4 slides'
ok "switched to release 3"
stop
fi

if section later; then
echo "== the playlist's directory does not exist at start: the show starts once it does"
rm -rf "$T/later"
start "$T/later/deep/p.json"
grep -q "showing the playlist's errors on screen" "$T/log" || fail "no error screen"
mkdir -p "$T/later/deep"
slides 2 >"$T/later/deep/p.json"
wait_for 1 'reloaded: 2 slides'
ok "started by itself, no SIGHUP"
slides 3 >"$T/later/deep/p.json"
wait_for 1 'reloaded: 3 slides'
ok "and the file stays watched"
stop
fi

if section git; then
echo "== git checkout of another commit"
rm -rf "$T/repo" && mkdir -p "$T/repo/show"
git() { command git -C "$T/repo" -c user.email=t@t -c user.name=t "$@" >/dev/null 2>&1; }
git init -q -b main
slides 2 >"$T/repo/show/p.json"
git add -A && git commit -qm two
slides 3 >"$T/repo/show/p.json"
git commit -qam three
git checkout -q main~1
start "$T/repo/show/p.json"
git checkout -q main
wait_for 1 'reloaded: 3 slides'
ok "checkout: reloaded"
git checkout -q main~1
wait_for 1 'reloaded: 2 slides'
ok "and back"
# A commit where the directory is a symlink to another one, and back.
mkdir -p "$T/repo/v2" && slides 4 >"$T/repo/v2/p.json"
git rm -rq show && ln -s v2 "$T/repo/show" && git add -A && git commit -qm link
wait_for 1 'reloaded: 4 slides'
ok "the directory became a symlink: reloaded"
git checkout -q main
wait_for 2 'reloaded: 3 slides'
ok "and a directory again: reloaded"
unset -f git
stop
fi

if section early; then
echo "== a save in the first milliseconds is not lost"
rm -rf "$T/show" && mkdir -p "$T/show"
for delay in 0 0.002 0.004 0.006 0.008 0.01 0.012 0.015 0.02 0.03 0.04 0.06; do
  slides 2 >"$P"
  : >"$T/log"
  "$KIOSK" --windowed --size 640x360 "$P" 2>"$T/log" >/dev/null </dev/null &
  APP_PID=$!
  sleep "$delay"
  slides 3 >"$T/show/.tmp" && mv "$T/show/.tmp" "$P"
  wait_for 1 'first frame on screen'
  # Either it read the file after the save, or it reloads it.
  if ! grep -q 'first frame on screen.*, 3 slides from' "$T/log"; then
    for ((i = 0; i < 100; i++)); do grep -q 'reloaded: 3 slides' "$T/log" && break; sleep 0.02; done
    grep -q 'reloaded: 3 slides' "$T/log" || fail "a save ${delay} s after the start was lost"
  fi
  stop
done
ok "12 starts, a save at 0-60 ms: never lost"
fi

echo "PASS: reload_test"
