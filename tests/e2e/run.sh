#!/usr/bin/env bash
# End-to-end checks of what a person sees: the demo's HTML report, the CLI's HTML report, and the
# sample API's dashboard, Prometheus metrics and health endpoint, in headless Chromium and a real
# Prometheus. See tests/e2e/README.md.
#
# Usage: tests/e2e/run.sh [TRX_DIR]     (after `dotnet build ModelWatch.sln -c Release`)
#   Writes TRX_DIR/modelwatch-e2e.trx (default .ci/out/trx) and, under .ci/out/e2e/, the
#   screenshots, the reports and every server's log. Exits 1 when a check failed.
#   E2E_REQUIRE_ALL=1 turns "sample not in this clone" skips into failures.
set -Eeuo pipefail

cd "$(dirname "$0")/../.."
root="$(pwd)"
trx_dir="${1:-$root/.ci/out/trx}"
mkdir -p "$trx_dir"
trx_dir="$(cd "$trx_dir" && pwd)"
art="$root/.ci/out/e2e"
rm -rf "$art"
mkdir -p "$art"
helper="$root/tests/e2e/e2e.py"
config=Release
tfm=net10.0

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# All traffic goes to 127.0.0.1, never through a proxy.
export NO_PROXY=127.0.0.1,localhost no_proxy=127.0.0.1,localhost

work="$(mktemp -d "${TMPDIR:-/tmp}/modelwatch-e2e.XXXXXX")"
results="$work/results.tsv"
: >"$results"
groups=()        # process-group ids of everything started in the background
failures=0
script_start=$(date +%s)
error_line=""

log_prefix=e2e
# shellcheck source=checks.sh
. "$root/tests/e2e/checks.sh"
missing() { # name start message: a sample that is not in this clone at all
  if [ "${E2E_REQUIRE_ALL:-1}" = 1 ]; then fail "$@"; else skip "$@"; fi
}

stop_all() {
  local g i alive
  [ "${#groups[@]}" -gt 0 ] || return 0
  for g in "${groups[@]}"; do kill -TERM -- "-$g" 2>/dev/null || true; done
  for i in $(seq 1 50); do # up to 10 s for a clean shutdown
    alive=0
    for g in "${groups[@]}"; do kill -0 -- "-$g" 2>/dev/null && alive=1; done
    [ "$alive" = 0 ] && break
    sleep 0.2
  done
  for g in "${groups[@]}"; do kill -KILL -- "-$g" 2>/dev/null || true; done
  groups=()
}

cleanup() {
  local rc=$?
  set +e
  trap - ERR
  stop_all
  if [ "$rc" -ne 0 ] && [ "$failures" -eq 0 ]; then
    fail e2e.script "$(now)" "run.sh stopped unexpectedly (exit $rc${error_line:+, line $error_line})"
  fi
  if ! python3 "$helper" trx "$results" "$trx_dir/modelwatch-e2e.trx" "ModelWatch end-to-end"; then
    echo "FAIL could not write $trx_dir/modelwatch-e2e.trx" >&2
    rc=1
  fi
  local p f s
  p=$(grep -c $'\tPassed\t' "$results" 2>/dev/null || true)
  f=$(grep -c $'\tFailed\t' "$results" 2>/dev/null || true)
  s=$(grep -c $'\tNotExecuted\t' "$results" 2>/dev/null || true)
  rm -rf "$work"
  echo "e2e: TRX $trx_dir/modelwatch-e2e.trx; screenshots, reports and logs in $art"
  echo "e2e: $((p)) passed, $((f)) failed, $((s)) skipped in $(($(date +%s) - script_start)) s"
  if [ "$failures" -gt 0 ] && [ "$rc" -eq 0 ]; then rc=1; fi
  exit "$rc"
}
trap 'error_line=$LINENO' ERR
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# start_bg LOG CMD...: run CMD in its own process group (stopped by cleanup), output to LOG.
start_bg() {
  local logf=$1
  shift
  setsid "$@" >"$logf" 2>&1 </dev/null &
  last_pid=$!
  groups+=("$last_pid")
}

# wait_until SECONDS PID CMD...: until CMD succeeds (0), PID exits (2) or time is up (1).
wait_until() {
  local deadline=$(($(date +%s) + $1)) pid=$2
  shift 2
  while true; do
    if "$@" >/dev/null 2>&1; then return 0; fi
    if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then return 2; fi
    if [ "$(date +%s)" -ge "$deadline" ]; then return 1; fi
    sleep 0.5
  done
}

