#!/usr/bin/env bash
# Reproduces the "Credentials endpoint" figures of BENCHMARKS.md:
#  1. `ssopick exec --refresh ... -- true` against plain `ssopick exec ... -- true`, whole
#     process, in one hyperfine run, warm caches (the role's credentials cached, the catalog
#     not needed: --account is an id): what starting the endpoint and a child costs.
#  2. one request served by the endpoint, p50 and p99, from a Python client run as the
#     command of `exec --refresh` (scripts/bench/endpoint_client.py): from the cache, and
#     renewed from the fake portal (the cached credentials removed before each request).
#
#   swift build -c release --static-swift-stdlib --product ssopick --scratch-path .build/static
#   scripts/bootstrap --test
#   scripts/bench/endpoint.sh
#
# Needs hyperfine, GNU time and curl. Variables: RUNS (default 200), REQUESTS (default 500),
# as common.sh.
set -euo pipefail
RUNS=${RUNS:-200}
REQUESTS=${REQUESTS:-500}
# shellcheck source=scripts/bench/common.sh
. "$(dirname "$0")/common.sh"

machine
start_server --accounts 300 --roles-per-account 3
IFS=$'\t' read -r _ account role _ < <("$BIN" list --refresh --tsv | head -n1)
role_args=(--session bench --account "$account" --role "$role")
# Fetch and cache the role's credentials once (warm caches for every timed run).
"$BIN" exec "${role_args[@]}" -- true
echo "# account $account role $role; cached: $(ls "$HOME/.aws/cli/cache" | wc -l) file(s)"

before=$(loadavg)
hyperfine -N --style none --warmup 10 --runs "$RUNS" --export-json "$WORK/h.json" \
  "$BIN exec ${role_args[*]} -- true" "$BIN exec --refresh ${role_args[*]} -- true" > /dev/null
"$PY" - "$WORK/h.json" "$before" "$(loadavg)" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
for r in results:
    t = sorted(r["times"])
    p90 = t[min(len(t) - 1, int(round(0.9 * (len(t) - 1))))]
    name = "exec --refresh" if "--refresh" in r["command"] else "exec"
    print(f"{name} -- true: median {r['median']*1000:.1f} ms (mean {r['mean']*1000:.1f}, "
          f"min {r['min']*1000:.1f}, p90 {p90*1000:.1f}, {len(t)} runs); "
          f"CPU user {r['user']*1000:.1f} + sys {r['system']*1000:.1f} ms")
plain, refresh = results
print(f"overhead of --refresh: median +{(refresh['median']-plain['median'])*1000:.1f} ms; "
      f"load average {sys.argv[2]} -> {sys.argv[3]}")
PY

client=$ROOT/scripts/bench/endpoint_client.py
"$BIN" exec --refresh "${role_args[@]}" -- "$PY" "$client" "$REQUESTS"
"$BIN" exec --refresh "${role_args[@]}" -- "$PY" "$client" "$REQUESTS" --renew "$HOME/.aws/cli/cache"
echo "# load average $(loadavg)"
