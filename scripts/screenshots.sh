#!/usr/bin/env bash
# Takes the README's screenshots again from a real dashboard: docs/live-run.png (the blocker
# scenario's live page, a dozen seconds in) and docs/compare.png (io-bound, the best case,
# against blocker). Starts its own host on a loopback port with a throw-away history, and
# stops it by its process id. Takes about a minute; uses the browser tests' Playwright driver
# and Debian's chromium, so run `bash scripts/test.sh Browser` (or its build) once first.
#
#   bash scripts/screenshots.sh
set -euo pipefail
cd "$(dirname "$0")/.."

port=${SCREENSHOT_PORT:-5193}
base="http://127.0.0.1:$port"
data=$(mktemp -d)
playwright=tests/Dashboard.Browser.Tests/bin/Release/net10.0/.playwright
node="$playwright/node/linux-x64/node"

dotnet build server/Dashboard.Server -c Release -nologo -v quiet >/dev/null
if [ ! -x "$node" ]; then
  dotnet build tests/Dashboard.Browser.Tests -c Release -nologo -v quiet >/dev/null
fi

dotnet server/Dashboard.Server/bin/Release/net10.0/Dashboard.Server.dll \
  --urls "$base" --LoopServer:Port 0 --Storage:DataDirectory "$data" >"$data/host.log" 2>&1 &
host=$!
trap 'kill "$host" 2>/dev/null || true; wait "$host" 2>/dev/null || true; rm -rf "$data"' EXIT

for _ in $(seq 1 100); do
  curl -fs "$base/health" >/dev/null 2>&1 && break
  sleep 0.2
done

PLAYWRIGHT_PACKAGE="$PWD/$playwright/package" BASE="$base" OUT="$PWD/docs" "$node" scripts/screenshots.js
echo "docs/live-run.png and docs/compare.png taken from $base"