# chrome SECONDS ARGS...: headless Chromium with a throw-away profile; its stdout is the caller's.
chrome() {
  local t=$1 profile rc=0
  shift
  profile="$(mktemp -d "$work/chromium.XXXXXX")"
  timeout -k 5 "$t" chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
    --no-first-run --no-default-browser-check --disable-dev-shm-usage --hide-scrollbars \
    --user-data-dir="$profile" "$@" 2>>"$art/chromium.log" || rc=$?
  rm -rf "$profile"
  return "$rc"
}

# screenshot NAME URL PNG [EXTRA ARGS]: a 1280x2000 PNG of URL.
screenshot() {
  local name=$1 url=$2 png=$3 t
  shift 3
  t=$(now)
  rm -f "$png"
  if chrome 60 --window-size=1280,2000 --screenshot="$png" "$@" "$url" >/dev/null && [ -s "$png" ]; then
    pass "$name" "$t" "$(stat -c %s "$png") bytes of $url"
    echo "screenshot: $png"
  else
    fail "$name" "$t" "no screenshot of $url (see $art/chromium.log)"
  fi
}

# no_hscroll NAME PAGE: PAGE (an HTML file) laid out in a 1280 px wide window scrolls nowhere
# sideways: neither the page nor any element of it (e2e.py hscroll-probe / hscroll-result).
no_hscroll() {
  local name=$1 page=$2 t probe dom out rc=0
  t=$(now)
  probe="$work/$name.probe.html"
  dom="$art/$name.dom.html"
  python3 "$helper" hscroll-probe "$page" "$probe"
  if ! chrome 60 --window-size=1280,2000 --virtual-time-budget=2000 --dump-dom "file://$probe" >"$dom"; then
    fail "$name" "$t" "chromium --dump-dom failed (see $art/chromium.log)"
    return 0
  fi
  out=$(python3 "$helper" hscroll-result "$dom") || rc=$?
  if [ "$rc" -eq 0 ]; then
    pass "$name" "$t" "nothing scrolls sideways at 1280 px: $out"
  else
    fail "$name" "$t" "horizontal scroll at 1280 px: $out (DOM in $dom)"
  fi
}

curl_local() { curl --noproxy '*' -fsS --max-time 5 "$@"; }
# answers URL: the server sent an HTTP response, whatever its status (health is 503 when Unhealthy).

# ---------------------------------------------------------------------------------------------
# 0. Tools: Chromium and Prometheus from Debian's packages when missing.
t=$(now)
if ! command -v chromium >/dev/null 2>&1 || ! command -v prometheus >/dev/null 2>&1; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo=sudo; fi
  log "installing chromium and prometheus (apt-get)"
  if ! { $sudo apt-get update >"$art/apt.log" 2>&1 &&
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium prometheus >>"$art/apt.log" 2>&1; }; then
    tail -n 20 "$art/apt.log" >&2 || true
    fail setup.tools "$t" "apt-get install -y chromium prometheus failed (see $art/apt.log)"
    exit 1
  fi
fi
chromium_version=$(chromium --version 2>/dev/null | head -n 1 || true)
prometheus_version=$(prometheus --version 2>&1 | head -n 1 || true)
for tool in chromium prometheus python3 curl setsid timeout awk; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    fail setup.tools "$t" "$tool is not on PATH"
    exit 1
  fi
done
pass setup.tools "$t" "$chromium_version; $prometheus_version"

