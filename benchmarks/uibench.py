"""What benchmarks/ui.sh (the Loop page) and benchmarks/ui-live.py (the live run page) share:
free ports, waiting for an address, a process's CPU from /proc, headless chromium on a core of
its own with its remote-debugging port, and stopping what they started."""
import os, shutil, socket, subprocess, time, urllib.request

TICK = os.sysconf("SC_CLK_TCK")
pin = (lambda core: ["taskset", "-c", str(core)]) if shutil.which("taskset") else (lambda core: [])


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            return urllib.request.urlopen(url, timeout=2).read()
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"{url} did not answer within {seconds} s")


def cpu_ticks(stat_path):
    """utime + stime of /proc/PID/stat or /proc/PID/task/TID/stat, in clock ticks (TICK a second)."""
    fields = open(stat_path).read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def start_chromium(debug_port, user_data_dir, core=1):
    """Headless chromium on its own core, tabs opened through http://127.0.0.1:DEBUG_PORT/json/new."""
    browser = subprocess.Popen(pin(core) + ["/usr/bin/chromium", "--headless", "--no-sandbox", "--disable-gpu",
                               "--no-first-run", "--disable-background-timer-throttling", "--disable-renderer-backgrounding",
                               f"--remote-debugging-port={debug_port}", f"--user-data-dir={user_data_dir}", "about:blank"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_for(f"http://127.0.0.1:{debug_port}/json/version")
    return browser


def stop(*processes):
    for process in processes:
        if process is not None:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
