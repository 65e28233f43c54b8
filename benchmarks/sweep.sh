#!/usr/bin/env bash
# benchmarks/run.sh sweep — a headless sweep of a CPU-bound workload; compares the knee it finds
# with the capacity the loop's measured service time implies (1 / S), and prints the best and
# worst case it read. Needs python3 (Debian ships it) to read the run's JSON report.
set -euo pipefail
cd "$(dirname "$0")/.."
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
dotnet build server/Dashboard.Server -c Release -nologo -clp:ErrorsOnly >/dev/null
# The exit code reflects thresholds (none here); a sweep that stops at saturation still exits 0.
dotnet server/Dashboard.Server/bin/Release/net10.0/Dashboard.Server.dll run benchmarks/scenarios/sweep-knee.json --out "$out" >"$out/console.txt" 2>&1 \
  || { cat "$out/console.txt"; exit 1; }
sed -n '/  sweep (/,/worst case/p' "$out/console.txt"
python3 - "$out" <<'PY'
import glob, json, sys
report = json.load(open([f for f in glob.glob(sys.argv[1] + "/*.json") if not f.endswith(".trace.json")][0]))
sweep = report["run"]["sweep"]
steps = [s for s in sweep["steps"] if s["complete"] and s.get("prediction")]
services = sorted(s["prediction"]["serviceMeanMs"] for s in steps)
service = services[len(services) // 2]
capacity = 1000 / service
knee = sweep.get("kneeRate")
worst = sweep.get("worst") or {}
best = sweep.get("best") or {}
print(f"sweep.service_ms = {service:.3f}")
print(f"sweep.capacity_rate = {capacity:.1f}")
print(f"sweep.knee_rate = {knee}")
print(f"sweep.knee_over_capacity = {knee / capacity:.3f}" if knee else "sweep.knee_over_capacity = none")
print(f"sweep.saturation_rate = {worst.get('saturationRate')}")
print(f"sweep.worst_waiting_growth_ms_per_s = {worst.get('waitingGrowthMsPerSecond', 0):.1f}")
print(f"sweep.worst_backlog_growth_per_s = {worst.get('backlogGrowthPerSecond', 0):.1f}")
print(f"sweep.best_rate = {best.get('rate')}")
print(f"sweep.steps = {len(sweep['steps'])} of {sweep['plannedSteps']} ({sweep['status']})")
PY