# ---------------------------------------------------------------------------------------------
# 1. The README's main command: the demo writes an HTML report.
demo_checks() {
  local t rc=0 out report dom
  t=$(now)
  if [ ! -d samples/ModelWatch.Demo ]; then
    for c in demo.run demo.report-dom demo.report-screenshot demo.report-width; do
      missing "$c" "$t" "samples/ModelWatch.Demo is not in this clone"
    done
    return 0
  fi
  out="$work/demo-output"
  mkdir -p "$out"
  log "dotnet run -c $config --no-build --project samples/ModelWatch.Demo -- --output $out"
  timeout -k 5 180 dotnet run -c "$config" --no-build --project samples/ModelWatch.Demo -- --output "$out" \
    >"$art/demo.log" 2>&1 </dev/null || rc=$?
  report=$(grep '\.html' "$art/demo.log" | tail -n 1 | grep -o "[^[:space:]\"'<>]*\.html" | tail -n 1 || true)
  if [ -n "$report" ] && [ "${report#/}" = "$report" ]; then report="$root/$report"; fi
  if [ "$rc" -ne 0 ]; then
    tail -n 20 "$art/demo.log" | sed 's/^/  demo| /'
    fail demo.run "$t" "exit code $rc (see $art/demo.log)"
  elif [ -z "$report" ]; then
    tail -n 20 "$art/demo.log" | sed 's/^/  demo| /'
    fail demo.run "$t" "exit code 0 but no line with an .html path in the output (see $art/demo.log)"
  elif [ ! -s "$report" ]; then
    fail demo.run "$t" "exit code 0 but the report $report does not exist or is empty"
  else
    cp "$report" "$art/demo-report.html"
    pass demo.run "$t" "exit code 0, report $report ($(stat -c %s "$report") bytes; copy in $art/demo-report.html)"
  fi
  if [ -z "$report" ] || [ ! -s "$report" ]; then
    skip demo.report-dom "$t" "no report"
    skip demo.report-screenshot "$t" "no report"
    skip demo.report-width "$t" "no report"
    return 0
  fi

  t=$(now)
  report="$art/demo-report.html"
  dom="$art/demo-report.dom.html"
  if ! chrome 60 --dump-dom "file://$report" >"$dom"; then
    fail demo.report-dom "$t" "chromium --dump-dom failed (see $art/chromium.log)"
  else
    # The demo's report is the library's HtmlReport of 2015 against 2012: in its drift table
    # (<table class="drift-table">) temp_max carries <span class="badge drift">DRIFT</span>.
    local rows temp summary
    rows=$(python3 "$helper" drift-table "$dom" || true)
    temp=$(awk -F'\t' '$1 == "temp_max" { print $2 }' <<<"$rows")
    summary=$(tr '\t' '=' <<<"$rows" | paste -sd ' ' -)
    if ! grep -qiw 'drift' "$dom"; then
      fail demo.report-dom "$t" "the rendered report has no word 'drift' (DOM in $dom)"
    elif [ "$temp" != DRIFT ]; then
      fail demo.report-dom "$t" "expected temp_max=DRIFT in the report's drift table, found: ${summary:-no drift table} (DOM in $dom)"
    else
      pass demo.report-dom "$t" "drift table rows: $summary"
    fi
  fi
  screenshot demo.report-screenshot "file://$report" "$art/demo-report.png"
  no_hscroll demo.report-width "$report"
}

