#!/usr/bin/env bash
# benchmarks/run.sh ui — what live viewers cost the host: the Loop page here, then the live run
# page (benchmarks/ui-live.py says what it prints). UI_PAGES="loop" or "live" runs one of them.
#
# The Loop page: what live viewers of it cost the host. The host runs on core 0
# and headless chromium on core 1 (taskset, when there is one), so the browser's own rendering is
# not counted. With 0, 1, 10 and 20 tabs open on /loop (each its own Blazor circuit), the host's CPU
# is read from /proc/PID/stat over a UI_WINDOW-second window (15 by default) after the tabs settle.
# Prints
#   ui.loop.viewers0.cpu_pct      the host with no viewer: the baseline, percent of one core
#   ui.loop.viewersN.cpu_pct      extra percent of one core over no viewer, N = 1, 10, 20
#   ui.circuit_kb                 the host's live heap per open tab ((20 tabs - none) / 20)
#   ui.closed_kb                  live heap left per tab once all 20 were closed and their
#                                 circuits' retention (5 s here) ran out: what closed tabs cost
#   ui.circuits_after_close       circuits still in the heap then (0: closed tabs leave nothing).
#                                 Blazor drops a disconnected circuit on its cache's first expiry
#                                 scan after the retention (scans run once a minute), so this reads
#                                 UI_CLOSE_WAIT (75) seconds after the tabs closed.
# The live heap is read after a full GC by dotnet-gcdump (installed under artifacts/tools), not
# from the resident size, which the GC keeps after the objects are gone. The host first serves 20
# tabs for 30 s, so its page and circuit code is compiled before any window.
# Needs Debian's chromium (scripts/install-test-deps.sh installs it) and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /usr/bin/chromium ] || bash scripts/install-test-deps.sh
dotnet build server/Dashboard.Server -c Release -nologo -clp:ErrorsOnly >/dev/null
[ -x artifacts/tools/dotnet-gcdump ] || dotnet tool install dotnet-gcdump --tool-path artifacts/tools --version 10.0.750501 >/dev/null
pages=" ${UI_PAGES:-loop live} "
if [[ "$pages" == *" loop "* ]]; then
python3 - "${UI_WINDOW:-15}" <<'PY'
import json, os, re, shutil, subprocess, sys, tempfile, time, urllib.request
sys.path.insert(0, "benchmarks")
from uibench import TICK, cpu_ticks, free_port, pin, start_chromium, stop, wait_for

window = float(sys.argv[1])
work = tempfile.mkdtemp(prefix="ui-bench-")


def cpu_seconds(pid):
    return cpu_ticks(f"/proc/{pid}/stat") / TICK


def heap_kb(pid):
    """The live heap after a full GC (dotnet-gcdump collects one to walk the heap), and the circuits in it."""
    dump = os.path.join(work, "heap.gcdump")
    subprocess.run(["artifacts/tools/dotnet-gcdump", "collect", "-p", str(pid), "-o", dump],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    report = subprocess.run(["artifacts/tools/dotnet-gcdump", "report", dump], check=True, capture_output=True, text=True).stdout
    os.remove(dump)
    heap = circuits = None
    for line in report.splitlines():
        if line.strip().endswith("GC Heap bytes"):
            heap = int(line.split()[0].replace(",", "")) / 1024
        if re.search(r"\sMicrosoft\.AspNetCore\.Components\.Server\.Circuits\.CircuitHost\s+\[", line):
            circuits = int(line.split()[1].replace(",", ""))
    if heap is not None:
        return heap, circuits or 0
    raise SystemExit("dotnet-gcdump report named no heap size:\n" + report[:500])


def cpu_pct(pid):
    before, started = cpu_seconds(pid), time.monotonic()
    time.sleep(window)
    return 100 * (cpu_seconds(pid) - before) / (time.monotonic() - started)


host_port, debug_port = free_port(), free_port()
base = f"http://127.0.0.1:{host_port}"
host = subprocess.Popen(pin(0) + ["dotnet", "server/Dashboard.Server/bin/Release/net10.0/Dashboard.Server.dll",
                        "--urls", base, "--LoopServer:Port", "0", "--Storage:DataDirectory", os.path.join(work, "data"),
                        "--DashboardUi:DisconnectedCircuitRetention", "00:00:05"],
                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
browser = None
try:
    wait_for(base + "/health")
    browser = start_chromium(debug_port, os.path.join(work, "chromium"))
    tabs = []

    def open_tabs(count):
        while len(tabs) < count:
            request = urllib.request.Request(f"http://127.0.0.1:{debug_port}/json/new?{base}/loop", method="PUT")
            tabs.append(json.loads(urllib.request.urlopen(request, timeout=10).read())["id"])
        time.sleep(5)  # every circuit up and rendering

    def close_tabs():
        for tab in tabs:
            urllib.request.urlopen(f"http://127.0.0.1:{debug_port}/json/close/{tab}", timeout=10).read()
        tabs.clear()
        # Past the disconnected circuits' retention (5 s here), and past the next expiry scan of
        # Blazor's cache of them (once a minute): measured, they are all gone by then.
        time.sleep(float(os.environ.get("UI_CLOSE_WAIT", "75")))

    # Warm-up: the host compiles its page and circuit code on the first viewers, not in a window.
    open_tabs(20)
    time.sleep(30)
    close_tabs()
    baseline_heap, _ = heap_kb(host.pid)
    figures = {}
    baseline = cpu_pct(host.pid)
    print(f"  no viewer: {baseline:.2f} % of a core", file=sys.stderr, flush=True)
    for viewers in (1, 10, 20):
        open_tabs(viewers)
        figures[viewers] = cpu_pct(host.pid)
        print(f"  {viewers} viewers: {figures[viewers]:.2f} % of a core", file=sys.stderr, flush=True)
    open_heap, open_circuits = heap_kb(host.pid)

    close_tabs()
    closed_heap, closed_circuits = heap_kb(host.pid)
    print(f"  circuits in the heap: {open_circuits} with 20 tabs open, {closed_circuits} once they were closed", file=sys.stderr, flush=True)

    print(f"ui.loop.viewers0.cpu_pct = {baseline:.2f}")
    for viewers, pct in figures.items():
        print(f"ui.loop.viewers{viewers}.cpu_pct = {pct - baseline:.2f}")
    print(f"ui.circuit_kb = {(open_heap - baseline_heap) / 20:.0f}")
    print(f"ui.closed_kb = {(closed_heap - baseline_heap) / 20:.0f}")
    print(f"ui.circuits_after_close = {closed_circuits}")
finally:
    stop(browser, host)
    shutil.rmtree(work, ignore_errors=True)
PY
fi

if [[ "$pages" == *" live "* ]]; then
    # Playwright's node and package for the timings come with the Browser tests' build.
    dotnet build tests/Dashboard.Browser.Tests -c Release -nologo -clp:ErrorsOnly >/dev/null
    python3 benchmarks/ui-live.py
fi
