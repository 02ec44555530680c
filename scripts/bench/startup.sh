#!/usr/bin/env bash
# Start-up cost of commands that never call STS (nor serve, nor open the picker), side by side
# with another build: `--version` and `list --cached` over a warm catalog of 5,000 accounts x
# 4 roles, one hyperfine run per command with both binaries, alternating.
#
#   swift build -c release --static-swift-stdlib --product ssopick --scratch-path .build/static
#   git worktree add /tmp/before COMMIT && (cd /tmp/before && swift build -c release \
#     --static-swift-stdlib --product ssopick --scratch-path .build/static)
#   BASELINE_BIN=/tmp/before/.build/static/release/ssopick scripts/bench/startup.sh
#
# Needs hyperfine, GNU time and curl. Variables as in common.sh; RUNS (default 200).
set -euo pipefail
RUNS=${RUNS:-200}
# shellcheck source=scripts/bench/common.sh
. "$(dirname "$0")/common.sh"
[ -x "${BASELINE_BIN:-}" ] || { echo "set BASELINE_BIN to the build to compare with" >&2; exit 2; }

machine
echo "# baseline: $BASELINE_BIN ($(du -h "$BASELINE_BIN" | cut -f1))"
start_server --accounts 5000 --roles-per-account 4
"$BIN" list --refresh > /dev/null
stop_server
for command in "--version" "list --cached"; do
  before=$(loadavg)
  hyperfine -N --style none --warmup 20 --runs "$RUNS" --export-json "$WORK/s.json" \
    -n before "$BASELINE_BIN $command" -n after "$BIN $command" > /dev/null
  "$PY" - "$WORK/s.json" "$command" "$before" "$(loadavg)" <<'PY'
import json, statistics, sys
rs = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
print(f"## ssopick {sys.argv[2]}")
for name in ("before", "after"):
    r = rs[name]
    times = sorted(r["times"])
    p90 = times[int(len(times) * 0.9) - 1]
    print(f"  {name}: median {r['median']*1000:.1f} ms, p90 {p90*1000:.1f}, "
          f"user+sys {(r['user'] + r['system'])*1000:.1f} ms ({len(times)} runs)")
print(f"  ratio after / before (median): {rs['after']['median'] / rs['before']['median']:.2f}")
print(f"  load average {sys.argv[3]} -> {sys.argv[4]}")
PY
done
