#!/usr/bin/env bash
# Reproduces the "SAML" figures of BENCHMARKS.md: from the assertion's arrival at the loopback
# listener (a stand-in browser, scripts/bench/saml_browser.py, posts the fake IdP's form and
# notes the time) to export lines on stdout, for
#   picker — `saml login --select-1 --query … --export` (the picker on a tmux pane, chosen by
#            --select-1),
#   role   — `saml login --role ARN --export` (no picker),
#   file   — `saml login --assertion-file F --role ARN --export` (whole process, no listener),
# against `ssopick demo --serve` on loopback, in a temporary HOME.
#
#   swift build -c release --static-swift-stdlib --product ssopick --scratch-path .build/static
#   scripts/bench/saml.sh
set -euo pipefail
RUNS=${RUNS:-10}
# shellcheck source=scripts/bench/common.sh
. "$(dirname "$0")/common.sh"

start_server
export AWS_ENDPOINT_URL_STS="$URL"
tenant=$(curl -sf "$URL/_fake/saml" | "$PY" -c 'import json,sys; print(json.load(sys.stdin)["tenants"][0]["id"])')
"$BIN" saml configure --profile bench-saml --tenant "$tenant" \
  --app-id-uri 'https://signin.aws.amazon.com/saml#2' --idp-url "$URL/$tenant/saml2" \
  --region eu-central-1 2> /dev/null
printf '\n[ssopick-aliases]\n210987654321 = Acme Management\n' >> "$HOME/.aws/config"
ROLE=arn:aws:iam::210987654321:role/AdministratorAccess
export BROWSER="$PY $ROOT/scripts/bench/saml_browser.py %s" SAML_BENCH_POSTED="$WORK/posted"

# one_run KIND — prints milliseconds from the POST (or the start, for a file) to exit.
one_run() {
  rm -f "$WORK/posted" "$WORK/done"
  case $1 in
    role)
      "$BIN" saml login --profile bench-saml --role "$ROLE" --export --shell sh > "$WORK/out" 2> "$WORK/err"
      end=$(date +%s%N) ;;
    file)
      curl -sf -X POST "$URL/_fake/saml/assertion" -d '{}' \
        | "$PY" -c 'import json,sys; print(json.load(sys.stdin)["SAMLResponse"])' > "$WORK/assertion"
      date +%s%N > "$WORK/posted"
      "$BIN" saml login --profile bench-saml --assertion-file "$WORK/assertion" --role "$ROLE" \
        --export --shell sh > "$WORK/out" 2> "$WORK/err"
      end=$(date +%s%N) ;;
    picker)
      tmux -L "ssopick-saml-$$" new -d -x 100 -y 30 \
        "env HOME='$HOME' AWS_ENDPOINT_URL_STS='$URL' BROWSER='$BROWSER' SAML_BENCH_POSTED='$SAML_BENCH_POSTED' bash -c '\"$BIN\" saml login --profile bench-saml --select-1 --query \"acme management administratoraccess\" --export --shell sh > \"$WORK/out\" 2> \"$WORK/err\"; date +%s%N > \"$WORK/done\"'"
      for _ in $(seq 600); do [ -s "$WORK/done" ] && break; sleep 0.05; done
      end=$(cat "$WORK/done") ;;
  esac
  grep -q AWS_ACCESS_KEY_ID "$WORK/out" || { echo "$1: no export lines: $(cat "$WORK/err")" >&2; exit 1; }
  echo $(( (end - $(cat "$WORK/posted")) / 1000000 ))
}

machine
BENCH_CLEANUP_EXTRA="tmux -L ssopick-saml-$$ kill-server 2>/dev/null"
for kind in picker role file; do
  : > "$WORK/$kind.ms"
  for _ in $(seq "$RUNS"); do one_run "$kind" >> "$WORK/$kind.ms"; done
  echo "  $kind: $(percentiles "$WORK/$kind.ms" ms)"
done
