#!/usr/bin/env bash
# benchmarks/run.sh agents — load from agents against the embedded loop server's hello route:
# one agent alone, then two agents with the same connections in total (50), each an open-model
# run at a rate beyond what this machine serves (AGENTS_RATE, 30,000/s), so the rate achieved is
# the capacity of the whole arrangement. Prints:
#   agents.one.rate_rps, agents.two.rate_rps, agents.two_vs_one.rate_ratio
#   agents.lateness_p99_ms.max       the worst agent's send lateness p99 in the two-agent run
#   agents.coordinator.cpu_pct.one / .two / agents.coordinator.cpu_pct
#                                    the dashboard process's CPU (percent of one core) during each
#                                    run: it serves the load and merges the agents' intervals
# On a two-core machine the agents, the broker and the loop server share the same cores: the
# ratio shows the arrangement's overhead, not scale (on separate machines each agent adds its own).
# Needs nats-server (Debian's), curl and python3.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v nats-server >/dev/null 2>&1 || [ -x /usr/sbin/nats-server ] || { apt-get update -qq >/dev/null; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nats-server >/dev/null; }
nats_server=$(command -v nats-server || echo /usr/sbin/nats-server)
seconds="${BENCH_SECONDS:-10}"
rate="${AGENTS_RATE:-30000}"
out="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$out"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

dotnet build server/Dashboard.Server -c Release -nologo -clp:ErrorsOnly >/dev/null
host="server/Dashboard.Server/bin/Release/net10.0/Dashboard.Server.dll"
token="bench-$(date +%s%N)"
nats_port=$(free_port)
web_port=$(free_port)
loop_port=$(free_port)

"$nats_server" -a 127.0.0.1 -p "$nats_port" --auth "$token" >"$out/nats.log" 2>&1 &
pids+=($!)
Distributed__Token="$token" dotnet "$host" --urls "http://127.0.0.1:$web_port" --LoopServer:Port "$loop_port" \
  --Storage:DataDirectory "$out/data" --Distributed:Nats "nats://127.0.0.1:$nats_port" >"$out/dashboard.log" 2>&1 &
dashboard=$!
pids+=("$dashboard")
for name in one two; do
  Distributed__Token="$token" dotnet "$host" agent --nats "nats://127.0.0.1:$nats_port" --name "$name" \
    --allow "http://127.0.0.1:$loop_port" >"$out/agent-$name.log" 2>&1 &
  pids+=($!)
done

api="http://127.0.0.1:$web_port"
for _ in $(seq 1 300); do
  live=$(curl -sf "$api/api/agents" | python3 -c 'import json,sys; print(sum(1 for a in json.load(sys.stdin)["agents"] if a["state"]=="live" and a["clockOffsetMs"] is not None))' 2>/dev/null || echo 0)
  [ "$live" = 2 ] && break
  sleep 0.2
done
[ "$live" = 2 ] || { echo "the two agents did not join" >&2; cat "$out"/*.log >&2; exit 1; }

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

run() { # agents -> "RATE LATENESS_P99_MAX CPU_PCT INTERVALS"
  local body id before after start end
  body=$(printf '{"name":"agents-bench-%s","target":{"workload":"hello"},"agents":%s,"agentSplit":"even","warmUp":"2s","phases":[{"inject":{"rate":%s,"during":"%ss"}}],"connections":50,"maxInFlight":5000}' "$1" "$1" "$rate" "$seconds")
  id=$(curl -sf -X POST "$api/api/runs" -H 'content-type: application/json' -d "$body" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
  before=$(cpu_ticks "$dashboard"); start=$(date +%s.%N)
  for _ in $(seq 1 $(( (seconds + 60) * 5 ))); do
    curl -sf "$api/api/runs/$id" | python3 -c 'import json,sys; sys.exit(0 if json.load(sys.stdin)["run"]["status"] != "Running" else 1)' && break
    sleep 0.2
  done
  after=$(cpu_ticks "$dashboard"); end=$(date +%s.%N)
  curl -sf "$api/api/runs/$id" >"$out/run-$1.json"
  python3 - "$out/run-$1.json" "$before" "$after" "$start" "$end" <<'PY'
import json, sys
detail = json.load(open(sys.argv[1]))
run, summary = detail["run"], detail.get("summary") or {}
cpu = (int(sys.argv[3]) - int(sys.argv[2])) / 100.0 / (float(sys.argv[5]) - float(sys.argv[4])) * 100
lateness = max((a.get("sendLatenessP99Ms") or 0) for a in run["agents"])
print("%.0f %.1f %.1f %d %s" % (run["key"]["throughputPerSecond"], lateness, cpu, summary.get("intervals", 0), run["status"]))
PY
}

read -r one_rate one_lateness one_cpu one_intervals one_status <<<"$(run 1)"
read -r two_rate two_lateness two_cpu two_intervals two_status <<<"$(run 2)"
echo "one agent: $one_status, $one_intervals intervals; two agents: $two_status, $two_intervals intervals" >&2

echo "agents.one.rate_rps = $one_rate"
echo "agents.two.rate_rps = $two_rate"
awk -v a="$two_rate" -v b="$one_rate" 'BEGIN { printf "agents.two_vs_one.rate_ratio = %.2f\n", a / b }'
echo "agents.lateness_p99_ms.one = $one_lateness"
echo "agents.lateness_p99_ms.max = $two_lateness"
echo "agents.coordinator.cpu_pct.one = $one_cpu"
echo "agents.coordinator.cpu_pct.two = $two_cpu"
echo "agents.coordinator.cpu_pct = $two_cpu"
