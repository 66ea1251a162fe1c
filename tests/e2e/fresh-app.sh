#!/usr/bin/env bash
# A new user's first hour, as README describes it: pack ModelWatch and ModelWatch.AspNetCore, make a
# fresh `dotnet new web` app, add both packages from the packed folder, paste README's Quick start
# as Program.cs, build, run it on 127.0.0.1, send README's "Try it in one minute" traffic, and check
# that /health turns Degraded and the JSON API reports drift within 60 s. See tests/e2e/README.md.
#
# Usage: tests/e2e/fresh-app.sh [TRX_DIR]     (after `dotnet build ModelWatch.sln -c Release`)
#   Writes TRX_DIR/modelwatch-e2e-fresh-app.trx (default .ci/out/trx) and, under .ci/out/e2e/fresh-app/,
#   the app's Program.cs, the traffic script and every log. Exits 1 when a check failed.
#   Needs nuget.org for the app's restore (the template's and ModelWatch's dependencies), nothing else.
set -Eeuo pipefail

cd "$(dirname "$0")/../.."
root="$(pwd)"
trx_dir="${1:-$root/.ci/out/trx}"
mkdir -p "$trx_dir"
trx_dir="$(cd "$trx_dir" && pwd)"
art="$root/.ci/out/e2e/fresh-app"
rm -rf "$art"
mkdir -p "$art"
helper="$root/tests/e2e/e2e.py"
config=Release

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export NO_PROXY=127.0.0.1,localhost no_proxy=127.0.0.1,localhost

# Outside the repository, so that its nuget.config (every package mapped to nuget.org) does not apply:
# the app sees what a user's app sees.
work="$(mktemp -d "${TMPDIR:-/tmp}/modelwatch-fresh-app.XXXXXX")"
results="$work/results.tsv"
: >"$results"
app_group=""
failures=0
error_line=""
# A version of its own, so that NuGet's global cache never serves a package packed from older sources.
version="0.1.0-e2e.$(date +%s)"
cache="$(dotnet nuget locals global-packages --list 2>/dev/null | sed 's/^global-packages: //' || true)"

log_prefix=fresh-app
# shellcheck source=checks.sh
. "$root/tests/e2e/checks.sh"
skip_rest() { # start message names...: the checks after a failed one
  local t=$1 msg=$2
  shift 2
  for c in "$@"; do skip "$c" "$t" "$msg"; done
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
    fail fresh-app.script "$(now)" "fresh-app.sh stopped unexpectedly (exit $rc${error_line:+, line $error_line})"
  fi
  if ! python3 "$helper" trx "$results" "$trx_dir/modelwatch-e2e-fresh-app.trx" "ModelWatch fresh app"; then
    echo "FAIL could not write $trx_dir/modelwatch-e2e-fresh-app.trx" >&2
    rc=1
  fi
  if [ -n "$cache" ]; then
    rm -rf "$cache/modelwatch/$version" "$cache/modelwatch.aspnetcore/$version"
  fi
  rm -rf "$work"
  echo "fresh-app: TRX $trx_dir/modelwatch-e2e-fresh-app.trx; logs in $art"
  if [ "$failures" -gt 0 ] && [ "$rc" -eq 0 ]; then rc=1; fi
  exit "$rc"
}
trap 'error_line=$LINENO' ERR
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# readme_block MARKER: the lines of the fenced block right after the README line that starts with MARKER.
readme_block() {
  awk -v marker="$1" '
    index($0, marker) == 1 { found = 1; next }
    found == 1 && /^```/ { found = 2; next }
    found == 2 && /^```/ { exit }
    found == 2 { print }
  ' README.md
}


checks=(fresh-app.pack fresh-app.new fresh-app.add-packages fresh-app.build fresh-app.start fresh-app.traffic fresh-app.health-degraded fresh-app.api-drift)
start_all=$(date +%s)

# 1. Pack the two packages of the Release build into a local folder.
t=$(now)
feed="$work/artifacts"
if [ ! -f "src/ModelWatch.AspNetCore/bin/$config/net10.0/ModelWatch.AspNetCore.dll" ]; then
  fail fresh-app.pack "$t" "src/ModelWatch.AspNetCore/bin/$config/net10.0/ModelWatch.AspNetCore.dll not found: build first (dotnet build ModelWatch.sln -c $config)"
  skip_rest "$t" "nothing packed" "${checks[@]:1}"
  exit 1
