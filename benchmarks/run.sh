#!/usr/bin/env bash
# benchmarks/run.sh NAME — installs what NAME needs, runs its comparison in one go, and ends by
# printing one line per figure: NAME.FIGURE = VALUE (ratios as plain numbers).
set -euo pipefail
cd "$(dirname "$0")/.."
name="${1:-}"

# Pin to one core when possible so "per core" figures mean what they say.
pin() { if command -v taskset >/dev/null 2>&1; then taskset -c "$1" "${@:2}"; else "${@:2}"; fi; }

case "$name" in
  loop)
    dotnet build benchmarks/Dashboard.Benchmarks -c Release -nologo -clp:ErrorsOnly >/dev/null
    pin 1 dotnet benchmarks/Dashboard.Benchmarks/bin/Release/net10.0/Dashboard.Benchmarks.dll loop "${@:2}"
    ;;
  server)
    bash benchmarks/server.sh
    ;;
  load)
    bash benchmarks/load.sh
    ;;
  fidelity)
    # The loop on its own core; the arrival generator spins on the other.
    dotnet build benchmarks/Dashboard.Benchmarks -c Release -nologo -clp:ErrorsOnly >/dev/null
    dotnet benchmarks/Dashboard.Benchmarks/bin/Release/net10.0/Dashboard.Benchmarks.dll fidelity "${@:2}"
    ;;
  sweep)
    bash benchmarks/sweep.sh
    ;;
  catalog)
    bash benchmarks/catalog.sh
    ;;
  loops)
    bash benchmarks/loops.sh
    ;;
  soak)
    bash benchmarks/soak.sh
    ;;
  ui)
    bash benchmarks/ui.sh
    ;;
  agents)
    bash benchmarks/agents.sh
    ;;
  fuzz)
    # Mutated HTTP requests against a running loop server, mutated scenario and workload documents
    # against their validators: fuzz.*.crashes must be 0 (the process exits 1 otherwise).
    dotnet build benchmarks/Dashboard.Benchmarks -c Release -nologo -clp:ErrorsOnly >/dev/null
    dotnet benchmarks/Dashboard.Benchmarks/bin/Release/net10.0/Dashboard.Benchmarks.dll fuzz "${@:2}"
    ;;
  *)
    echo "usage: benchmarks/run.sh NAME   (NAME = loop | server | load | soak | fidelity | sweep | catalog | loops | ui | agents | fuzz)" >&2
    exit 2
    ;;
esac