# ---------------------------------------------------------------------------------------------
# 2. The CLI's HTML report: 2015 against 2012.
cli_checks() {
  local t rc=0 cli data ref cur html dom rows
  t=$(now)
  cli="src/ModelWatch.Cli/bin/$config/$tfm/ModelWatch.Cli.dll"
  data="samples/ModelWatch.Shared/Data/seattle_weather.csv"
  ref="$work/weather-2012.csv"
  cur="$work/weather-2015.csv"
  html="$art/cli-report.html"
  if [ ! -f "$cli" ]; then
    fail cli.compare-html "$t" "$cli not found: build first (dotnet build ModelWatch.sln -c $config)"
    skip cli.report-dom "$t" "no report"
    skip cli.report-screenshot "$t" "no report"
    skip cli.report-width "$t" "no report"
    return 0
  fi
  awk -F, 'NR == 1 || substr($1, 1, 4) == "2012"' "$data" >"$ref"
  awk -F, 'NR == 1 || substr($1, 1, 4) == "2015"' "$data" >"$cur"
  log "dotnet $cli compare --reference 2012 ($(($(wc -l <"$ref") - 1)) rows) --current 2015 ($(($(wc -l <"$cur") - 1)) rows) --ignore date --format html -o $html"
  timeout -k 5 60 dotnet "$cli" compare --reference "$ref" --current "$cur" --ignore date --format html -o "$html" \
    >"$art/cli.log" 2>&1 </dev/null || rc=$?
  # compare without --fail-on-drift exits 0 even when the data drifted.
  if [ "$rc" -ne 0 ]; then
    sed 's/^/  cli| /' "$art/cli.log" | tail -n 20
    fail cli.compare-html "$t" "exit code $rc (see $art/cli.log)"
  elif [ ! -s "$html" ]; then
    fail cli.compare-html "$t" "exit code 0 but $html was not written"
  else
    pass cli.compare-html "$t" "exit code 0, $html ($(stat -c %s "$html") bytes): $(grep -o 'dataset: .*' "$art/cli.log" | tail -n 1)"
  fi
  if [ ! -s "$html" ]; then
    skip cli.report-dom "$t" "no report"
    skip cli.report-screenshot "$t" "no report"
    skip cli.report-width "$t" "no report"
    return 0
  fi

  t=$(now)
  dom="$art/cli-report.dom.html"
  if ! chrome 60 --dump-dom "file://$html" >"$dom"; then
    fail cli.report-dom "$t" "chromium --dump-dom failed (see $art/chromium.log)"
  else
    # HtmlReport marks each row's verdict with <span class="badge drift">DRIFT</span> or
    # <span class="badge stable">ok</span> in <table class="drift-table">.
    rows=$(python3 "$helper" drift-table "$dom" || true)
    local temp wind summary
    temp=$(awk -F'\t' '$1 == "temp_max" { print $2 }' <<<"$rows")
    wind=$(awk -F'\t' '$1 == "wind" { print $2 }' <<<"$rows")
    summary=$(tr '\t' '=' <<<"$rows" | paste -sd ' ' -)
    if [ "$temp" = DRIFT ] && [ "$wind" = ok ]; then
      pass cli.report-dom "$t" "drift table rows: $summary"
    else
      fail cli.report-dom "$t" "expected temp_max=DRIFT and wind=ok in the drift table, found: ${summary:-no drift table} (DOM in $dom)"
    fi
  fi
  screenshot cli.report-screenshot "file://$html" "$art/cli-report.png"
  no_hscroll cli.report-width "$html"
}