fi
log "dotnet pack src/ModelWatch and src/ModelWatch.AspNetCore -c $config --no-build -o $feed -p:VersionSuffix=${version#0.1.0-}"
rc=0
for p in src/ModelWatch src/ModelWatch.AspNetCore; do
  timeout -k 5 120 dotnet pack "$p" -c "$config" --no-build -o "$feed" -p:VersionSuffix="${version#0.1.0-}" \
    >>"$art/pack.log" 2>&1 </dev/null || rc=$?
done
if [ "$rc" -ne 0 ] || [ ! -f "$feed/ModelWatch.$version.nupkg" ] || [ ! -f "$feed/ModelWatch.AspNetCore.$version.nupkg" ]; then
  tail -n 20 "$art/pack.log" | sed 's/^/  pack| /'
  fail fresh-app.pack "$t" "exit code $rc; expected ModelWatch.$version.nupkg and ModelWatch.AspNetCore.$version.nupkg in $feed (see $art/pack.log)"
  skip_rest "$t" "nothing packed" "${checks[@]:1}"
  exit 1
fi
pass fresh-app.pack "$t" "$(cd "$feed" && ls -- *.nupkg | paste -sd ' ' -)"

# 2. A fresh web app.
t=$(now)
app="$work/FreshApp"
rc=0
timeout -k 5 120 dotnet new web -o "$app" -n FreshApp >"$art/new.log" 2>&1 </dev/null || rc=$?
if [ "$rc" -ne 0 ] || [ ! -f "$app/Program.cs" ]; then
  tail -n 20 "$art/new.log" | sed 's/^/  new| /'
  fail fresh-app.new "$t" "dotnet new web: exit code $rc (see $art/new.log)"
  skip_rest "$t" "no app" "${checks[@]:2}"
  exit 1
fi
pass fresh-app.new "$t" "dotnet new web -o FreshApp"

# 3. README, Install: dotnet add package ... --source <the packed folder>.
t=$(now)
rc=0
for p in ModelWatch ModelWatch.AspNetCore; do
  (cd "$app" && timeout -k 5 180 dotnet add package "$p" --version "$version" --source "$feed") \
    >>"$art/add-package.log" 2>&1 </dev/null || rc=$?
done
if [ "$rc" -ne 0 ]; then
  tail -n 20 "$art/add-package.log" | sed 's/^/  add| /'
  fail fresh-app.add-packages "$t" "dotnet add package: exit code $rc (see $art/add-package.log)"
  skip_rest "$t" "packages not added" "${checks[@]:3}"
  exit 1
fi
pass fresh-app.add-packages "$t" "ModelWatch and ModelWatch.AspNetCore $version from $feed"

# 4. README's Quick start, pasted as Program.cs, builds.
t=$(now)
readme_block '<!-- snippet: file samples/ModelWatch.QuickStart/Program.cs' >"$app/Program.cs"
cp "$app/Program.cs" "$art/Program.cs"
if [ ! -s "$app/Program.cs" ]; then
  fail fresh-app.build "$t" "README.md has no Quick start block after '<!-- snippet: file samples/ModelWatch.QuickStart/Program.cs -->'"
  skip_rest "$t" "no program" "${checks[@]:4}"
  exit 1
fi
rc=0
(cd "$app" && timeout -k 5 300 dotnet build) >"$art/build.log" 2>&1 </dev/null || rc=$?
if [ "$rc" -ne 0 ]; then
  grep -E 'error|warn' "$art/build.log" | sort -u | head -n 20 | sed 's/^/  build| /'
  fail fresh-app.build "$t" "dotnet build: exit code $rc (see $art/build.log)"
  skip_rest "$t" "the app did not build" "${checks[@]:4}"
  exit 1
fi
pass fresh-app.build "$t" "README's Quick start ($(wc -l <"$app/Program.cs") lines) builds: $(grep -cE 'warning [A-Z]+[0-9]+' "$art/build.log" || true) warning lines"

