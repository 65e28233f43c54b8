#!/usr/bin/env bash
# benchmarks/run.sh server: hello-world requests per second (keep-alive, 50 connections) for the
# loop server (accounting on), a minimal Kestrel app restricted to one core, and aiohttp on uvloop;
# the dashboard host with its metrics exported and scraped against metrics off; our histogram's
# record against HdrHistogram's.
# Each server is pinned to core 0 and wrk (one thread) to core 1, one server at a time.
set -euo pipefail
cd "$(dirname "$0")/.."
. benchmarks/common.sh

need=()
command -v wrk >/dev/null 2>&1 || need+=(wrk)
python3 -c 'import aiohttp, uvloop' >/dev/null 2>&1 || need+=(python3-aiohttp python3-uvloop)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
# Debian's python3 packages live under /usr/bin/python3 (not a pyenv shim).
py=/usr/bin/python3

duration="${BENCH_SECONDS:-10}"
connections=50
dotnet build benchmarks/Dashboard.Benchmarks -c Release -nologo -clp:ErrorsOnly >/dev/null
bench="benchmarks/Dashboard.Benchmarks/bin/Release/net10.0/Dashboard.Benchmarks.dll"


measure() { # port [path] [connections] -> requests/sec
  local url="http://127.0.0.1:$1${2:-/}" c="${3:-$connections}"
  taskset -c 1 wrk -t1 -c"$c" -d2s "$url" >/dev/null # warm-up
  taskset -c 1 wrk -t1 -c"$c" -d"${duration}s" "$url" | awk '/Requests\/sec/ {print $2}'
}

# A server in a session of its own, so stopping it stops every process it started (dotnet run's child).
start_server() { # port command... -> sets server_pid
  taskset -c 0 setsid "${@:2}" >/dev/null 2>&1 &
  server_pid=$!
  wait_for "$1"
}

stop_server() {
  kill -- "-$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
}

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; } # utime + stime, USER_HZ (100/s)

measure_cpu() { # pid port -> "requests/sec µs-of-that-process's-CPU-per-request"
  local url="http://127.0.0.1:$2/" before after out
  taskset -c 1 wrk -t1 -c"$connections" -d2s "$url" >/dev/null # warm-up
  before=$(cpu_ticks "$1")
  out=$(taskset -c 1 wrk -t1 -c"$connections" -d"${duration}s" "$url")
  after=$(cpu_ticks "$1")
  # CPU per request tells what a server costs apart from what one wrk thread can drive.
  awk -v ticks=$((after - before)) '/requests in/ { n = $1 } /Requests\/sec/ { r = $2 } END { printf "%s %.1f\n", r, ticks * 10000 / n }' <<<"$out"
}

run_one() { # name port command... -> "requests/sec µs-per-request"
  start_server "$2" "${@:3}"
  measure_cpu "$server_pid" "$2"
  stop_server
}

read -r loop_rps loop_us <<<"$(run_one loop 18081 dotnet "$bench" loop-server-host 18081)"
# The loop server as users get it: the dashboard host started by the README's command (its
# configuration, its hub, pages and telemetry up), all of it pinned to the same core.
dotnet build server/Dashboard.Server -nologo -clp:ErrorsOnly >/dev/null
start_host() { # extra host arguments... -> sets server_pid, host_pid, host_data
  host_data=$(mktemp -d)
  start_server 18084 dotnet run --no-build --project server/Dashboard.Server -- \
    --urls http://127.0.0.1:18085 --LoopServer:Port 18084 --Storage:DataDirectory "$host_data" "$@"
  # The host itself, not "dotnet run" that started it.
  host_pid=$(pgrep -f -- "--LoopServer:Port 18084" | while read -r p; do
    grep -qa -- "Dashboard.Server" "/proc/$p/cmdline" && ! tr '\0' ' ' <"/proc/$p/cmdline" | grep -q " run " && echo "$p"; done | head -1)
}
stop_host() { stop_server; rm -rf "$host_data"; }

