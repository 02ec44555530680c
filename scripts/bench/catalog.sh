#!/usr/bin/env bash
# Reproduces the "Catalog" figures of BENCHMARKS.md: `ssopick list` against
# `ssopick demo --serve` on loopback, in a temporary HOME (nothing of yours is read).
#
#   swift build -c release --static-swift-stdlib --product ssopick --scratch-path .build/static
#   scripts/bootstrap --test          # for the boto3 comparison (creates .venv)
#   scripts/bench/catalog.sh [all|startup|b1|b2|b3|b4]
#
# Needs hyperfine and GNU time (Debian: apt-get install -y hyperfine time) and curl.
# Variables: SSOPICK_BIN (the binary to measure; default the static release build above),
# SSOPICK_PYTHON (default .venv/bin/python), RUNS (default 10). Helpers: common.sh.
set -euo pipefail
RUNS=${RUNS:-10}
WHAT=${1:-all}
# shellcheck source=scripts/bench/common.sh
. "$(dirname "$0")/common.sh"

# timed_runs N EXPECTED_ROWS — runs `ssopick list --refresh` N times under GNU time; checks
# exit 0 and the row count each time (an account that failed would be missing); prints the
# median wall time, CPU time and peak RSS, with the load average before and after.
timed_runs() {
  local runs=$1 rows=$2 before; before=$(loadavg)
  : > "$WORK/wall"; : > "$WORK/rss"; : > "$WORK/cpu"
  for i in $(seq "$runs"); do
    /usr/bin/time -f "%e %M %U %S" -o "$WORK/time" "$BIN" list --refresh > "$WORK/out" 2> "$WORK/err" \
      || { echo "run $i failed:" >&2; cat "$WORK/err" >&2; exit 1; }
    local got; got=$(wc -l < "$WORK/out")
    [ "$got" -eq "$rows" ] || { echo "run $i printed $got rows, expected $rows" >&2; exit 1; }
    read -r wall rss user sys < "$WORK/time"
    echo "$wall" >> "$WORK/wall"; echo "$rss" >> "$WORK/rss"
    awk -v u="$user" -v s="$sys" 'BEGIN {print u + s}' >> "$WORK/cpu"
  done
  echo "  wall: $(tr '\n' ' ' < "$WORK/wall")s; median $(median_of "$WORK/wall") s"
  echo "  CPU user+sys: median $(median_of "$WORK/cpu") s"
  echo "  peak RSS: max $(sort -n "$WORK/rss" | tail -n1) KiB, median $(median_of "$WORK/rss") KiB"
  echo "  load average $before -> $(loadavg)"
}

startup() {
  echo "## start-up"
  hyperfine_median "ssopick --version" --warmup 5 --runs 50 "$BIN --version"
  if command -v perf > /dev/null; then
    perf stat -r 30 "$BIN" --version 2>&1 >/dev/null | grep -E "task-clock|page-faults" | sed 's/^ */  perf: /'
  fi
}

b1() {
  echo "## 1. 300 accounts x 3 roles, 30 ms latency, no limit"
  start_server --accounts 300 --roles-per-account 3 --latency-ms 30
  hyperfine_median "ssopick list --refresh" --warmup 2 --runs "$RUNS" "$BIN list --refresh"
  [ "$("$BIN" list --refresh | wc -l)" -eq 900 ] || { echo "wrong row count" >&2; exit 1; }
  local before; before=$(stat_total)
  hyperfine_median "boto3 sequential" --runs 3 "$PY $ROOT/scripts/bench/boto3_sequential.py bench"
  echo "  boto3 requests per run: $(( ($(stat_total) - before) / 3 ))"
  echo "  boto3 prints: $("$PY" "$ROOT/scripts/bench/boto3_sequential.py" bench) pairs"
}

b2() {
  echo "## 2. 300 accounts x 3 roles, 30 ms latency, 20 requests/s per operation (burst 20)"
  start_server --accounts 300 --roles-per-account 3 --latency-ms 30 --throttle-rps 20
  local runs=${B2_RUNS:-5}
  local throttled_before; throttled_before=$(stat_429)
  local total_before; total_before=$(stat_total)
  timed_runs "$runs" 900
  echo "  429 answers: $(( $(stat_429) - throttled_before )) in $runs runs;" \
    "requests: $(( $(stat_total) - total_before )) in $runs runs (303 needed per run)"
  echo "  ideal: 303 requests / 20 per s = 15.15 s; target 1.15 x = 17.4 s"
}

b3() {
  echo "## 3. 5,000 accounts x 4 roles, 10 ms latency, no limit"
  start_server --accounts 5000 --roles-per-account 4 --latency-ms 10
  timed_runs "${B3_RUNS:-5}" 20000
}

b4() {
  echo "## 4. warm start: ssopick list --cached, 5,000 accounts x 4 roles"
  start_server --accounts 5000 --roles-per-account 4 --latency-ms 10
  "$BIN" list --refresh > /dev/null
  stop_server
  [ "$("$BIN" list --cached | wc -l)" -eq 20000 ] || { echo "wrong row count" >&2; exit 1; }
  hyperfine_median "ssopick list --cached" --warmup 5 --runs 50 "$BIN list --cached"
  hyperfine_median "ssopick list --cached --json" --warmup 5 --runs 50 "$BIN list --cached --json"
  if command -v perf > /dev/null; then
    perf stat -r 30 "$BIN" list --cached 2>&1 >/dev/null | grep -E "task-clock|page-faults" | sed 's/^ */  perf: /'
  fi
}

machine
case "$WHAT" in
  all) startup; b1; b2; b3; b4 ;;
  startup|b1|b2|b3|b4) "$WHAT" ;;
  *) echo "usage: $0 [all|startup|b1|b2|b3|b4]" >&2; exit 2 ;;
esac
