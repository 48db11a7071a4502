#!/usr/bin/env bash
# Measures how fast `secretsmith --version` starts, next to `gum --version`
# (the bar issue 5 sets), with hyperfine. Both are release-style builds:
# -trimpath and -s -w, like goreleaser makes.
#
#   bench/startup.sh            # installs hyperfine (apt) and gum (go install) if missing
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/usr/local/go/bin:$PATH"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if ! command -v hyperfine >/dev/null; then
  echo "installing hyperfine" >&2
  (apt-get update -qq && apt-get install -y -qq hyperfine) >/dev/null || { echo "cannot install hyperfine" >&2; exit 1; }
fi
GOBIN="$work" go install -trimpath -ldflags='-s -w' github.com/charmbracelet/gum@v0.17.0
go build -trimpath -ldflags='-s -w -X main.version=bench' -o "$work/secretsmith" .

"$work/secretsmith" --version
"$work/gum" --version
hyperfine --warmup 20 --runs 300 -N --export-markdown "$work/startup.md" \
  "$work/secretsmith --version" "$work/gum --version"
sed "s|$work/||g" "$work/startup.md"
