#!/usr/bin/env bash
# The chat sample as a person sees it: start samples/ModelWatch.ChatSample (a deterministic local
# IChatClient watched by UseModelWatch) on 127.0.0.1, play its users (300 reference calls, 300 of the
# same behaviour, 300 after the bot changes character), and check the dashboard in headless Chromium
# (answer descriptors drifted, prompt descriptors not; screenshot), the drift alert, and the
# Prometheus exposition. See tests/e2e/README.md.
#
# Usage: tests/e2e/chat-sample.sh [TRX_DIR]     (after `dotnet build ModelWatch.sln -c Release`)
#   Writes TRX_DIR/modelwatch-e2e-chat-sample.trx (default .ci/out/trx) and, under
#   .ci/out/e2e/chat-sample/, the screenshot, the DOM, the metrics and the logs. Exits 1 when a check failed.
set -Eeuo pipefail

cd "$(dirname "$0")/../.."
root="$(pwd)"
trx_dir="${1:-$root/.ci/out/trx}"
mkdir -p "$trx_dir"
trx_dir="$(cd "$trx_dir" && pwd)"
art="$root/.ci/out/e2e/chat-sample"
rm -rf "$art"
mkdir -p "$art"
helper="$root/tests/e2e/e2e.py"
config=Release
tfm=net10.0

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export NO_PROXY=127.0.0.1,localhost no_proxy=127.0.0.1,localhost

work="$(mktemp -d "${TMPDIR:-/tmp}/modelwatch-chat-sample.XXXXXX")"
results="$work/results.tsv"
: >"$results"
app_group=""
failures=0
error_line=""

log_prefix=chat-sample
# shellcheck source=checks.sh
. "$root/tests/e2e/checks.sh"
names=(chat.start chat.simulate chat.dashboard-dom chat.dashboard-screenshot chat.alert chat.metrics)
skip_after() { # index start message: skip the checks from names[index] on
  local i=$1 t=$2 msg=$3
  for c in "${names[@]:$i}"; do skip "$c" "$t" "$msg"; done
}

cleanup() {
  local rc=$?
  set +e
  trap - ERR
  if [ -n "$app_group" ]; then
    kill -TERM -- "-$app_group" 2>/dev/null
    for _ in $(seq 1 50); do kill -0 -- "-$app_group" 2>/dev/null || break; sleep 0.2; done
    kill -KILL -- "-$app_group" 2>/dev/null
  fi
  if [ "$rc" -ne 0 ] && [ "$failures" -eq 0 ]; then
    fail chat.script "$(now)" "chat-sample.sh stopped unexpectedly (exit $rc${error_line:+, line $error_line})"
  fi
  if ! python3 "$helper" trx "$results" "$trx_dir/modelwatch-e2e-chat-sample.trx" "ModelWatch chat sample"; then
    echo "FAIL could not write $trx_dir/modelwatch-e2e-chat-sample.trx" >&2
    rc=1
  fi
  rm -rf "$work"
  echo "chat-sample: TRX $trx_dir/modelwatch-e2e-chat-sample.trx; screenshot, DOM, metrics and logs in $art"
  if [ "$failures" -gt 0 ] && [ "$rc" -eq 0 ]; then rc=1; fi
  exit "$rc"
}
trap 'error_line=$LINENO' ERR
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

curl_local() { curl --noproxy '*' -fsS --max-time 5 "$@"; }
chrome() { # seconds args...: headless Chromium with a throw-away profile
  local t=$1 profile rc=0
  shift
  profile="$(mktemp -d "$work/chromium.XXXXXX")"
  timeout -k 5 "$t" chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
    --no-first-run --no-default-browser-check --disable-dev-shm-usage --hide-scrollbars \
    --user-data-dir="$profile" "$@" 2>>"$art/chromium.log" || rc=$?
  rm -rf "$profile"
  return "$rc"
}

t=$(now)
if ! command -v chromium >/dev/null 2>&1; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo=sudo; fi
  log "installing chromium (apt-get)"
  $sudo apt-get update >"$art/apt.log" 2>&1 && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium >>"$art/apt.log" 2>&1 || true
fi
dir="samples/ModelWatch.ChatSample/bin/$config/$tfm"
if [ ! -f "$dir/ModelWatch.ChatSample.dll" ]; then
  fail chat.start "$t" "$dir/ModelWatch.ChatSample.dll not found: build first (dotnet build ModelWatch.sln -c $config)"
  skip_after 1 "$t" "the sample did not start"
  exit 1
