"""benchmarks/run.sh ui, the live run page: what viewers of /runs/{id} cost the host, and how soon
a viewer sees the run move. A host is started, a run of the hello workload (UI_LIVE_RATE
requests/s, 2,000 by default) is launched through the API, and
  ui.live.first_figure_ms.cold   from navigating to the run's page to the first live change of a
                                 figure, on the host's first page load (nothing compiled yet)
  ui.live.first_figure_ms.warm   the same in a second, fresh browser context
  ui.live.download_kb            what that first visit downloaded over HTTP, compressed, headers
                                 included (the circuit's WebSocket frames are not counted)
  ui.live.viewers0.cpu_pct       the host's CPU with the run going and no tab, percent of one core,
                                 over UI_LIVE_WINDOW seconds (30 by default: shorter windows vary
                                 by several points between runs, more than 20 tabs cost)
  ui.live.viewers20.cpu_pct      the extra with 20 tabs on the run's page (each its own circuit)
The host runs on core 0 and chromium on core 1 (taskset, when there is one), so the tabs' own
drawing is not counted. The host's CPU leaves out the load engine's `load-scheduler` thread,
which spins on whatever its core leaves over (issue 17) and so says nothing of the page. The
rate is one the host keeps up with on its core: a page's cost is per update (two a second),
not per request, and at 10,000 requests/s on this 2-core machine the run alone took 1.7 cores
besides the spinning thread, so the tabs' extra would be read off a starved host. Timings use
Playwright's node and package from the Browser tests' build output.
"""
import json, os, shutil, subprocess, sys, tempfile, time, urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from uibench import TICK, cpu_ticks, free_port, pin, start_chromium, stop, wait_for

window = float(os.environ.get("UI_LIVE_WINDOW", "30"))
tests_bin = "tests/Dashboard.Browser.Tests/bin/Release/net10.0/.playwright"
work = tempfile.mkdtemp(prefix="ui-live-bench-")
RUN = {
    "name": "ui-live-bench",
    "description": "hello at a steady rate while tabs watch its page",
    "target": {"workload": "hello"},
    "phases": [{"inject": {"rate": float(os.environ.get("UI_LIVE_RATE", "2000")), "during": "300s"}}],
    "connections": 200,
}


def scheduler_threads(pid):
    found = []
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            if open(f"/proc/{pid}/task/{tid}/comm").read().strip() == "load-scheduler":
                found.append(tid)
        except OSError:
            pass
    return found


def cpu_pct_without_scheduler(pid):
    threads = scheduler_threads(pid)
    before = cpu_ticks(f"/proc/{pid}/stat") - sum(cpu_ticks(f"/proc/{pid}/task/{t}/stat") for t in threads)
    started = time.monotonic()
    time.sleep(window)
    after = cpu_ticks(f"/proc/{pid}/stat") - sum(cpu_ticks(f"/proc/{pid}/task/{t}/stat") for t in threads)
    return 100 * (after - before) / TICK / (time.monotonic() - started)


host_port, debug_port = free_port(), free_port()
base = f"http://127.0.0.1:{host_port}"
host = subprocess.Popen(pin(0) + ["dotnet", "server/Dashboard.Server/bin/Release/net10.0/Dashboard.Server.dll",
                         "--urls", base, "--LoopServer:Port", "0", "--Storage:DataDirectory", os.path.join(work, "data"),
                         "--DashboardUi:DisconnectedCircuitRetention", "00:00:05"],
                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
browser = None
try:
    wait_for(base + "/health")
    request = urllib.request.Request(base + "/api/runs", data=json.dumps(RUN).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
    run_id = json.loads(urllib.request.urlopen(request, timeout=30).read())["id"]
    page = f"{base}/runs/{run_id}"
    time.sleep(2)

    timing = subprocess.run(pin(1) + [f"{tests_bin}/node/linux-x64/node", "benchmarks/ui-live.js", os.path.abspath(f"{tests_bin}/package"), page],
                            check=True, capture_output=True, text=True, timeout=180)
    timed = json.loads(timing.stdout.strip().splitlines()[-1])
    if timed["errors"]:
        print(f"  the page logged errors: {timed['errors']}", file=sys.stderr, flush=True)

    browser = start_chromium(debug_port, os.path.join(work, "chromium"))
    # The timing's closed tabs leave circuits that still follow the run until they are dropped:
    # past their retention (5 s here) and the next expiry scan of Blazor's cache (once a minute).
    time.sleep(float(os.environ.get("UI_CLOSE_WAIT", "75")))
    baseline = cpu_pct_without_scheduler(host.pid)
    print(f"  run going, no viewer: {baseline:.2f} % of a core (load-scheduler left out)", file=sys.stderr, flush=True)
    for _ in range(20):
        opened = urllib.request.Request(f"http://127.0.0.1:{debug_port}/json/new?{page}", method="PUT")
        urllib.request.urlopen(opened, timeout=10).read()
    time.sleep(5)  # every circuit up and rendering
    viewers = cpu_pct_without_scheduler(host.pid)
    print(f"  run going, 20 viewers: {viewers:.2f} % of a core", file=sys.stderr, flush=True)
    status = json.loads(urllib.request.urlopen(f"{base}/api/runs/{run_id}", timeout=10).read())
    run = status.get("run", status)
    print(f"  the run was {run.get('status')} at {run.get('key', {}).get('throughputPerSecond', 0):.0f} requests/s", file=sys.stderr, flush=True)

    print(f"ui.live.first_figure_ms.cold = {timed['coldMs']:.0f}")
    print(f"ui.live.first_figure_ms.warm = {timed['warmMs']:.0f}")
    print(f"ui.live.download_kb = {timed['downloadBytes'] / 1024:.0f}")
    print(f"ui.live.rate = {RUN['phases'][0]['inject']['rate']:.0f}")
    print(f"ui.live.viewers0.cpu_pct = {baseline:.2f}")
    print(f"ui.live.viewers20.cpu_pct = {viewers - baseline:.2f}")
finally:
    stop(browser, host)
    shutil.rmtree(work, ignore_errors=True)
