#!/usr/bin/env bash
# End-to-end test of the wizard in a real terminal: builds secretsmith (or
# takes the program in $SECRETSMITH), runs it in a detached tmux session of
# 100x30, answers every step with tmux send-keys (a new secret with hosted
# rotation, written as CloudFormation), then checks that the template was
# written, that 'secretsmith generate' makes the same template from the
# design file the wizard saved beside it, that standard output stayed
# empty, and that the program exited 0.
#
# Run it from the repository root: bash testdata/e2e/wizard.sh
# e2e_test.go runs it as part of go test ./...
#
# Every key is sent only after the screen shows what it answers: wait_for
# polls tmux capture-pane until the exact text appears, up to
# SECRETSMITH_E2E_WAIT seconds per wait (default 10; go test passes what
# is left of its own deadline), so a slow machine only makes the test
# slower. On failure it prints the screen.
set -euo pipefail
cd "$(dirname "$0")/../.."

command -v tmux >/dev/null || { echo "wizard.sh: tmux is not installed (apt-get install tmux)" >&2; exit 1; }

wait_secs="${SECRETSMITH_E2E_WAIT:-10}"
tmp="$(mktemp -d "${TMPDIR:-/tmp}/secretsmith-e2e.XXXXXX")"
sock="$tmp/tmux.sock" # a private tmux server: nothing else is touched
session=wizard

cleanup() {
  tmux -S "$sock" kill-server 2>/dev/null || true
  if [ "${KEEP_E2E_TMP:-}" = 1 ]; then
    echo "wizard.sh: kept $tmp" >&2
  else
    rm -rf "$tmp"
  fi
}
trap cleanup EXIT
# A signal ends the script through exit, so the EXIT trap still runs.
trap 'exit 143' TERM
trap 'exit 130' INT

fail() {
  echo "wizard.sh: FAIL: $*" >&2
  if tmux -S "$sock" has-session -t "$session" 2>/dev/null; then
    echo "--- screen ---" >&2
    tmux -S "$sock" capture-pane -p -t "$session" >&2 || true
    echo "--------------" >&2
  fi
  if [ -s "$tmp/stderr-tail" ]; then cat "$tmp/stderr-tail" >&2; fi
  exit 1
}

screen() { tmux -S "$sock" capture-pane -p -t "$session" 2>/dev/null; }

# wait_for TEXT: poll the screen until it shows TEXT (a fixed string).
wait_for() {
  local text=$1 deadline=$((SECONDS + wait_secs))
  while :; do
    if screen | grep -qF -- "$text"; then
      return 0
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      fail "waited ${wait_secs}s for the screen to show: $text"
    fi
    sleep 0.1
  done
}

# keys KEY...: send named tmux keys (Enter, Tab, Down, Escape, Space...).
keys() { tmux -S "$sock" send-keys -t "$session" "$@"; }
# type_text TEXT: send TEXT literally.
type_text() { tmux -S "$sock" send-keys -t "$session" -l -- "$1"; }

# go test passes the program in SECRETSMITH (its test binary stands in for
# it); run by hand, the script builds it.
if [ -n "${SECRETSMITH:-}" ]; then
  cp "$SECRETSMITH" "$tmp/secretsmith"
else
  echo "wizard.sh: building secretsmith"
  go build -o "$tmp/secretsmith" .
fi

home="$tmp/home"
state="$tmp/state"
out="$tmp/out/prod-db.cfn.yaml"
mkdir -p "$home" "$state" "$tmp/out"

# The program's standard output goes to a file (it must stay empty); its
# standard error is the terminal the wizard draws on. The exit code is
# written to rc when it ends.
q() { printf '%q' "$1"; }
cmd="cd $(q "$tmp") && env -u TMUX HOME=$(q "$home") XDG_STATE_HOME=$(q "$state") NO_COLOR=1 LANG=C.UTF-8"
cmd+=" ./secretsmith >stdout; echo \$? >rc.tmp; mv rc.tmp rc"
tmux -S "$sock" -f /dev/null new-session -d -s "$session" -x 100 -y 30 "$cmd"

# Start: design a new secret.
wait_for "Design a new secret"
wait_for "step 1 of 8"
keys Enter

