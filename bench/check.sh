#!/usr/bin/env bash
# Times `secretsmith check` against cfn-lint (and `trivy config` when it is
# installed) over the same 200 CloudFormation templates, each tool in one
# run, and prints wall time, peak memory (GNU time's maximum resident set
# size) and the ratios. The templates are the generate golden matrix and the
# scan corpus, copied round-robin under distinct names until there are 200.
#
# Then it runs secretsmith alone over the hostile inputs of issue 21
# (internal/hostile, written by `go run ./internal/hostile/gen`), each on one core
# (GOMAXPROCS=1) with its SARIF report, and prints each one's wall time and
# peak memory against the limits check promises: 10 s and 500 MiB.
#
#   bench/check.sh           # needs cfn-lint on PATH, /usr/bin/time and python3; trivy is optional
#   bench/check.sh hostile   # the hostile inputs only
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/usr/local/go/bin:$PATH"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

[ -x /usr/bin/time ] || { echo "/usr/bin/time (GNU time) is not installed" >&2; exit 1; }
go build -trimpath -ldflags='-s -w -X main.version=bench' -o "$work/secretsmith" .

# hostile runs check over each hostile input, one core, the SARIF report
# discarded, and prints a table row each.
hostile() {
  go run ./internal/hostile/gen "$work/hostile" >"$work/hostile.list"
  echo "Hostile inputs (issue 21), secretsmith check -o sarif, GOMAXPROCS=1; limits 10 s and 500 MiB"
  echo
  # On one core CPU time is the wall time of an idle machine; it is judged
  # against the limit, since wall time grows with the machine's load.
  printf '| input | wall time (s) | CPU time (s) | peak memory (MiB) | notices | within limits |\n|---|---:|---:|---:|---:|---|\n'
  while read -r name arg; do
    local start end secs kib user sys cpu notices ok
    start=$(date +%s%N)
    GOMAXPROCS=1 /usr/bin/time -f '%M %U %S' -o "$work/h.time" "$work/secretsmith" check -o sarif "$arg" >"$work/h.sarif" 2>/dev/null || true
    end=$(date +%s%N)
    secs=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", (b - a) / 1e9 }')
    read -r kib user sys < <(tail -n 1 "$work/h.time")
    cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
    # Notices are the run's tool execution notifications. They are counted
    # in the parsed document: the SARIF writer orders an object's keys by
    # name, so no fixed run of text marks one.
    notices=$(python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
print(sum(len(i.get("toolExecutionNotifications") or []) for r in d.get("runs", []) for i in r.get("invocations") or []))' "$work/h.sarif" 2>/dev/null || echo "?")
    ok=$(awk -v c="$cpu" -v k="$kib" 'BEGIN { print (c < 10 && k < 500 * 1024) ? "yes" : "NO" }')
    printf '| %s | %s | %s | %.1f | %s | %s |\n' "$name" "$secs" "$cpu" "$(awk -v k="$kib" 'BEGIN { print k / 1024 }')" "$notices" "$ok"
  done <"$work/hostile.list"
}
if [ "${1:-}" = hostile ]; then
  hostile
  exit 0
fi

command -v cfn-lint >/dev/null || { echo "cfn-lint is not installed" >&2; exit 1; }

mkdir "$work/templates"
sources=(generate/testdata/golden/*.cfn.yaml generate/testdata/golden/*.cfn.json scan/testdata/cfn/*.yaml scan/testdata/cfn/*.json)
n=0
while [ "$n" -lt 200 ]; do
  for src in "${sources[@]}"; do
    [ "$n" -lt 200 ] || break
    base=$(basename "$src")
    cp "$src" "$work/templates/$(printf '%03d' "$n")-$base"
    n=$((n + 1))
  done
done
count=$(ls "$work/templates" | wc -l)

# measure NAME CMD... runs the command once, output discarded (findings
# make every tool exit non-zero), and records wall seconds (from the
# nanosecond clock, since secretsmith takes well under GNU time's 10 ms
# resolution) and peak KiB. GNU time writes a note before its format line
# when the command exits non-zero, so only the last line is read.
measure() {
  local name=$1
  shift
  local start end
  start=$(date +%s%N)
  /usr/bin/time -f '%M %U %S' -o "$work/$name.time" "$@" >/dev/null 2>&1 || true
  end=$(date +%s%N)
  read -r kib user sys < <(tail -n 1 "$work/$name.time")
  printf '%s %s %s %s\n' "$name" "$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')" \
    "$kib" "$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')" >>"$work/results"
}

load=$(cut -d' ' -f1-3 /proc/loadavg)

# The templates were just written, so the page cache is warm; one run of
# secretsmith first takes its own binary off the disk too.
"$work/secretsmith" check "$work/templates" >/dev/null 2>&1 || true

measure secretsmith "$work/secretsmith" check "$work/templates"
measure cfn-lint cfn-lint "$work"/templates/*
# trivy is found on PATH or where `go install` puts it. Offline: with
# --skip-check-update it does not try to download its checks bundle (without
# the network the download fails and trivy falls back anyway) and uses the
# checks embedded in the binary; --skip-version-check and --disable-telemetry keep it off the
# network too. Its warm-up run must have evaluated the templates (a
# MisconfSummary in its JSON), so a trivy that reads nothing is not timed as
# if it had.
trivy=$(command -v trivy || true)
[ -n "$trivy" ] || [ ! -x "$HOME/go/bin/trivy" ] || trivy=$HOME/go/bin/trivy
if [ -n "$trivy" ]; then
  tflags=(config --quiet --skip-check-update --skip-version-check --disable-telemetry --cache-dir "$work/trivy-cache")
  "$trivy" "${tflags[@]}" --format json --output "$work/trivy.json" "$work/templates" >/dev/null 2>"$work/trivy.err" || true
  if ! grep -q '"MisconfSummary"' "$work/trivy.json" 2>/dev/null; then
    echo "trivy config evaluated no template; its messages:" >&2
    cat "$work/trivy.err" >&2
    exit 1
  fi
  measure trivy "$trivy" "${tflags[@]}" "$work/templates"
fi

# CPU time (user + system) is reported beside wall time because it does
# not depend on how busy the machine is.
echo "$count CloudFormation templates, one run per tool, on $(nproc) cores; load average before: $load"
echo
printf '| tool | wall time (s) | CPU time (s) | peak memory (MiB) | wall vs secretsmith | CPU vs secretsmith |\n|---|---:|---:|---:|---:|---:|\n'
read -r _ ssecs _ scpu < <(grep '^secretsmith ' "$work/results")
while read -r name secs kib cpu; do
  ratio=$(awk -v a="$secs" -v b="$ssecs" 'BEGIN { if (b > 0) printf "%.0fx", a / b; else print "n/a" }')
  cratio=$(awk -v a="$cpu" -v b="$scpu" 'BEGIN { if (b > 0) printf "%.0fx", a / b; else print "n/a" }')
  mib=$(awk -v k="$kib" 'BEGIN { printf "%.1f", k / 1024 }')
  printf '| %s | %s | %s | %s | %s | %s |\n' "$name" "$secs" "$cpu" "$mib" "$ratio" "$cratio"
done <"$work/results"

echo
hostile
