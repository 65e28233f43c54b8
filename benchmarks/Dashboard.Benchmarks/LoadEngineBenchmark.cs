using System.Diagnostics;
using System.Globalization;
using Dashboard.Contracts.Scenarios;
using Dashboard.Load;
using Dashboard.Load.Engine;

namespace Dashboard.Benchmarks;

/// <summary>
/// The load engine's side of benchmarks/run.sh load, against a hello-world server already
/// running at the given port: its maximum rate (closed model, one user per connection, no think
/// time — what wrk does) and its send lateness (actual − intended) at a fixed open-model rate.
/// </summary>
internal static class LoadEngineBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var port = int.Parse(args[0], CultureInfo.InvariantCulture);
        var connections = int.Parse(args[1], CultureInfo.InvariantCulture);
        var seconds = double.Parse(args[2], CultureInfo.InvariantCulture);
        var rate = double.Parse(args[3], CultureInfo.InvariantCulture);
        var origin = $"http://127.0.0.1:{port}";
        var engine = new LoadEngine(new LoadEngineOptions { AllowedTargetOrigins = [origin] });

        // Warm-up so the JIT has settled before anything is measured.
        await RunAsync(engine, Closed(origin, connections, 2));
        var closed = await RunAsync(engine, Closed(origin, connections, seconds));
        var (open, schedulerCpu) = await RunMeasuringSchedulerAsync(engine, Open(origin, connections, seconds, rate), seconds);
        var (_, schedulerCpuAt1k) = await RunMeasuringSchedulerAsync(engine, Open(origin, connections, seconds, 1000), seconds);

        Console.WriteLine($"load.engine_max_rps = {closed.Load.Throughput:F0}");
        Console.WriteLine($"load.open_rate_achieved = {open.Load.Throughput:F0}");
        Console.WriteLine($"load.lateness_p99_ms = {open.Load.SendLateness.P99:F3}");
        Console.WriteLine($"load.lateness_p50_ms = {open.Load.SendLateness.P50:F3}");
        Console.WriteLine($"load.open_dropped = {open.Load.Dropped}");
        Console.WriteLine($"load.scheduler_cpu_pct_at_1k = {schedulerCpuAt1k:F1}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"load.scheduler_cpu_pct_at_{rate / 1000:0.#}k = {schedulerCpu:F1}"));
        return 0;
    }

    /// <summary>
    /// Runs a scenario and reads the CPU time of its scheduler thread ("load-scheduler") from
    /// /proc/self/task/*/stat twice, half a second after the start and half a second before the
    /// planned end: percent of one core between the two. Only twice, because reading every
    /// thread's stat file is work on the engine's own core, and polling it every 250 ms showed in
    /// the very lateness this run measures.
    /// </summary>
    private static async Task<(Load.Statistics.RunSummary Summary, double SchedulerCpuPct)> RunMeasuringSchedulerAsync(LoadEngine engine, string json, double seconds)
    {
        var validated = engine.Validator.Parse(json);
        var gcs = GC.CollectionCount(0);
        var paused = GC.GetTotalPauseDuration();
        await using var run = await engine.StartAsync(validated);
        (long At, long Ticks)? first = null;
        (long At, long Ticks)? last = null;
        await Task.WhenAny(run.Completion, Task.Delay(TimeSpan.FromSeconds(0.5)));
        if (ThreadCpuTicks("load-scheduler") is { } startTicks)
        {
            first = (Stopwatch.GetTimestamp(), startTicks);
        }

        await Task.WhenAny(run.Completion, Task.Delay(TimeSpan.FromSeconds(Math.Max(0, seconds - 1))));
        if (ThreadCpuTicks("load-scheduler") is { } endTicks)
        {
            last = (Stopwatch.GetTimestamp(), endTicks);
        }

        var summary = await run.Completion;
        var lateness = summary.Load.SendLateness;
        Console.Error.WriteLine($"{summary.Load.Throughput:F0}/s: send lateness p50 {lateness.P50} p90 {lateness.P90} p99 {lateness.P99} p99.9 {lateness.P999} max {lateness.Max} ms");
        Console.Error.WriteLine($"{summary.Load.Throughput:F0}/s: gen0 collections {GC.CollectionCount(0) - gcs}, paused {(GC.GetTotalPauseDuration() - paused).TotalMilliseconds:F0} ms");
        if (first is null || last is null || last.Value.At == first.Value.At)
        {
            return (summary, double.NaN);
        }

        var cpuSeconds = (last.Value.Ticks - first.Value.Ticks) / 100.0; // USER_HZ
        var wallSeconds = (last.Value.At - first.Value.At) / (double)Stopwatch.Frequency;
        return (summary, cpuSeconds / wallSeconds * 100);
    }

    /// <summary>utime + stime (in USER_HZ ticks) of this process's threads named <paramref name="name"/>, or null when none lives.</summary>
    private static long? ThreadCpuTicks(string name)
    {
        long? total = null;
        foreach (var dir in Directory.EnumerateDirectories("/proc/self/task"))
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var open = stat.IndexOf('(', StringComparison.Ordinal);
                var close = stat.LastIndexOf(')');
                if (stat[(open + 1)..close] != name)
                {
                    continue;
                }

                // After "(comm)": state is field 3, utime 14, stime 15.
                var fields = stat[(close + 2)..].Split(' ');
                total = (total ?? 0) + long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                // The thread ended between listing and reading.
            }
        }

        return total;
    }

    private static async Task<Load.Statistics.RunSummary> RunAsync(LoadEngine engine, string json)
    {
        var validated = engine.Validator.Parse(json);
        if (!validated.IsValid)
        {
            throw new InvalidOperationException(string.Join("; ", validated.Errors));
        }

        await using var run = await engine.StartAsync(validated);
        return await run.Completion;
    }

    private static string Closed(string origin, int connections, double seconds) => string.Create(CultureInfo.InvariantCulture, $$$"""
        {"name":"bench-closed","target":{"url":"{{{origin}}}/"},"connections":{{{connections}}},
         "phases":[{"keepConstant":{"copies":{{{connections}}},"during":"{{{seconds}}}s"}}]}
        """);

    private static string Open(string origin, int connections, double seconds, double rate) => string.Create(CultureInfo.InvariantCulture, $$$"""
        {"name":"bench-open","target":{"url":"{{{origin}}}/"},"connections":{{{connections}}},
         "phases":[{"inject":{"rate":{{{rate}}},"during":"{{{seconds}}}s"}}]}
        """);
}
