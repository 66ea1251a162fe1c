#!/usr/bin/env bash
# The integrations sample as a user runs it: samples/ModelWatch.IntegrationsSample trains the weather
# model with ML.NET, exports it to ONNX, serves 2015 through ModelWatch.ML and ModelWatch.OnnxRuntime
# and prints each monitor's drift table. Checks: exit code 0, both runtimes predict the same class
# every day, and in both tables temp_max drifted and wind did not (as in the demo).
#
# Usage: tests/e2e/integrations-sample.sh [TRX_DIR]     (after `dotnet build ModelWatch.sln -c Release`)
#   Writes TRX_DIR/modelwatch-e2e-integrations-sample.trx (default .ci/out/trx) and the sample's
#   output to .ci/out/e2e/integrations-sample.log. Exits 1 when a check failed.
set -Eeuo pipefail

cd "$(dirname "$0")/../.."
root="$(pwd)"
trx_dir="${1:-$root/.ci/out/trx}"
mkdir -p "$trx_dir" "$root/.ci/out/e2e"
trx_dir="$(cd "$trx_dir" && pwd)"
out="$root/.ci/out/e2e/integrations-sample.log"
helper="$root/tests/e2e/e2e.py"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

work="$(mktemp -d "${TMPDIR:-/tmp}/modelwatch-integrations-sample.XXXXXX")"
results="$work/results.tsv"
: >"$results"
failures=0
log_prefix=integrations-sample
# shellcheck source=checks.sh
. "$root/tests/e2e/checks.sh"

cleanup() {
  local rc=$?
  set +e
  if ! python3 "$helper" trx "$results" "$trx_dir/modelwatch-e2e-integrations-sample.trx" "ModelWatch integrations sample"; then
    echo "FAIL could not write $trx_dir/modelwatch-e2e-integrations-sample.trx" >&2
    rc=1
  fi
  rm -rf "$work"
  if [ "$failures" -gt 0 ] && [ "$rc" -eq 0 ]; then rc=1; fi
  exit "$rc"
}
trap cleanup EXIT

# verdict MODEL FEATURE: DRIFT or ok, from the row of FEATURE in MODEL's table of the output.
verdict() {
  awk -v model="$1:" -v feature="$2" '
    $1 == model { inside = 1; next }
    /^[^ ]/ { inside = 0 }
    inside && $1 == feature { print $NF }' "$out"
}

t=$(now)
rc=0
log "dotnet run -c Release --no-build --project samples/ModelWatch.IntegrationsSample -- --mode both --year 2015"
timeout -k 5 180 dotnet run -c Release --no-build --project samples/ModelWatch.IntegrationsSample -- --mode both --year 2015 \
  >"$out" 2>&1 </dev/null || rc=$?
if [ "$rc" -ne 0 ]; then
  tail -n 20 "$out" | sed 's/^/  sample| /'
  fail integrations-sample.run "$t" "exit code $rc (see $out)"
  exit 1
fi
pass integrations-sample.run "$t" "exit code 0: $(grep '^Drift found' "$out" || echo 'no Drift found line')"

t=$(now)
if grep -q '^ML.NET and ONNX Runtime predicted the same class on 365 of 365 days$' "$out"; then
  pass integrations-sample.agreement "$t" "ML.NET and ONNX Runtime predicted the same class on 365 of 365 days"
else
  fail integrations-sample.agreement "$t" "expected 'predicted the same class on 365 of 365 days', found: $(grep 'predicted the same class' "$out" || echo none)"
fi

for model in weather-mlnet weather-onnx; do
  t=$(now)
  temp=$(verdict "$model" temp_max)
  wind=$(verdict "$model" wind)
  if [ "$temp" = DRIFT ] && [ "$wind" = ok ]; then
    pass "integrations-sample.$model" "$t" "temp_max=$temp wind=$wind"
  else
    fail "integrations-sample.$model" "$t" "expected temp_max=DRIFT and wind=ok in the table of $model, found temp_max='${temp:-none}' wind='${wind:-none}' (see $out)"
  fi
done
