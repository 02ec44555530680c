#!/usr/bin/env bash
# Reproduces the "STS" figures of BENCHMARKS.md, against `ssopick demo --serve` on loopback
# in a temporary HOME (nothing of yours is read):
#   whoami  — `ssopick whoami` with cached role credentials vs `aws sts get-caller-identity`
#             (the AWS CLI v1 from pip, in .venv) on the same sso profile and the same fake, in
#             one hyperfine run; the ratio;
#   chained — `credential-process --assume …` answering a cached chained credential (whole
#             process), and start-up of a command that never calls STS (`--version`).
#
#   swift build -c release --static-swift-stdlib --product ssopick --scratch-path .build/static
#   scripts/bootstrap --test       # .venv with awscli
#   scripts/bench/sts.sh [all|whoami|chained]
set -euo pipefail
RUNS=${RUNS:-20}
WHAT=${1:-all}
# shellcheck source=scripts/bench/common.sh
. "$(dirname "$0")/common.sh"
AWS="$ROOT/.venv/bin/aws"
[ -x "$AWS" ] || { echo "no AWS CLI at $AWS (run scripts/bootstrap --test)" >&2; exit 2; }

setup() {
  start_server
  export AWS_ENDPOINT_URL_STS="$URL"
  printf '\n[profile bench-admin]\nsso_session = bench\nsso_account_id = 210987654321\nsso_role_name = AdministratorAccess\nregion = eu-central-1\n' \
    >> "$HOME/.aws/config"
  "$BIN" list --refresh > /dev/null
  # Role credentials in the shared cache (the AWS CLI reads the same file).
  "$BIN" credential-process --session bench --account 210987654321 --role AdministratorAccess > /dev/null
}

whoami() {
  echo "## whoami vs aws sts get-caller-identity (cached role credentials)"
  local before; before=$(loadavg)
  hyperfine -N --style none --warmup 3 --runs "$RUNS" --export-json "$WORK/w.json" \
    "$BIN whoami --profile bench-admin" \
    "$AWS sts get-caller-identity --profile bench-admin" > /dev/null
  "$PY" - "$WORK/w.json" "$before" "$(loadavg)" <<'PY'
import json, sys
rs = json.load(open(sys.argv[1]))["results"]
for r in rs:
    name = " ".join(r["command"].split()[0].split("/")[-1:] + r["command"].split()[1:3])
    print(f"  {name}: median {r['median']*1000:.1f} ms (min {r['min']*1000:.1f}, "
          f"max {r['max']*1000:.1f}, {len(r['times'])} runs)")
print(f"  ratio ssopick / aws: {rs[0]['median'] / rs[1]['median']:.3f}")
print(f"  load average {sys.argv[2]} -> {sys.argv[3]}")
PY
}

chained() {
  echo "## credential-process --assume with a cached chained credential"
  local args="credential-process --session bench --account 210987654321 --role AdministratorAccess --assume arn:aws:iam::012345678901:role/Deploy"
  # shellcheck disable=SC2086
  "$BIN" $args > /dev/null
  hyperfine_median "ssopick $args" --warmup 5 --runs 100 "$BIN $args"
  hyperfine_median "ssopick --version" --warmup 5 --runs 100 "$BIN --version"
}

machine
setup
case $WHAT in
  all) whoami; chained ;;
  whoami | chained) "$WHAT" ;;
  *) echo "usage: $0 [all|whoami|chained]" >&2; exit 2 ;;
esac
