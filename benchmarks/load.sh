#!/usr/bin/env bash
# benchmarks/run.sh load: against the same hello-world endpoint (Kestrel, one process pinned to
# core 0) and the same connection count, the load engine's maximum request rate vs wrk's (both
# on core 1, one at a time), and the engine's send lateness (actual − intended) at 10,000/s.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v wrk >/dev/null 2>&1 || { apt-get update -qq >/dev/null; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }

duration="${BENCH_SECONDS:-10}"
connections=50
rate="${BENCH_RATE:-10000}"
port=18092
dotnet build benchmarks/Dashboard.Benchmarks -c Release -nologo -clp:ErrorsOnly >/dev/null
bench="benchmarks/Dashboard.Benchmarks/bin/Release/net10.0/Dashboard.Benchmarks.dll"

# Kestrel as the target: the fastest hello-world server here, so the client is what is measured.
taskset -c 0 dotnet "$bench" kestrel-host "$port" >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -sf -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.1; done

taskset -c 1 wrk -t1 -c"$connections" -d2s "http://127.0.0.1:$port/" >/dev/null
wrk_rps=$(taskset -c 1 wrk -t1 -c"$connections" -d"${duration}s" "http://127.0.0.1:$port/" | awk '/Requests\/sec/ {print $2}')
engine=$(taskset -c 1 dotnet "$bench" load-engine "$port" "$connections" "$duration" "$rate")
engine_rps=$(awk -F' = ' '/load.engine_max_rps/ {print $2}' <<<"$engine")

echo "load.wrk_rps = ${wrk_rps}"
echo "$engine"
awk -v a="$engine_rps" -v b="$wrk_rps" 'BEGIN { printf "load.engine_vs_wrk = %.2f\n", a / b }'
