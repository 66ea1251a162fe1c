# Shared by the end-to-end scripts (sourced, not run): each check is recorded as one line of a
# results table that e2e.py turns into a TRX file. The sourcing script sets $results (the table),
# $log_prefix (its name in log lines) and $failures (0), before calling these.

now() { date +%s.%N; }
log() { echo "[$log_prefix $(date -u +%H:%M:%S)] $*"; }
record() { # name outcome start message
  local msg="${4//$'\t'/ }"
  msg="${msg//$'\n'/ | }"
  printf '%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$(now)" "$msg" >>"$results"
}
pass() { echo "PASS $1: $3"; record "$1" Passed "$2" "$3"; }
fail() { echo "FAIL $1: $3"; record "$1" Failed "$2" "$3"; failures=$((failures + 1)); }
skip() { echo "SKIP $1: $3"; record "$1" NotExecuted "$2" "$3"; }

# Whether anything answers HTTP at a URL (any status).
answers() { [ "$(curl --noproxy '*' -sS --max-time 5 -o /dev/null -w '%{http_code}' "$1" 2>/dev/null)" != 000 ]; }