# Telemetry's cost: the same host with every meter exported and Prometheus scraping /metrics
# every second, against the host with metrics off (Telemetry:Metrics false: no exporter, the
# instruments not even enabled) polled as often at /health/live. Both arms have the same poller
# (one process on wrk's core): on this 2-core VM any request a second to the host costs a few
# percent of the rate, and that is not the metrics' cost. The rate wanders by 5-10 % from one host
# start to the next, so each arm runs three times; the figure is the ratio of their medians.
host_hello_rps() { # polled path, extra host arguments... -> "requests/sec µs-of-host-CPU-per-request"
  start_host "${@:2}"
  taskset -c 1 "$py" -c '
import sys, time, urllib.request
while True:
    time.sleep(1)
    try:
        urllib.request.urlopen("http://127.0.0.1:18085" + sys.argv[1], timeout=5).read()
    except Exception:
        pass
' "$1" &
  local poller=$!
  read -r rps us <<<"$(measure_cpu "$host_pid" 18084)"
  kill "$poller" 2>/dev/null || true; wait "$poller" 2>/dev/null || true
  stop_host
  echo "$rps $us"
}
metrics_off=(); metrics_on=(); metrics_off_us=(); metrics_on_us=()
# Off and on in the order off on on off off on: a later host start on this VM tends to run slower,
# and the order spreads that over both arms.
for arm in off on on off off on; do
  if [ "$arm" = off ]; then
    read -r rps us <<<"$(host_hello_rps /health/live --Telemetry:Metrics false)"
    metrics_off+=("$rps"); metrics_off_us+=("$us")
  else
    read -r rps us <<<"$(host_hello_rps /metrics)"
    metrics_on+=("$rps"); metrics_on_us+=("$us")
  fi
done

start_host
read -r host_rps host_us <<<"$(measure_cpu "$host_pid" 18084)"
# The io-bound catalog workload (0.4 ms of compute around a 50 ms sleep): enough connections that
# the loop, not the sleeps, limits the rate (2,500/s at most if its compute were all it cost).
io_bound_rps=$(measure 18084 /w/io-bound 250)
stop_host
read -r kestrel_rps kestrel_us <<<"$(DOTNET_PROCESSOR_COUNT=1 run_one kestrel 18082 dotnet "$bench" kestrel-host 18082)"
read -r aiohttp_rps aiohttp_us <<<"$(run_one aiohttp 18083 "$py" benchmarks/peers/aiohttp_hello.py 18083)"
# The hot path of every request: recording a latency, our histogram against HdrHistogram's.
histogram_lines=$(taskset -c 1 dotnet "$bench" histogram)

echo "server.loop_rps = ${loop_rps}"
echo "server.host_loop_rps = ${host_rps}"
echo "server.io_bound_rps = ${io_bound_rps}"
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
echo "server.host_metrics_off_rps = $(median "${metrics_off[@]}")"
echo "server.host_metrics_on_scraped_rps = $(median "${metrics_on[@]}")"
awk -v a="$(median "${metrics_on[@]}")" -v b="$(median "${metrics_off[@]}")" 'BEGIN { printf "server.metrics_on_vs_off = %.3f\n", a / b }'
# The same in host CPU per request (on over off; above 1 is the meters' and the scrape's cost).
awk -v a="$(median "${metrics_on_us[@]}")" -v b="$(median "${metrics_off_us[@]}")" 'BEGIN { printf "server.metrics_cpu_per_request_on_vs_off = %.3f\n", a / b }'
echo "server.kestrel_1core_rps = ${kestrel_rps}"
echo "server.aiohttp_uvloop_rps = ${aiohttp_rps}"
echo "server.loop_cpu_us_per_request = ${loop_us}"
echo "server.host_loop_cpu_us_per_request = ${host_us}"
echo "server.kestrel_cpu_us_per_request = ${kestrel_us}"
echo "server.aiohttp_cpu_us_per_request = ${aiohttp_us}"
awk -v a="$loop_rps" -v b="$kestrel_rps" 'BEGIN { printf "server.loop_vs_kestrel_1core = %.2f\n", a / b }'
awk -v a="$loop_rps" -v b="$aiohttp_rps" 'BEGIN { printf "server.loop_vs_aiohttp_uvloop = %.2f\n", a / b }'
awk -v a="$host_rps" -v b="$kestrel_rps" 'BEGIN { printf "server.host_loop_vs_kestrel_1core = %.2f\n", a / b }'
awk -v a="$host_rps" -v b="$aiohttp_rps" 'BEGIN { printf "server.host_loop_vs_aiohttp_uvloop = %.2f\n", a / b }'
# Requests per CPU second, ours over theirs: the comparison wrk's own ceiling does not cap.
awk -v a="$aiohttp_us" -v b="$loop_us" 'BEGIN { printf "server.loop_vs_aiohttp_uvloop_per_cpu = %.2f\n", a / b }'
awk -v a="$kestrel_us" -v b="$loop_us" 'BEGIN { printf "server.loop_vs_kestrel_1core_per_cpu = %.2f\n", a / b }'
echo "$histogram_lines"
