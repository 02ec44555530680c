#!/usr/bin/env bash
# Whole-process timings of ssopick on large AWS config files (see BENCHMARKS.md, "## Config").
#
# Usage: scripts/bench/config_bench.sh [SSOPICK_BINARY] [RUNS]
# Prints wall-clock median and minimum and the mean CPU time (user + system), which depends
# less on what else the machine is doing.
# Default binary: .build/release/ssopick (build it with
# `swift build -c release --product ssopick`). Needs hyperfine and python3.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
binary="$(realpath "${1:-$root/.build/release/ssopick}")"
runs="${2:-20}"
work="$(mktemp -d "${TMPDIR:-/tmp}/ssopick-config-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT

python3 "$root/scripts/bench/make_big_config.py" "$work/big.config"
python3 "$root/scripts/bench/make_big_config.py" "$work/small.config" --profiles 166
echo "big:   $(wc -l <"$work/big.config") lines, $(wc -c <"$work/big.config") bytes"
echo "small: $(wc -l <"$work/small.config") lines"

export HOME="$work/home"
export AWS_CONFIG_FILE="$work/work.config"
export AWS_SHARED_CREDENTIALS_FILE="$work/home/.aws/credentials"
unset AWS_PROFILE AWS_DEFAULT_PROFILE
mkdir -p "$HOME/.aws"

run() {
  local name="$1" source="$2"
  shift 2
  hyperfine --style none --runs "$runs" --warmup 2 -N \
    --prepare "cp $work/$source $AWS_CONFIG_FILE" \
    --export-json "$work/result.json" --command-name "$name" "$*" >/dev/null
  python3 - "$work/result.json" <<'PY'
import json, statistics, sys
result = json.load(open(sys.argv[1]))["results"][0]
times = [t * 1000 for t in result["times"]]
cpu = (result["user"] + result["system"]) * 1000
print(f"{result['command']:<46} median {statistics.median(times):7.1f} ms"
      f"   min {min(times):7.1f} ms   mean CPU {cpu:7.1f} ms   runs {len(times)}")
PY
}

run "start-up only: ssopick --version" big.config "$binary --version"
run "status, big file" big.config "$binary status"
run "configure: update one key, big file" big.config \
  "$binary configure --session acme --region eu-west-2"
run "configure: add a section, big file" big.config \
  "$binary configure --session new --start-url https://d-2.awsapps.com/start --region eu-west-1"
run "configure: create a session, 1,000-line file" small.config \
  "$binary configure --session x --start-url https://d-1.awsapps.com/start --region eu-central-1"
