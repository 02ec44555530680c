#!/usr/bin/env bash
# Reproduces the "5,000-character paste" figure of BENCHMARKS.md (whole process): how long
# `ssopick pick` takes to absorb a 5,000-character paste, and the CPU time it spends on it,
# with a warm catalog cache of 5,000 accounts x 4 roles on a 120x40 tmux pane.
#
#   swift build -c release --static-swift-stdlib --product ssopick --scratch-path .build/static
#   scripts/bootstrap --test
#   scripts/bench/paste.sh
#
# How it is measured: once the picker shows its 20,000 rows and is idle (its CPU time stops
# growing: the rows are indexed for the matcher), one `tmux send-keys -l` writes the 5,000
# characters (words and numbers, as in a pasted log line, ending in a marker) to the pane in
# one go. The figure is the time until the query line shows the marker and the
# list says "0/20,000" (the paste matches nothing), polled every 10 ms, and the CPU time
# (user+sys, /proc/PID/stat) the process used between the two. Then C-c ends the picker.
# Needs tmux, hyperfine, GNU time and curl. Variables: RUNS (default 5), as common.sh.
set -euo pipefail
RUNS=${RUNS:-5}
# shellcheck source=scripts/bench/common.sh
. "$(dirname "$0")/common.sh"
command -v tmux > /dev/null || { echo "tmux is missing (Debian: apt-get install -y tmux)" >&2; exit 2; }

SOCKET="ssopick-bench-$$"
BENCH_CLEANUP_EXTRA='tmux -L "$SOCKET" kill-server 2>/dev/null'

machine
start_server --accounts 5000 --roles-per-account 4 --latency-ms 10
"$BIN" list --refresh > /dev/null
stop_server   # the cache is fresh: the picker must not need the network

# 5,000 characters: words and numbers separated by spaces, then the marker.
PASTE=$("$PY" - <<'PY'
import random
random.seed(5000)
words = ["error", "request", "id", "timeout", "upstream", "GET", "/api/v1/orders", "200",
         "user", "acme", "payments", "prod", "eu-west-1", "latency_ms", "trace", "span"]
text = ""
while len(text) < 4990:
    word = random.choice(words) if random.random() < 0.7 else str(random.randrange(10**6))
    text += word + " "
print((text[:4990] + "PASTE-ENDS")[:5000], end="")
PY
)
[ "${#PASTE}" -eq 5000 ] || { echo "the paste is ${#PASTE} characters" >&2; exit 1; }
MARKER="PASTE-ENDS"
TICKS=$(getconf CLK_TCK)

cpu_ms() { awk -v t="$TICKS" '{print ($14 + $15) * 1000 / t}' "/proc/$1/stat"; }

tmux -L "$SOCKET" -f /dev/null new-session -d -s idle -x 120 -y 40 "sleep 100000"
: > "$WORK/wall"; : > "$WORK/cpu"
before=$(loadavg)
for i in $(seq "$RUNS"); do
  rm -f "$WORK/done"
  tmux -L "$SOCKET" new-session -d -s pick -x 120 -y 40 \
    "env HOME='$HOME' TERM=xterm-256color $BIN pick --session bench 2> /dev/null; touch '$WORK/done'"
  pid=""
  for _ in $(seq 1000); do
    if tmux -L "$SOCKET" capture-pane -p -t pick | grep -q "20,000 roles"; then
      pid=$(pgrep -n -f "$BIN pick --session bench" || true)
      [ -n "$pid" ] && break
    fi
    sleep 0.01
  done
  [ -n "$pid" ] || { echo "run $i: the picker did not show its rows" >&2; exit 1; }
  # Idle first: after the first frame the picker indexes the rows for the matcher.
  cpu0=$(cpu_ms "$pid")
  for _ in $(seq 100); do
    sleep 0.3
    cpu=$(cpu_ms "$pid")
    [ "$cpu" = "$cpu0" ] && break
    cpu0=$cpu
  done
  start=$(date +%s%N)
  tmux -L "$SOCKET" send-keys -t pick -l "$PASTE"
  absorbed=""
  for _ in $(seq 12000); do
    screen=$(tmux -L "$SOCKET" capture-pane -p -t pick)
    if [[ "$(sed -n 2p <<< "$screen")" == *"$MARKER"*"0/20,000"* ]]; then absorbed=1; break; fi
    sleep 0.01
  done
  end=$(date +%s%N)
  cpu1=$(cpu_ms "$pid")
  [ -n "$absorbed" ] || { echo "run $i: the paste was not absorbed within 120 s" >&2; exit 1; }
  tmux -L "$SOCKET" send-keys -t pick C-c
  for _ in $(seq 500); do [ -e "$WORK/done" ] && break; sleep 0.01; done
  [ -e "$WORK/done" ] || { echo "run $i: the picker did not exit after C-c" >&2; exit 1; }
  awk -v s="$start" -v e="$end" 'BEGIN {printf "%.1f\n", (e - s) / 1e6}' >> "$WORK/wall"
  awk -v a="$cpu0" -v b="$cpu1" 'BEGIN {printf "%.1f\n", b - a}' >> "$WORK/cpu"
done
echo "## 5,000-character paste, 5,000 accounts x 4 roles from the cache, 120x40 tmux pane"
echo "  send-keys to the screen showing the whole paste: $(percentiles "$WORK/wall" ms)"
echo "  CPU user+sys spent meanwhile (/proc/PID/stat, 10 ms ticks): $(percentiles "$WORK/cpu" ms)"
echo "  load average $before -> $(loadavg)"