# ---------------------------------------------------------------------------------------------
# 3. The sample API: dashboard, Prometheus, health.
api_checks() {
  local t rc=0 api_dir api_port prom_port base prom api_pid prom_pid
  local names=(api.start api.simulate api.dashboard-dom api.dashboard-screenshot api.dashboard-width api.dashboard-root-width api.metrics
    prometheus.scrape prometheus.drift-status prometheus.predictions api.health)
  t=$(now)
  if [ ! -d samples/ModelWatch.SampleApi ]; then
    for c in "${names[@]}"; do missing "$c" "$t" "samples/ModelWatch.SampleApi is not in this clone"; done
    return 0
  fi
  api_dir="samples/ModelWatch.SampleApi/bin/$config/$tfm"
  if [ ! -f "$api_dir/ModelWatch.SampleApi.dll" ]; then
    fail api.start "$t" "$api_dir/ModelWatch.SampleApi.dll not found: build first (dotnet build ModelWatch.sln -c $config)"
    for c in "${names[@]:1}"; do skip "$c" "$t" "the API did not start"; done
    return 0
  fi
  api_dir="$(cd "$api_dir" && pwd)"
  api_port=$(python3 "$helper" freeport)
  prom_port=$(python3 "$helper" freeport)
  while [ "$prom_port" = "$api_port" ]; do prom_port=$(python3 "$helper" freeport); done
  base="http://127.0.0.1:$api_port"
  prom="http://127.0.0.1:$prom_port"

  # The API runs from its output folder, so that its appsettings.json is its content root's.
  log "starting the sample API on $base (log $art/api.log)"
  start_bg "$art/api.log" env -C "$api_dir" dotnet ModelWatch.SampleApi.dll --urls "$base"
  api_pid=$last_pid

  sed "s/@TARGET@/127.0.0.1:$api_port/" tests/e2e/prometheus.yml.in >"$work/prometheus.yml"
  cp "$work/prometheus.yml" "$art/prometheus.yml"
  mkdir -p "$work/prometheus-data"
  log "starting Prometheus on $prom (log $art/prometheus.log)"
  start_bg "$art/prometheus.log" prometheus --config.file="$work/prometheus.yml" \
    --storage.tsdb.path="$work/prometheus-data" --web.listen-address="127.0.0.1:$prom_port" \
    --web.console.templates="$work/none" --web.console.libraries="$work/none"
  prom_pid=$last_pid

  rc=0
  wait_until 60 "$api_pid" answers "$base/health" || rc=$?
  if [ "$rc" -ne 0 ]; then
    tail -n 30 "$art/api.log" | sed 's/^/  api| /'
    if [ "$rc" = 2 ]; then
      fail api.start "$t" "the API exited before GET /health answered (see $art/api.log)"
    else
      fail api.start "$t" "GET $base/health did not answer within 60 s (see $art/api.log)"
    fi
    for c in "${names[@]:1}"; do skip "$c" "$t" "the API did not start"; done
    return 0
  fi
  pass api.start "$t" "GET $base/health answers ($(awk "BEGIN { printf \"%.1f\", $(now) - $t }") s after start)"

  # Send 500 normal, then 500 drifted predictions.
  t=$(now)
  rc=0
  log "dotnet ModelWatch.SampleApi.dll --simulate $base --normal 500 --drifted 500 --seed 1"
  timeout -k 5 120 env -C "$api_dir" dotnet ModelWatch.SampleApi.dll --simulate "$base" \
    --normal 500 --drifted 500 --seed 1 >"$art/simulate.log" 2>&1 </dev/null || rc=$?
  local sent
  sent=$(grep 'sent:' "$art/simulate.log" | tail -n 1 | sed 's/^[[:space:]]*//;s/[[:space:]]*$//' || true)
  if [ "$rc" -eq 0 ] && [ "$sent" = "sent: 500 normal, 500 drifted, 0 failed" ]; then
    pass api.simulate "$t" "exit code 0, '$sent'"
  else
    tail -n 20 "$art/simulate.log" | sed 's/^/  simulate| /'
    fail api.simulate "$t" "exit code $rc, last 'sent:' line '${sent:-none}', expected 'sent: 500 normal, 500 drifted, 0 failed' (see $art/simulate.log)"
  fi

  # a. The dashboard's page of the model "weather": its link on the root page, else a guess.
  t=$(now)
  local root_url eff page="" candidate
  root_url="$base/modelwatch"
  eff=$(curl_local -L -o "$work/root.html" -w '%{url_effective}' "$root_url" || true)
  chrome 60 --virtual-time-budget=2000 --dump-dom "$root_url" >"$art/dashboard-root.dom.html" || true
  for f in "$art/dashboard-root.dom.html" "$work/root.html"; do
    [ -s "$f" ] || continue
    page=$(python3 "$helper" links "$f" "${eff:-$root_url}" | grep "^$base/" | grep -i 'weather' | head -n 1 || true)
    [ -n "$page" ] && break
  done
  if [ -z "$page" ]; then
    for candidate in "$root_url/weather" "$root_url/models/weather" "$root_url/model/weather"; do
      if curl_local -o /dev/null "$candidate" 2>/dev/null; then page=$candidate; break; fi
    done
  fi
  if [ -z "$page" ]; then
    fail api.dashboard-dom "$t" "no link to the model 'weather' on $root_url (DOM in $art/dashboard-root.dom.html) and none of $root_url/{weather,models/weather,model/weather} answers"
    skip api.dashboard-screenshot "$t" "no model page"
    skip api.dashboard-width "$t" "no model page"
    skip api.dashboard-root-width "$t" "no model page"
  else
    log "dashboard page of 'weather': $page"
    # Poll the served HTML (evaluation runs every second, so the drifted window shows up within a
    # few seconds), then judge what Chromium renders.
    local deadline=$(($(date +%s) + 60)) pairs="" temp="" wind="" dom="$art/dashboard.dom.html"
    while true; do
      if curl_local "$page" >"$work/page.html" 2>/dev/null; then
        pairs=$(python3 "$helper" data-drift "$work/page.html" || true)
        temp=$(awk -F'\t' '$1 == "temp_max" { print $2 }' <<<"$pairs" | paste -sd , -)
        wind=$(awk -F'\t' '$1 == "wind" { print $2 }' <<<"$pairs" | paste -sd , -)
        if [ "$temp" = true ] && [ "$wind" = false ]; then break; fi
      fi
      if [ "$(date +%s)" -ge "$deadline" ]; then break; fi
      sleep 1
    done
    pairs="" temp="" wind=""
    if chrome 60 --virtual-time-budget=2000 --dump-dom "$page" >"$dom"; then
      pairs=$(python3 "$helper" data-drift "$dom" || true)
      temp=$(awk -F'\t' '$1 == "temp_max" { print $2 }' <<<"$pairs" | paste -sd , -)
      wind=$(awk -F'\t' '$1 == "wind" { print $2 }' <<<"$pairs" | paste -sd , -)
    fi
    local seen
    seen=$(tr '\t' '=' <<<"$pairs" | paste -sd ' ' -)
    if [ "$temp" = true ] && [ "$wind" = false ]; then
      local literal="attributes"
      if grep -qF 'data-feature="temp_max" data-drift="true"' "$dom" &&
        grep -qF 'data-feature="wind" data-drift="false"' "$dom"; then
        literal='data-feature="temp_max" data-drift="true" and data-feature="wind" data-drift="false"'
      fi
      pass api.dashboard-dom "$t" "$page shows $literal; data-drift per feature: $seen"
    else
      fail api.dashboard-dom "$t" "$page: expected data-feature=\"temp_max\" data-drift=\"true\" and data-feature=\"wind\" data-drift=\"false\" within 60 s, found: ${seen:-no element with data-feature and data-drift} (DOM in $dom)"
    fi
    screenshot api.dashboard-screenshot "$page" "$art/dashboard.png" --virtual-time-budget=2000
    # Every dashboard page as served (the list and the model page) fits 1280 px.
    if curl_local "$page" >"$art/dashboard.html" && curl_local -L "$root_url" >"$art/dashboard-root.html"; then
      no_hscroll api.dashboard-width "$art/dashboard.html"
      no_hscroll api.dashboard-root-width "$art/dashboard-root.html"
    else
      fail api.dashboard-width "$(now)" "could not fetch $page or $root_url"
    fi
  fi

  # The metric names as the sample exports them.
  t=$(now)
  local status_metric="" pred_metric="" feature_label=""
  if curl_local "$base/metrics" >"$art/metrics.txt" 2>"$work/metrics.err"; then
    status_metric=$(grep -o '^modelwatch_feature_drift_status[A-Za-z0-9_]*' "$art/metrics.txt" | sort -u | head -n 1 || true)
    # The predictions counter itself (modelwatch_predictions, _total with the exporter's suffix),
    # not its neighbours such as modelwatch_predictions_unevaluated_total.
    pred_metric=$(grep -oE '^modelwatch_predictions(_total)?[{ ]' "$art/metrics.txt" | tr -d '{ ' | sort -u |
      awk '/_total$/ { t = $0 } { a = a ? a : $0 } END { print t ? t : a }' || true)
    if [ -n "$status_metric" ]; then
      feature_label=$(grep "^$status_metric{" "$art/metrics.txt" | grep -o '[A-Za-z0-9_]*feature[A-Za-z0-9_]*=' | head -n 1 | tr -d '=' || true)
    fi
    if [ -n "$status_metric" ] && [ -n "$pred_metric" ] && [ -n "$feature_label" ]; then
      pass api.metrics "$t" "GET $base/metrics: drift status '$status_metric' (feature label '$feature_label'), predictions '$pred_metric' (copy in $art/metrics.txt)"
    else
      fail api.metrics "$t" "GET $base/metrics lacks modelwatch_feature_drift_status* with a feature label or modelwatch_predictions*: status='${status_metric}' label='${feature_label}' predictions='${pred_metric}' (copy in $art/metrics.txt)"
    fi
  else
    fail api.metrics "$t" "GET $base/metrics failed: $(head -c 300 "$work/metrics.err")"
  fi

  # b. Prometheus scrapes the sample and holds the verdicts and the prediction count.
  t=$(now)
  rc=0
  wait_until 60 "$prom_pid" curl_local -o /dev/null "$prom/-/ready" || rc=$?
  local up=""
  if [ "$rc" -eq 0 ]; then
    local deadline=$(($(date +%s) + 60))
    while true; do
      up=$(python3 "$helper" prom "$prom" 'up{job="modelwatch-sample"}' 2>/dev/null | cut -f2 | head -n 1 || true)
      if [ "$up" = 1 ] || [ "$(date +%s)" -ge "$deadline" ]; then break; fi
      sleep 1
    done
  fi
  if [ "$rc" -ne 0 ]; then
    tail -n 20 "$art/prometheus.log" | sed 's/^/  prometheus| /'
    fail prometheus.scrape "$t" "Prometheus on $prom not ready within 60 s (exit or timeout; see $art/prometheus.log)"
  elif [ "$up" = 1 ]; then
    pass prometheus.scrape "$t" "query up{job=\"modelwatch-sample\"} = 1 (target 127.0.0.1:$api_port/metrics)"
  else
    fail prometheus.scrape "$t" "query up{job=\"modelwatch-sample\"} = '${up:-no series}' after 60 s (see $art/prometheus.log)"
  fi

  t=$(now)
  if [ "$up" != 1 ] || [ -z "$status_metric" ] || [ -z "$feature_label" ]; then
    skip prometheus.drift-status "$t" "no scrape or no drift status metric on /metrics"
  else
    local q="$status_metric{$feature_label=~\"temp_max|wind\"}" series="" deadline=$(($(date +%s) + 60)) tv wv
    while true; do
      series=$(python3 "$helper" prom "$prom" "$q" 2>/dev/null || true)
      tv=$(grep "$feature_label=\"temp_max\"" <<<"$series" | cut -f2 | sort -u | paste -sd , -)
      wv=$(grep "$feature_label=\"wind\"" <<<"$series" | cut -f2 | sort -u | paste -sd , -)
      if [ "$tv" = 1 ] && [ "$wv" = 0 ]; then break; fi
      if [ "$(date +%s)" -ge "$deadline" ]; then break; fi
      sleep 1
    done
    echo "query $q:"
    sed 's/^/  /' <<<"${series:-  (no series)}"
    if [ "$tv" = 1 ] && [ "$wv" = 0 ]; then
      pass prometheus.drift-status "$t" "$q: temp_max=$tv, wind=$wv"
    else
      fail prometheus.drift-status "$t" "$q: expected temp_max=1 and wind=0 within 60 s, found temp_max='${tv:-none}' wind='${wv:-none}'"
    fi
  fi

  t=$(now)
  if [ "$up" != 1 ] || [ -z "$pred_metric" ]; then
    skip prometheus.predictions "$t" "no scrape or no predictions metric on /metrics"
  else
    local q="sum($pred_metric)" total="" deadline=$(($(date +%s) + 60))
    while true; do
      total=$(python3 "$helper" prom "$prom" "$q" 2>/dev/null | cut -f2 | head -n 1 || true)
      if [ "$total" = 1000 ] || [ "$(date +%s)" -ge "$deadline" ]; then break; fi
      sleep 1
    done
    echo "query $q: ${total:-no series}"
    if [ "$total" = 1000 ]; then
      pass prometheus.predictions "$t" "$q = 1000 (the predictions sent)"
    else
      fail prometheus.predictions "$t" "$q = '${total:-no series}', expected 1000 within 60 s"
    fi
  fi

  # c. Health: a JSON body.
  t=$(now)
  local body code
  code=$(curl --noproxy '*' -sS --max-time 5 -o "$work/health.json" -w '%{http_code}' "$base/health" 2>"$work/health.err" || true)
  body=$(cat "$work/health.json" "$work/health.err" 2>/dev/null | tr -d '\n' | head -c 600)
  echo "GET $base/health: HTTP $code $body"
  if python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$work/health.json" 2>/dev/null; then
    pass api.health "$t" "GET /health: HTTP $code, JSON $body"
  else
    fail api.health "$t" "GET /health: HTTP ${code:-none}, not a JSON body: ${body:-empty}"
  fi

  log "stopping the API and Prometheus"
  stop_all
}

demo_checks
cli_checks
api_checks

# 4. A fresh `dotnet new web` app following README alone: tests/e2e/fresh-app.sh, its own TRX file.
if ! tests/e2e/fresh-app.sh "$trx_dir"; then failures=$((failures + 1)); fi

# 5. The integrations sample (ML.NET and ONNX Runtime): tests/e2e/integrations-sample.sh, its own TRX file.
if ! tests/e2e/integrations-sample.sh "$trx_dir"; then failures=$((failures + 1)); fi

# 6. The chat sample (ModelWatch.Extensions.AI): tests/e2e/chat-sample.sh, its own TRX file.
if ! tests/e2e/chat-sample.sh "$trx_dir"; then failures=$((failures + 1)); fi
