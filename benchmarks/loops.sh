#!/usr/bin/env bash
# benchmarks/run.sh loops — several loops against one:
#   loops.cpu.*       the CPU-bound sweep (10 ms per request) on one loop and on two: where each
#                     sweep finds its knee, and their ratio;
#   loops.hello.*     hello-world requests per second (wrk, one thread, 50 keep-alive connections)
#                     for the loop server on one loop, on two, and Kestrel with both cores, each
#                     server alone on the machine (nothing pinned: the two loops need both cores);
#   loops.designs.*   the same 150 requests/s of 10 ms compute under four application designs
#                     (on the loop, offloaded to the thread pool, sent to the process pool, on two
#                     loops): achieved throughput, latency p99, loop waiting p99 and utilization,
#                     and the process pool's workers' memory.
# Needs wrk and python3 (Debian's).
set -euo pipefail
cd "$(dirname "$0")/.."
. benchmarks/common.sh

command -v wrk >/dev/null 2>&1 || { apt-get update -qq >/dev/null; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
duration="${BENCH_SECONDS:-10}"
out="$(mktemp -d)"
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill -- "-$server_pid" 2>/dev/null || true
  rm -rf "$out"
}
trap cleanup EXIT

dotnet build server/Dashboard.Server -c Release -nologo -clp:ErrorsOnly >/dev/null
dotnet build benchmarks/Dashboard.Benchmarks -c Release -nologo -clp:ErrorsOnly >/dev/null
host="server/Dashboard.Server/bin/Release/net10.0/Dashboard.Server.dll"
bench="benchmarks/Dashboard.Benchmarks/bin/Release/net10.0/Dashboard.Benchmarks.dll"

knee() { # scenario -> knee rate (or "none")
  local dir="$out/$(basename "$1" .json)"
  mkdir -p "$dir"
  dotnet "$host" run "$1" --out "$dir" >"$dir/console.txt" 2>&1 || { cat "$dir/console.txt" >&2; exit 1; }
  python3 - "$dir" <<'PY'
import glob, json, sys
report = json.load(open([f for f in glob.glob(sys.argv[1] + "/*.json") if not f.endswith(".trace.json")][0]))
print(report["run"]["sweep"].get("kneeRate") or "none")
PY
}

knee1=$(knee benchmarks/scenarios/sweep-knee.json)
knee2=$(knee benchmarks/scenarios/sweep-knee-2-loops.json)

design() { # key -> "loops.designs.KEY.FIGURE = VALUE" lines, from a headless run of designs-KEY.json
  local dir="$out/designs-$1"
  mkdir -p "$dir"
  dotnet "$host" run "benchmarks/scenarios/designs-${1//_/-}.json" --out "$dir" >"$dir/console.txt" 2>&1 || true
  python3 - "$dir" "$1" <<'PY'
import glob, json, sys
files = [f for f in glob.glob(sys.argv[1] + "/*.json") if not f.endswith(".trace.json")]
if not files:
    sys.exit(open(sys.argv[1] + "/console.txt").read())
run = json.load(open(files[0]))["run"]
key, prefix = run["key"], "loops.designs." + sys.argv[2]
print(f"{prefix}.throughput_rps = {key['throughputPerSecond']:.1f}")
print(f"{prefix}.latency_p99_ms = {key['latencyP99Ms']:.1f}")
print(f"{prefix}.waiting_p99_ms = {key['waitingP99Ms']:.2f}")
print(f"{prefix}.utilization = {key['loopUtilization']:.2f}")
if run.get("processPool"):
    pool = run["processPool"]
    print(f"{prefix}.workers_mb = {pool['workersMemoryBytes'] / 1048576:.1f}")
    print(f"{prefix}.hop_send_return_ms = {pool['sendMeanMs'] + pool['returnMeanMs']:.2f}")
PY
}

designs=""
for key in loop thread_pool process_pool two_loops; do
  designs+="$(design "$key")"$'\n'
done


rps() { # port command... -> requests/sec of the server started by the command
  setsid "${@:2}" >/dev/null 2>&1 &
  server_pid=$!
  wait_for "$1"
  wrk -t1 -c50 -d2s "http://127.0.0.1:$1/" >/dev/null # warm-up
  wrk -t1 -c50 -d"${duration}s" "http://127.0.0.1:$1/" | awk '/Requests\/sec/ {print $2}'
  kill -- "-$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
}

hello1=$(rps 18091 dotnet "$bench" loop-server-host 18091 1)
hello2=$(rps 18092 dotnet "$bench" loop-server-host 18092 2)
kestrel=$(rps 18093 dotnet "$bench" kestrel-host 18093)

echo "loops.cpu.knee_1_loop = ${knee1}"
echo "loops.cpu.knee_2_loops = ${knee2}"
if [ "$knee1" != none ] && [ "$knee2" != none ]; then
  awk -v a="$knee2" -v b="$knee1" 'BEGIN { printf "loops.cpu.knee_ratio = %.2f\n", a / b }'
else
  echo "loops.cpu.knee_ratio = none"
fi
echo "loops.hello.loop_1_rps = ${hello1}"
echo "loops.hello.loops_2_rps = ${hello2}"
echo "loops.hello.kestrel_2_cores_rps = ${kestrel}"
awk -v a="$hello2" -v b="$hello1" 'BEGIN { printf "loops.hello.ratio_1_loop = %.2f\n", a / b }'
awk -v a="$hello2" -v b="$kestrel" 'BEGIN { printf "loops.hello.ratio_kestrel = %.2f\n", a / b }'
printf '%s' "$designs"
