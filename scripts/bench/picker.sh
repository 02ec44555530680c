#!/usr/bin/env bash
# Reproduces the "Picker first frame" figure of BENCHMARKS.md: the time from the start of
# `ssopick pick` to the first frame showing rows, with a warm catalog cache of 5,000 accounts x
# 4 roles (fresh, so nothing is listed), on a 120x40 tmux pane (TERM=xterm-256color).
#
#   swift build -c release --static-swift-stdlib --product ssopick --scratch-path .build/static
#   scripts/bootstrap --test
#   scripts/bench/picker.sh
#
# How it is measured: tmux runs `bash -c 'echo $EPOCHREALTIME > START; exec ssopick pick'`
# (a builtin and an exec, no fork, so START is taken just before ssopick is executed);
# ssopick, started with SSOPICK_FIRST_FRAME_PROBE=FILE, writes the CLOCK_REALTIME time to
# FILE right after curses has drawn the first frame that shows rows (PickerRun.swift,
# FirstFrameProbe). The difference is the figure: exec, dynamic start-up, config, token
# status, the cache read and decoded, the 20,000 rows indexed, curses initialised and the
# frame drawn. The probe also writes the CPU time (user+sys) the process had used by then,
# which leaves out the time spent waiting for a core on a shared machine. Then C-c ends the
# picker and the next run waits for its exit.
#
# SESSIONS=2 ACCOUNTS=2500 measures the picker over two sso-sessions ("bench", "bench2"), each
# with its own warm cache of ACCOUNTS accounts x 4 roles, opened without --session: the first
# frame counted is the first that shows rows once every session's cache is in.
# Needs tmux, hyperfine, GNU time and curl. Variables: RUNS (default 30), ACCOUNTS (default
# 5000), SESSIONS (1 or 2, default 1), as common.sh.
set -euo pipefail
RUNS=${RUNS:-30}
ACCOUNTS=${ACCOUNTS:-5000}
SESSIONS=${SESSIONS:-1}
# shellcheck source=scripts/bench/common.sh
. "$(dirname "$0")/common.sh"
command -v tmux > /dev/null || { echo "tmux is missing (Debian: apt-get install -y tmux)" >&2; exit 2; }

SOCKET="ssopick-bench-$$"
BENCH_CLEANUP_EXTRA='tmux -L "$SOCKET" kill-server 2>/dev/null'

machine
start_server --accounts "$ACCOUNTS" --roles-per-account 4 --latency-ms 10
"$BIN" list --refresh > /dev/null
PICK_ARGS="--session bench"
if [ "$SESSIONS" = 2 ]; then
  # A second sso-session on the same fake, signed in, with its own cache.
  printf '\n[sso-session bench2]\nsso_start_url = %s\nsso_region = eu-central-1\nsso_registration_scopes = sso:account:access\n' \
    "$START_URL" >> "$HOME/.aws/config"
  curl -sf -X POST "$URL/_fake/token-cache" \
    -d "{\"startUrl\":\"$START_URL\",\"sessionName\":\"bench2\",\"region\":\"eu-central-1\"}" \
    | "$PY" -c 'import json,os,sys; d=json.load(sys.stdin); open(os.path.join(os.environ["HOME"],".aws/sso/cache",d["fileName"]),"w").write(d["contents"])'
  "$BIN" list --refresh --session bench2 > /dev/null
  PICK_ARGS=""
fi
stop_server   # the caches are fresh: the picker must not need the network
echo "# catalog caches: $(find "$HOME/.cache/ssopick" -name catalog.bin -printf "%s bytes " )"

tmux -L "$SOCKET" -f /dev/null new-session -d -s idle -x 120 -y 40 "sleep 100000"
: > "$WORK/first-frame"; : > "$WORK/cpu"
before=$(loadavg)
for i in $(seq "$((RUNS + 3))"); do
  rm -f "$WORK/start" "$WORK/probe" "$WORK/done"
  tmux -L "$SOCKET" new-session -d -s pick -x 120 -y 40 \
    "env HOME='$HOME' TERM=xterm-256color SSOPICK_FIRST_FRAME_PROBE='$WORK/probe' \
     bash -c 'echo \$EPOCHREALTIME > $WORK/start; exec $BIN pick $PICK_ARGS' 2> /dev/null; touch '$WORK/done'"
  for _ in $(seq 500); do [ -s "$WORK/probe" ] && break; sleep 0.01; done
  [ -s "$WORK/probe" ] || { echo "run $i: no first frame after 5 s" >&2; tmux -L "$SOCKET" capture-pane -p -t pick >&2 || true; exit 1; }
  tmux -L "$SOCKET" send-keys -t pick C-c
  for _ in $(seq 500); do [ -e "$WORK/done" ] && break; sleep 0.01; done
  [ -e "$WORK/done" ] || { echo "run $i: the picker did not exit after C-c" >&2; exit 1; }
  # The first 3 runs warm the page cache and are not counted.
  if [ "$i" -gt 3 ]; then
    read -r start < "$WORK/start"; read -r frame cpu < "$WORK/probe"
    awk -v s="${start/./}" -v f="$frame" 'BEGIN {printf "%.3f\n", (f / 1000 - s) / 1000}' >> "$WORK/first-frame"
    awk -v c="$cpu" 'BEGIN {printf "%.3f\n", c / 1e6}' >> "$WORK/cpu"
  fi
done
echo "## first frame, $SESSIONS session(s) x $ACCOUNTS accounts x 4 roles from the cache, 120x40 tmux pane"
echo "  start to first frame: $(percentiles "$WORK/first-frame" ms)"
echo "  CPU user+sys used by then (CLOCK_PROCESS_CPUTIME_ID): $(percentiles "$WORK/cpu" ms)"
echo "  load average $before -> $(loadavg)"
