#!/usr/bin/env bash
# Prints the N slowest tests (default 10) and every package's time from the
# output of go test -json, read from the files named or from stdin:
#
#   CI=true go test -count=1 -json ./... >test.json; bench/slowtests.sh 15 test.json
#   CI=true go test -count=1 -json ./generate/ | bench/slowtests.sh
#
# Times are go test's own (Elapsed, wall seconds): on a busy machine they
# grow with the load, so note the load average (uptime) beside them.
# Subtests count only through their top-level test.
set -euo pipefail
n=10
if [[ "${1:-}" =~ ^[0-9]+$ ]]; then
  n=$1
  shift
fi
command -v jq >/dev/null || { echo "jq is not installed" >&2; exit 1; }
events=$(cat "$@" | grep '^{' || true)
echo "slowest tests (s):"
jq -r 'select((.Action == "pass" or .Action == "fail") and .Test != null and (.Test | contains("/") | not))
  | [.Elapsed, .Action, .Package, .Test] | @tsv' <<<"$events" |
  sort -t$'\t' -k1,1 -g -r | head -n "$n" |
  awk -F'\t' '{ printf "%8.2f  %-4s %s %s\n", $1, $2, $3, $4 }'
echo "packages (s):"
jq -r 'select((.Action == "pass" or .Action == "fail") and .Test == null and .Elapsed != null)
  | [.Elapsed, .Action, .Package] | @tsv' <<<"$events" |
  sort -t$'\t' -k1,1 -g -r |
  awk -F'\t' '{ printf "%8.2f  %-4s %s\n", $1, $2, $3; total += $1 } END { printf "%8.2f  sum of packages\n", total }'
