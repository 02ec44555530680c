# Shared by the scripts in scripts/bench/ (source it; it is not run on its own): the binary,
# a temporary HOME, `ssopick demo --serve` on loopback with a signed-in sso-session, and
# hyperfine / GNU time summaries. Nothing of the caller's HOME is read or written.
#
# Variables: SSOPICK_BIN (the binary to measure; default the static release build,
#   swift build -c release --static-swift-stdlib --product ssopick --scratch-path .build/static),
# SSOPICK_PYTHON (default .venv/bin/python, made by scripts/bootstrap --test), RUNS.
# shellcheck shell=bash

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BIN=${SSOPICK_BIN:-$ROOT/.build/static/release/ssopick}
PY=${SSOPICK_PYTHON:-$ROOT/.venv/bin/python}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/ssopick-bench.XXXXXX")
SERVER_PID=""
START_URL="https://d-bench000000.awsapps.com/start"

[ -x "$BIN" ] || { echo "no ssopick at $BIN (see the build command in scripts/bench/common.sh)" >&2; exit 2; }
[ -x "$PY" ] || { echo "no Python at $PY (run scripts/bootstrap --test)" >&2; exit 2; }
for tool in hyperfine curl; do
  command -v "$tool" > /dev/null || { echo "$tool is missing (Debian: apt-get install -y hyperfine time curl)" >&2; exit 2; }
done
[ -x /usr/bin/time ] || { echo "GNU time is missing (Debian: apt-get install -y time)" >&2; exit 2; }

BENCH_CLEANUP_EXTRA=""
cleanup() {
  if [ -n "$BENCH_CLEANUP_EXTRA" ]; then eval "$BENCH_CLEANUP_EXTRA" || true; fi
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

machine() {
  echo "# machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'),"\
    "$(uname -sr), $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "# binary: $BIN ($(du -h "$BIN" | cut -f1)); commit $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD -- Sources Package.swift || echo ' + local changes')"
}

# loadavg — the 1, 5 and 15 minute load averages, for the line of each figure.
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

# start_server ARGS... — runs the fake, makes a HOME with one sso-session ("bench") and a
# live token in the AWS CLI's cache.
start_server() {
  stop_server
  # Removed first: the redirection below truncates it only once the child runs, and the
  # wait loop must not read the previous server's address meanwhile.
  rm -f "$WORK/url"
  "$BIN" demo --serve "$@" > "$WORK/url" 2> "$WORK/server.log" &
  SERVER_PID=$!
  for _ in $(seq 200); do [ -s "$WORK/url" ] && break; sleep 0.05; done
  [ -s "$WORK/url" ] || { echo "the fake server did not start:" >&2; cat "$WORK/server.log" >&2; exit 1; }
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

# percentiles FILE UNIT — "median X, p90 Y, min Z, max W (N runs)" of the numbers in FILE.
percentiles() {
  "$PY" - "$1" "$2" <<'PY'
import statistics, sys
xs = sorted(float(line) for line in open(sys.argv[1]) if line.strip())
unit = sys.argv[2]
p = lambda q: xs[min(len(xs) - 1, int(round(q * (len(xs) - 1))))]
print(f"median {statistics.median(xs):.1f} {unit}, p90 {p(0.9):.1f}, min {xs[0]:.1f}, max {xs[-1]:.1f} ({len(xs)} runs)")
PY
}

# hyperfine_median NAME HYPERFINE-ARGS... — prints "NAME: median X ms (...); CPU user+sys"
# with the load average before and after.
hyperfine_median() {
  local name=$1; shift
  local before; before=$(loadavg)
  hyperfine -N --style none --export-json "$WORK/h.json" "$@" > /dev/null
  "$PY" - "$name" "$WORK/h.json" "$before" "$(loadavg)" <<'PY'
import json, statistics, sys
r = json.load(open(sys.argv[2]))["results"][0]
t = sorted(r["times"])
p90 = t[min(len(t) - 1, int(round(0.9 * (len(t) - 1))))]
print(f"{sys.argv[1]}: median {r['median']*1000:.1f} ms (mean {r['mean']*1000:.1f}, min {r['min']*1000:.1f}, "
      f"p90 {p90*1000:.1f}, max {r['max']*1000:.1f}, {len(t)} runs); "
      f"CPU mean user {r['user']*1000:.1f} + sys {r['system']*1000:.1f} = {(r['user']+r['system'])*1000:.1f} ms; "
      f"load average {sys.argv[3]} -> {sys.argv[4]}")
PY
}
