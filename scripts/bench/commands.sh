#!/usr/bin/env bash
# Reproduces the "Command layer" figures of BENCHMARKS.md, against `ssopick demo --serve` on
# loopback in a temporary HOME (nothing of yours is read):
#   populate — `populate --refresh` vs `list --refresh`, 300 accounts x 3 roles, 30 ms latency,
#              in one hyperfine run (the same server);
#   hang     — how long `list --refresh` and `export` take to fail against a portal that never
#              answers (the fake's `hang` fault);
#   enter    — the picker's Enter with `--export` while GetRoleCredentials answers two 429s:
#              time from start to exit 0 (picker under tmux, `--select-1 --query`).
#
#   swift build -c release --static-swift-stdlib --product ssopick --scratch-path .build/static
#   scripts/bench/commands.sh [all|populate|hang|enter]
#
# Needs hyperfine, GNU time, curl and tmux. Variables as in common.sh; RUNS (default 10).
set -euo pipefail
RUNS=${RUNS:-10}
WHAT=${1:-all}
# shellcheck source=scripts/bench/common.sh
. "$(dirname "$0")/common.sh"

fault() { curl -sf -X POST "$URL/_fake/faults" -d "$1" > /dev/null; }

populate() {
  echo "## populate vs list, 300 accounts x 3 roles, 30 ms latency"
  start_server --accounts 300 --roles-per-account 3 --latency-ms 30
  local before; before=$(loadavg)
  hyperfine -N --style none --warmup 1 --runs "$RUNS" --export-json "$WORK/p.json" \
    "$BIN list --refresh" "$BIN populate --refresh" > /dev/null
  "$PY" - "$WORK/p.json" "$before" "$(loadavg)" <<'PY'
import json, sys
rs = json.load(open(sys.argv[1]))["results"]
for r in rs:
    print(f"  {r['command'].split('/')[-1]}: median {r['median']*1000:.0f} ms "
          f"(min {r['min']*1000:.0f}, max {r['max']*1000:.0f}, {len(r['times'])} runs)")
print(f"  ratio populate / list: {rs[1]['median'] / rs[0]['median']:.2f}")
print(f"  load average {sys.argv[2]} -> {sys.argv[3]}")
PY
  grep -c '^\[profile ' "$HOME/.aws/config" | sed 's/^/  profiles written: /'
}

hang() {
  echo "## a portal that never answers"
  start_server --accounts 60
  fault '{"operation":"ListAccounts","answer":"hang","count":1000}'
  /usr/bin/time -f "%e" -o "$WORK/t" "$BIN" list --refresh > /dev/null 2> "$WORK/err" && exit 1
  echo "  list --refresh: failed after $(tail -n1 "$WORK/t") s: $(head -c 160 "$WORK/err")"
  fault '{"operation":"GetRoleCredentials","answer":"hang","count":1000}'
  /usr/bin/time -f "%e" -o "$WORK/t" "$BIN" export --session bench --account 210987654321 \
    --role AdministratorAccess --shell sh > /dev/null 2> "$WORK/err" && exit 1
  echo "  export: failed after $(tail -n1 "$WORK/t") s: $(head -c 160 "$WORK/err")"
}

enter() {
  echo "## the picker's Enter (--export) under two 429s from GetRoleCredentials"
  start_server
  "$BIN" list --refresh > /dev/null
  local socket="ssopick-bench-$$"
  BENCH_CLEANUP_EXTRA="tmux -L $socket kill-server 2>/dev/null"
  : > "$WORK/ms"
  for i in $(seq "$RUNS"); do
    rm -rf "$HOME/.aws/cli/cache" "$WORK/done"
    fault '{"operation":"GetRoleCredentials","error":"TooManyRequestsException","count":2}'
    tmux -L "$socket" new -d -x 100 -y 30 \
      "env HOME='$HOME' AWS_ENDPOINT_URL_SSO='$URL' AWS_ENDPOINT_URL_SSO_OIDC='$URL' bash -c '
        start=\$(date +%s%N)
        \"$BIN\" --select-1 --query \"210987654321 administrator\" --export --shell sh > \"$WORK/out\" 2> \"$WORK/err\"
        status=\$?
        echo \$status \$(( (\$(date +%s%N) - start) / 1000000 )) > \"$WORK/done\"'"
    for _ in $(seq 600); do [ -s "$WORK/done" ] && break; sleep 0.05; done
    read -r status ms < "$WORK/done"
    [ "$status" -eq 0 ] || { echo "run $i: exit $status: $(cat "$WORK/err")" >&2; exit 1; }
    grep -q AWS_ACCESS_KEY_ID "$WORK/out" || { echo "run $i: no export lines" >&2; exit 1; }
    echo "$ms" >> "$WORK/ms"
  done
  echo "  time to exit 0: $(percentiles "$WORK/ms" ms); 429s answered: $(stat_429)"
}

machine
case $WHAT in
  all) populate; hang; enter ;;
  populate | hang | enter) "$WHAT" ;;
  *) echo "usage: $0 [all|populate|hang|enter]" >&2; exit 2 ;;
esac