# 5. README, Try it in one minute: dotnet run --urls http://127.0.0.1:<port>.
t=$(now)
port=$(python3 "$helper" freeport)
base="http://127.0.0.1:$port"
log "dotnet run --no-build --urls $base (log $art/app.log)"
# In a process group of its own (setsid, as run.sh starts its servers), stopped at exit.
setsid env -C "$app" dotnet run --no-build --urls "$base" >"$art/app.log" 2>&1 </dev/null &
app_group=$!
deadline=$(($(date +%s) + 60))
until answers "$base/health"; do
  if ! kill -0 "$app_group" 2>/dev/null || [ "$(date +%s)" -ge "$deadline" ]; then break; fi
  sleep 0.5
done
if ! answers "$base/health"; then
  tail -n 30 "$art/app.log" | sed 's/^/  app| /'
  fail fresh-app.start "$t" "GET $base/health did not answer within 60 s (see $art/app.log)"
  skip_rest "$t" "the app did not start" "${checks[@]:5}"
  exit 1
fi
pass fresh-app.start "$t" "GET $base/health answers: $(curl --noproxy '*' -sS --max-time 5 "$base/health")"

# 6. README's traffic loop, its URL pointed at this app.
t=$(now)
readme_block '<!-- e2e: try-it-loop' | sed "s#http://127.0.0.1:5000#$base#g" >"$work/traffic.sh"
cp "$work/traffic.sh" "$art/traffic.sh"
if ! grep -q "$base" "$work/traffic.sh"; then
  fail fresh-app.traffic "$t" "README.md has no loop with http://127.0.0.1:5000 after '<!-- e2e: try-it-loop'"
  skip_rest "$t" "no traffic" "${checks[@]:6}"
  exit 1
fi
traffic_start=$(date +%s)
rc=0
timeout -k 5 90 bash "$work/traffic.sh" >"$art/traffic.log" 2>&1 </dev/null || rc=$?
printed=$(paste -sd ' ' - <"$art/traffic.log")
if [ "$rc" -ne 0 ]; then
  fail fresh-app.traffic "$t" "README's loop: exit code $rc, output '$printed'"
else
  pass fresh-app.traffic "$t" "README's loop: exit code 0, health printed: $printed"
fi

# 7. /health Degraded within 60 s of the first request.
t=$(now)
status=""
while true; do
  status=$(curl --noproxy '*' -sS --max-time 5 "$base/health" 2>/dev/null || true)
  if [ "$status" = Degraded ] || [ "$(date +%s)" -ge $((traffic_start + 60)) ]; then break; fi
  sleep 1
done
if [ "$status" = Degraded ]; then
  pass fresh-app.health-degraded "$t" "GET /health: Degraded $(($(date +%s) - traffic_start)) s after the first request; log: $(grep -o 'Drift alert raised.*' "$art/app.log" | head -n 1)"
else
  fail fresh-app.health-degraded "$t" "GET /health: '${status:-no answer}' 60 s after the first request, expected Degraded (see $art/app.log)"
fi

# 8. The JSON API: a drift alert and a drifted latest window.
t=$(now)
summary=""
if curl --noproxy '*' -fsS --max-time 5 "$base/modelwatch/api/models/fraud" -o "$art/model.json" 2>"$work/api.err"; then
  summary=$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
drift = d.get("drift") or {}
feats = [f["name"] for f in drift.get("features", []) if f.get("isDrift") and not f.get("isPrediction")]
print("alerts.drift=%s drift.isDrift=%s drifted=%s" % (str(d.get("alerts", {}).get("drift")).lower(), str(drift.get("isDrift")).lower(), ",".join(feats)))
' "$art/model.json" 2>&1 || true)
fi
if [[ "$summary" == "alerts.drift=true drift.isDrift=true drifted="* ]]; then
  pass fresh-app.api-drift "$t" "GET /modelwatch/api/models/fraud: $summary (copy in $art/model.json)"
else
  fail fresh-app.api-drift "$t" "GET /modelwatch/api/models/fraud: expected alerts.drift=true and drift.isDrift=true, found '${summary:-$(head -c 300 "$work/api.err" 2>/dev/null)}'"
fi

log "$((${#checks[@]} - failures)) of ${#checks[@]} checks passed in $(($(date +%s) - start_all)) s"
