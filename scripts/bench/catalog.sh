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
# SSOPICK_PYTHON (default .venv/bin/python), RUNS (default 10).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BIN=${SSOPICK_BIN:-$ROOT/.build/static/release/ssopick}
PY=${SSOPICK_PYTHON:-$ROOT/.venv/bin/python}
RUNS=${RUNS:-10}
WHAT=${1:-all}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/ssopick-bench.XXXXXX")
SERVER_PID=""
START_URL="https://d-bench000000.awsapps.com/start"

[ -x "$BIN" ] || { echo "no ssopick at $BIN (see the build command at the top)" >&2; exit 2; }

cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

machine() {
  echo "# machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'),"\
    "load average $(cut -d' ' -f1-3 /proc/loadavg), $(uname -sr), $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "# binary: $BIN ($(du -h "$BIN" | cut -f1))"
}

# start_server ARGS... — runs the fake, makes a HOME with one sso-session and a live token.
start_server() {
  stop_server
  "$BIN" demo --serve "$@" > "$WORK/url" 2> "$WORK/server.log" &
  SERVER_PID=$!
  for _ in $(seq 200); do [ -s "$WORK/url" ] && break; sleep 0.05; done
  URL=$(head -n1 "$WORK/url")
  export HOME="$WORK/home" AWS_ENDPOINT_URL_SSO="$URL" AWS_ENDPOINT_URL_SSO_OIDC="$URL"
  unset XDG_CACHE_HOME AWS_PROFILE AWS_CONFIG_FILE SSOPICK_CATALOG_MAX_AGE
  rm -rf "$HOME"
  mkdir -p "$HOME/.aws/sso/cache"
  printf '[sso-session bench]\nsso_start_url = %s\nsso_region = eu-central-1\nsso_registration_scopes = sso:account:access\n' \
    "$START_URL" > "$HOME/.aws/config"
  curl -sf -X POST "$URL/_fake/token-cache" \
    -d "{\"startUrl\":\"$START_URL\",\"sessionName\":\"bench\",\"region\":\"eu-central-1\"}" \
    | "$PY" -c 'import json,os,sys; d=json.load(sys.stdin); open(os.path.join(os.environ["HOME"],".aws/sso/cache",d["fileName"]),"w").write(d["contents"])'
  echo "# server: ssopick demo --serve $* at $URL"
}

stop_server() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""; fi
}

stat_429() { curl -sf "$URL/_fake/stats" | "$PY" -c 'import json,sys; print(json.load(sys.stdin)["statuses"].get("429",0))'; }
stat_total() { curl -sf "$URL/_fake/stats" | "$PY" -c 'import json,sys; print(json.load(sys.stdin)["total"])'; }

# median_of FILE — median of the numbers in FILE (one per line).
median_of() { sort -g "$1" | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

hyperfine_median() { # NAME COMMAND... — prints "NAME: median X s (mean, min, max)"
  local name=$1; shift
  hyperfine -N --style none --export-json "$WORK/h.json" "$@" > /dev/null
  "$PY" - "$name" "$WORK/h.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[2]))["results"][0]
print(f"{sys.argv[1]}: median {r['median']*1000:.1f} ms (mean {r['mean']*1000:.1f}, min {r['min']*1000:.1f}, max {r['max']*1000:.1f}, {len(r['times'])} runs); CPU user+sys mean {(r['user']+r['system'])*1000:.1f} ms")
PY
}

# timed_runs N EXPECTED_ROWS — runs `ssopick list --refresh` N times under GNU time; checks
# exit 0 and the row count each time; prints the median wall time and the peak RSS.
timed_runs() {
  local runs=$1 rows=$2; : > "$WORK/wall"; : > "$WORK/rss"
  for i in $(seq "$runs"); do
    /usr/bin/time -f "%e %M" -o "$WORK/time" "$BIN" list --refresh > "$WORK/out"
    local got; got=$(wc -l < "$WORK/out")
    [ "$got" -eq "$rows" ] || { echo "run $i printed $got rows, expected $rows" >&2; exit 1; }
    read -r wall rss < "$WORK/time"; echo "$wall" >> "$WORK/wall"; echo "$rss" >> "$WORK/rss"
  done
  echo "  wall: $(tr '\n' ' ' < "$WORK/wall")s; median $(median_of "$WORK/wall") s"
  echo "  peak RSS: max $(sort -n "$WORK/rss" | tail -n1) KiB, median $(median_of "$WORK/rss") KiB"
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
