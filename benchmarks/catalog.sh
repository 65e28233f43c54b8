#!/usr/bin/env bash
# benchmarks/run.sh catalog — every catalog scenario, headless, in a fresh process, N times in a
# row (CATALOG_RUNS, default 10; CATALOG_ONLY="hello io-bound" to pick some). A run passes when it
# passes its own thresholds, or, for a scenario whose description says a threshold is expected to
# fail, when it fails exactly that one ("The thresholds are expected to fail": all of them; "The
# waiting threshold is expected to fail": those whose metric names waiting). Prints
#   catalog.NAME.passes = K/N
# and the cold-start figures of hello (medians over the N fresh processes):
#   catalog.hello.cold_p99_ms         latency p99 of the measured run, after its warm-up
#   catalog.hello.warmup_p99_ms       latency p99 of the warm-up itself: what a cold process costs
#   catalog.hello.no_warmup_p99_ms    baseline, same run: hello with its warm-up taken out
#   catalog.hello.process_seconds     wall time of the whole command (start, run, exit)
# CATALOG_HOST=PATH/Dashboard.Server.dll measures another build of the host (a ReadyToRun publish,
# say); the runtime's DOTNET_* variables pass through to every run. Needs python3 (Debian ships
# it) to read the runs' JSON reports.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build server/Dashboard.Server -c Release -nologo -clp:ErrorsOnly >/dev/null
exec python3 - "${CATALOG_RUNS:-10}" "${CATALOG_ONLY:-}" "${CATALOG_HOST:-server/Dashboard.Server/bin/Release/net10.0/Dashboard.Server.dll}" <<'PY'
import glob, json, os, re, shutil, statistics, subprocess, sys, tempfile, time

runs = int(sys.argv[1])
only = set(sys.argv[2].split())
host = ["dotnet", sys.argv[3], "run"]
work = tempfile.mkdtemp(prefix="catalog-")


def intended_failures(scenario):
    """The thresholds the description says are meant to fail (empty: all must pass)."""
    text = scenario.get("description", "")
    thresholds = [t if isinstance(t, str) else t["expression"] for t in scenario.get("thresholds", [])]
    if re.search(r"\bthresholds are expected to fail", text):
        return set(thresholds)
    named = re.search(r"\b(\w+) threshold is expected to fail", text)
    return {t for t in thresholds if named and named.group(1) in t.split("<")[0]} if named else set()


def run_once(path, label):
    out = os.path.join(work, label)
    started = time.monotonic()
    done = subprocess.run(host + [path, "--out", out, "--set", f"Storage:DataDirectory={os.path.join(work, 'data')}"],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=600)
    seconds = time.monotonic() - started
    reports = [f for f in glob.glob(out + "/*.json") if not f.endswith(".trace.json")]
    report = json.load(open(reports[0])) if reports else None
    shutil.rmtree(out, ignore_errors=True)
    return done.returncode, report, seconds, done.stdout


def judged(code, report, intended):
    if report is None or report.get("summary") is None:
        return False, "no report"
    failed = {t["expression"] for t in report["summary"]["thresholds"] if not t["passed"]}
    if intended:
        return code == 1 and failed == intended, f"exit {code}, failed {sorted(failed)}"
    return code == 0, f"exit {code}, failed {sorted(failed)}"


lines = []
for path in sorted(glob.glob("scenarios/*.json")):
    scenario = json.load(open(path))
    name = scenario["name"]
    if only and name not in only:
        continue
    intended = intended_failures(scenario)
    passes, p99s, warm_p99s, seconds = 0, [], [], []
    for i in range(runs):
        code, report, took, console = run_once(path, f"{name}-{i}")
        ok, why = judged(code, report, intended)
        passes += ok
        seconds.append(took)
        if report and report.get("summary"):
            p99s.append(report["summary"]["load"]["latency"]["p99"])
            if report["summary"].get("warmUp"):
                warm_p99s.append(report["summary"]["warmUp"]["latency"]["p99"])
        verdict = ((report or {}).get("run") or {}).get("verdict") or {}
        print(f"  {name} #{i + 1}: {'pass' if ok else 'FAIL'} ({why}; verdict {verdict.get('kind')}; {took:.1f} s)", file=sys.stderr)
        if not ok and report is None:
            print(console[-2000:], file=sys.stderr)
    lines.append(f"catalog.{name}.passes = {passes}/{runs}")
    if name == "hello":
        lines.append(f"catalog.hello.cold_p99_ms = {statistics.median(p99s):.2f}" if p99s else "catalog.hello.cold_p99_ms = none")
        lines.append(f"catalog.hello.warmup_p99_ms = {statistics.median(warm_p99s):.2f}" if warm_p99s else "catalog.hello.warmup_p99_ms = none")
        lines.append(f"catalog.hello.process_seconds = {statistics.median(seconds):.2f}")
        # The baseline, in the same run: the same smoke run with no warm-up in front.
        bare = dict(scenario)
        bare.pop("warmUp", None)
        bare_path = os.path.join(work, "hello-no-warmup.json")
        json.dump(bare, open(bare_path, "w"))
        bare_p99s = []
        for i in range(runs):
            code, report, took, _ = run_once(bare_path, f"hello-bare-{i}")
            if report and report.get("summary"):
                bare_p99s.append(report["summary"]["load"]["latency"]["p99"])
        lines.append(f"catalog.hello.no_warmup_p99_ms = {statistics.median(bare_p99s):.2f}" if bare_p99s else "catalog.hello.no_warmup_p99_ms = none")

shutil.rmtree(work, ignore_errors=True)
print("\n".join(lines))
PY
