#!/usr/bin/env bash
# Reproduces the "credential-process" figures of BENCHMARKS.md: whole-process time of
# `ssopick credential-process --session S --account ID --role R` when the role's credentials
# are cached (~/.aws/cli/cache), next to `ssopick --version` (the floor: process start-up).
#
#   swift build -c release --static-swift-stdlib --product ssopick --scratch-path .build/static
#   scripts/bootstrap --test
#   scripts/bench/outputs.sh
#
# The first call fetches the credentials from `ssopick demo --serve` and caches them; the
# server is then stopped, so every timed call is served from the cache (a miss would fail).
# Needs hyperfine, GNU time and curl. Variables: RUNS (default 200), as common.sh.
set -euo pipefail
RUNS=${RUNS:-200}
# shellcheck source=scripts/bench/common.sh
. "$(dirname "$0")/common.sh"

machine
start_server --accounts 300 --roles-per-account 3
IFS=$'\t' read -r _ account role _ < <("$BIN" list --refresh --tsv | head -n1)
command=("$BIN" credential-process --session bench --account "$account" --role "$role")
"${command[@]}" | "$PY" -c 'import json,sys; d=json.load(sys.stdin); assert d["Version"] == 1 and d["AccessKeyId"]'
stop_server
"${command[@]}" > /dev/null || { echo "credential-process did not answer from the cache" >&2; exit 1; }
echo "# cached: $(ls "$HOME/.aws/cli/cache" | wc -l) file(s) in ~/.aws/cli/cache; account $account role $role"

hyperfine_median "ssopick --version" --warmup 20 --runs "$RUNS" "$BIN --version"
hyperfine_median "ssopick credential-process (cached)" --warmup 20 --runs "$RUNS" "${command[*]}"