fi
dir="$(cd "$dir" && pwd)"
port=$(python3 "$helper" freeport)
base="http://127.0.0.1:$port"
log "starting the chat sample on $base (log $art/app.log)"
setsid env -C "$dir" dotnet ModelWatch.ChatSample.dll --urls "$base" >"$art/app.log" 2>&1 </dev/null &
app_group=$!
deadline=$(($(date +%s) + 60))
until answers "$base/health"; do
  if ! kill -0 "$app_group" 2>/dev/null || [ "$(date +%s)" -ge "$deadline" ]; then
    tail -n 30 "$art/app.log" | sed 's/^/  app| /'
    fail chat.start "$t" "GET $base/health did not answer within 60 s, or the app exited (see $art/app.log)"
    skip_after 1 "$t" "the sample did not start"
    exit 1
  fi
  sleep 0.5
done
pass chat.start "$t" "GET $base/health answers"

t=$(now)
rc=0
timeout -k 5 180 env -C "$dir" dotnet ModelWatch.ChatSample.dll --simulate "$base" --calls 900 --seed 1 >"$art/simulate.log" 2>&1 </dev/null || rc=$?
sent=$(grep 'sent:' "$art/simulate.log" | tail -n 1 || true)
if [ "$rc" -eq 0 ] && [ "$sent" = "sent: 900 questions, 0 failed" ]; then
  pass chat.simulate "$t" "exit code 0, '$sent'"
else
  fail chat.simulate "$t" "exit code $rc, '${sent:-no sent: line}', expected 'sent: 900 questions, 0 failed' (see $art/simulate.log)"
fi

# The dashboard: the changed window drifts in what the bot answers, not in what users ask.
t=$(now)
page="$base/modelwatch/support-bot"
dom="$art/dashboard.dom.html"
expected="response.characters=true response.refusal=true response.json=true prompt.characters=false prompt.words=false"
seen=""
deadline=$(($(date +%s) + 60))
while true; do
  if chrome 60 --virtual-time-budget=2000 --dump-dom "$page" >"$dom"; then
    pairs=$(python3 "$helper" data-drift "$dom" || true)
    seen=""
    for f in response.characters response.refusal response.json prompt.characters prompt.words; do
      seen="$seen $f=$(awk -F'\t' -v f="$f" '$1 == f { print $2 }' <<<"$pairs" | paste -sd , -)"
    done
    seen="${seen# }"
    if [ "$seen" = "$expected" ]; then break; fi
  fi
  if [ "$(date +%s)" -ge "$deadline" ]; then break; fi
  sleep 1
done
if [ "$seen" = "$expected" ]; then
  pass chat.dashboard-dom "$t" "$page shows $seen"
else
  fail chat.dashboard-dom "$t" "$page: expected $expected within 60 s, found: ${seen:-nothing} (DOM in $dom)"
fi
t=$(now)
png="$art/dashboard.png"
if chrome 60 --window-size=1280,2000 --virtual-time-budget=2000 --screenshot="$png" "$page" >/dev/null && [ -s "$png" ]; then
  pass chat.dashboard-screenshot "$t" "$(stat -c %s "$png") bytes of $page"
  echo "screenshot: $png"
else
  fail chat.dashboard-screenshot "$t" "no screenshot of $page (see $art/chromium.log)"
fi

t=$(now)
if grep -q '^ALERT support-bot: descriptors drifted: .*response.refusal' "$art/app.log"; then
  pass chat.alert "$t" "$(grep -m 1 '^ALERT support-bot' "$art/app.log")"
else
  fail chat.alert "$t" "no 'ALERT support-bot: descriptors drifted: … response.refusal …' line in $art/app.log"
fi

# Prometheus exposition: per-descriptor drift status and the alert counter.
t=$(now)
if curl_local "$base/metrics" >"$art/metrics.txt" 2>"$work/metrics.err"; then
  status() { grep '^modelwatch_feature_drift_status{' "$art/metrics.txt" | grep "modelwatch_model_name=\"support-bot\"" | grep "modelwatch_feature_name=\"$1\"" | awk '{ print $NF }' | head -n 1; }
  refusal=$(status response.refusal)
  prompt=$(status prompt.characters)
  alerts=$(grep -E '^modelwatch_drift_alerts(_total)?\{' "$art/metrics.txt" | grep 'modelwatch_model_name="support-bot"' | awk '{ print $NF }' | head -n 1)
  if [ "$refusal" = 1 ] && [ "$prompt" = 0 ] && [ "${alerts:-0}" != 0 ]; then
    pass chat.metrics "$t" "GET /metrics: response.refusal drift status 1, prompt.characters 0, drift alerts $alerts (copy in $art/metrics.txt)"
  else
    fail chat.metrics "$t" "GET /metrics: response.refusal='${refusal:-none}' (want 1), prompt.characters='${prompt:-none}' (want 0), alerts='${alerts:-none}' (want > 0) (copy in $art/metrics.txt)"
  fi
else
  fail chat.metrics "$t" "GET $base/metrics failed: $(head -c 300 "$work/metrics.err")"
fi