# Secret: Secret Id, eight fields on to "+ Add a tag", one tag row, then
# enter passes over the row buttons to Continue.
wait_for "step 2 of 8"
type_text "prod/db"
wait_for "prod/db"
keys Tab Tab Tab Tab Tab Tab Tab Tab
wait_for "› [ + Add a tag ]"
keys Enter
wait_for "› Tag key"
type_text "owner"
keys Enter
wait_for "›   value"
type_text "payments"
wait_for "payments"
keys Enter

# Encryption: create a dedicated key.
wait_for "step 3 of 8"
keys Enter

# Resource policy: let one role read it.
wait_for "step 4 of 8"
keys Down Enter
wait_for "Statement 1 of 1"
type_text "arn:aws:iam::111122223333:role/app"
wait_for "role/app"
# esc alone: the next key waits for the list, so a terminal cannot read
# esc and tab as alt+tab.
keys Escape
wait_for "enter edits · d deletes"
keys Tab Tab Tab Tab Tab Tab
wait_for "› [ Continue → ]"
keys Enter

# Rotation: on from the start (every 30 days), hosted, PostgreSQL single
# user, in two subnets.
wait_for "step 5 of 8"
wait_for "Rotation function"
keys Tab Tab Tab Tab Tab Tab Down Down Down
wait_for "> (•) PostgreSQL · single user"
# The database it connects to, by host name.
keys Tab Tab
wait_for "› Database host"
type_text "payments.cluster-abc.us-east-1.rds.amazonaws.com"
keys Tab Tab Tab
wait_for "› Database user"
type_text "payments_app"
wait_for "payments_app"
keys Tab Tab Tab
wait_for "› VPC subnets"
type_text "subnet-0abc1234, subnet-0def5678"
keys Tab
wait_for "› Security groups"
type_text "sg-0abc1234"
wait_for "sg-0abc1234"
# An endpoint for Secrets Manager in the VPC.
keys Tab Tab
wait_for "› VPC id"
type_text "vpc-0abc1234"
wait_for "vpc-0abc1234"
keys Enter
# Its CIDR block: the endpoint's private DNS serves the whole VPC.
wait_for "› VPC CIDR"
type_text "10.0.0.0/16"
wait_for "10.0.0.0/16"
keys Enter

# Monitoring: both alerts are on by default; add a mailbox.
wait_for "step 6 of 8"
keys Tab Tab
wait_for "› Alert email"
type_text "ops@example.com"
wait_for "ops@example.com"
keys Enter Enter Enter

# Review: CloudFormation YAML (the default) to $out.
wait_for "step 7 of 8"
wait_for "20 of 20 met"
keys Tab
type_text "$out"
wait_for "prod-db.cfn.yaml"
keys Tab Tab Tab
wait_for "› [ Write the files ]"
keys Enter

# Done: quit.
wait_for "step 8 of 8"
wait_for "aws cloudformation deploy"
keys Enter

deadline=$((SECONDS + wait_secs))
while [ ! -f "$tmp/rc" ]; do
  [ "$SECONDS" -lt "$deadline" ] || fail "the wizard did not exit within ${wait_secs}s of Quit"
  sleep 0.1
done
rc=$(cat "$tmp/rc")
[ "$rc" = 0 ] || fail "the wizard exited $rc, want 0"
[ -s "$out" ] || fail "no template at $out"
[ ! -s "$tmp/stdout" ] || fail "the wizard wrote to standard output: $(head -c 300 "$tmp/stdout")"
design="$tmp/out/prod-db.design.yaml"
[ -s "$design" ] || fail "no design file at $design"
[ ! -e "$state/secretsmith/draft.yaml" ] || fail "the draft was not removed after writing"

"$tmp/secretsmith" generate "$design" --format cloudformation -o "$tmp/regenerated.yaml" >"$tmp/generate.log" 2>&1 ||
  fail "secretsmith generate rejected the saved design: $(cat "$tmp/generate.log")"
cmp "$out" "$tmp/regenerated.yaml" ||
  fail "the wizard's template differs from 'secretsmith generate' of the saved design"
grep -q "PostgreSQLSingleUser" "$out" || fail "the template has no PostgreSQLSingleUser rotation"

echo "wizard.sh: ok (wrote $(wc -c <"$out") bytes, generate made the same)"
