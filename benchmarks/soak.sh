#!/usr/bin/env bash
# benchmarks/run.sh soak: the dashboard host started by the README's command, an io-bound run at
# SOAK_RATE requests/s (10,000) for SOAK_SECONDS (600) with five hub subscribers attached; the
# host's resident memory, its GC pauses (EventPipe), dropped snapshots, and the stored run's reports.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${SOAK_SECONDS:-600}"
rate="${SOAK_RATE:-10000}"
port=18095
loop_port=18094
dotnet build benchmarks/Dashboard.Benchmarks -c Release -nologo -clp:ErrorsOnly >/dev/null
dotnet build server/Dashboard.Server -nologo -clp:ErrorsOnly >/dev/null
bench="benchmarks/Dashboard.Benchmarks/bin/Release/net10.0/Dashboard.Benchmarks.dll"

data=$(mktemp -d)
setsid dotnet run --no-build --project server/Dashboard.Server -- \
  --urls "http://127.0.0.1:$port" --LoopServer:Port "$loop_port" --Storage:DataDirectory "$data" "$@" >/dev/null 2>&1 &
group=$!
trap 'kill -- "-$group" 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 1 300); do curl -sf -o /dev/null "http://127.0.0.1:$port/health" && break; sleep 0.2; done
# The host itself, not "dotnet run" that started it.
host=$(pgrep -f -- "--LoopServer:Port $loop_port" | while read -r p; do
  grep -qa -- "Dashboard.Server" "/proc/$p/cmdline" && ! tr '\0' ' ' <"/proc/$p/cmdline" | grep -q " run " && echo "$p"; done | head -1)
[ -n "$host" ] || { echo "the dashboard host did not start" >&2; exit 1; }

dotnet "$bench" soak "http://127.0.0.1:$port" "$host" "$seconds" "$rate"
