using System.Diagnostics;
using System.Diagnostics.Tracing;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Contracts.Runs;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers;

namespace Dashboard.Benchmarks;

/// <summary>
/// benchmarks/run.sh soak: a long run against a dashboard host that benchmarks/soak.sh started
/// as a user would. It launches an io-bound run through the API with hub subscribers attached,
/// samples the host's resident memory, reads every GC pause of the host over EventPipe, and at
/// the end checks that the run was stored and its reports are whole.
/// </summary>
internal static class SoakBenchmark
{
    private const int Subscribers = 5;
    private const int MaxPauses = 1_000_000;
    private static readonly TimeSpan SampleEvery = TimeSpan.FromSeconds(2);

    // Pauses by the generation collected (-1: a suspension without a collection), for stderr.
    private static readonly List<(int Generation, double Ms)> ByGeneration = [];

    // After each collection: bytes promoted out of gen0 and gen1, and each generation's size.
    private static readonly List<(long Promoted0, long Promoted1, long Gen0, long Gen1, long Gen2, long Loh)> HeapStats = [];

    // Of each pause, the part spent bringing every thread to a safe point.
    private static readonly List<double> SuspensionMs = [];

    public static async Task<int> RunAsync(string[] args)
    {
        var baseUrl = args[0].TrimEnd('/');
        var pid = int.Parse(args[1], CultureInfo.InvariantCulture);
        var seconds = int.Parse(args[2], CultureInfo.InvariantCulture);
        var rate = int.Parse(args[3], CultureInfo.InvariantCulture);
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(2) };

        var pauses = new List<double>();
        using var gcSession = StartGcPauses(pid, pauses);
        var subscribers = new List<(HubConnection Hub, int[] Received, long[] Dropped)>();
        for (var i = 0; i < Subscribers; i++)
        {
            var hub = new HubConnectionBuilder().WithUrl($"{baseUrl}/hubs/runs").Build();
            int[] received = [0];
            long[] dropped = [0];
            hub.On<RunSnapshot>(nameof(IRunsHubClient.Snapshot), _ => Interlocked.Increment(ref received[0]));
            hub.On<string, long>(nameof(IRunsHubClient.Dropped), (_, count) => Interlocked.Add(ref dropped[0], count));
            await hub.StartAsync();
            subscribers.Add((hub, received, dropped));
        }

        var rssBefore = ResidentMb(pid);
        var scenario = string.Create(CultureInfo.InvariantCulture, $$$"""
            {"name":"soak","target":{"workload":"io-bound"},"connections":500,"arrivals":"poisson","seed":1,
             "phases":[{"inject":{"rate":{{{rate}}},"during":"{{{seconds}}}s"}}]}
            """);
        using var started = await http.PostAsync("/api/runs", new StringContent(scenario, System.Text.Encoding.UTF8, "application/json"));
        var created = await started.Content.ReadFromJsonAsync<JsonElement>();
        if (!started.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST /api/runs answered {(int)started.StatusCode}: {created}");
        }

        var runId = created.GetProperty("id").GetString()!;
        foreach (var (hub, _, _) in subscribers)
        {
            await hub.InvokeAsync("Subscribe", runId);
        }

        var rss = new List<double>();
        var watch = Stopwatch.StartNew();
        string status;
        while (IsRunning(status = await StatusAsync(http, runId)))
        {
            rss.Add(ResidentMb(pid));
            if (watch.Elapsed > TimeSpan.FromSeconds(seconds + 120))
            {
                throw new TimeoutException($"the run was still '{status}' two minutes after its end");
            }

            await Task.Delay(SampleEvery);
        }

        var stored = status.Equals("completed", StringComparison.OrdinalIgnoreCase);
        long reportBytes = 0;
        foreach (var report in new[] { "report.html", "report.json", "report.csv.zip" })
        {
            using var answer = await http.GetAsync($"/api/runs/{runId}/{report}");
            var body = await answer.Content.ReadAsByteArrayAsync();
            stored &= answer.IsSuccessStatusCode && body.Length > 0;
            reportBytes += body.Length;
        }

        foreach (var (hub, _, _) in subscribers)
        {
            await hub.DisposeAsync();
        }

        gcSession.Stop();
        double[] sortedPauses;
        lock (pauses)
        {
            sortedPauses = [.. pauses.Order()];
        }

        lock (pauses)
        {
            foreach (var group in ByGeneration.GroupBy(p => p.Generation).OrderBy(g => g.Key))
            {
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"gen{group.Key}: {group.Count()} pauses, mean {group.Average(p => p.Ms):F2} ms, max {group.Max(p => p.Ms):F2} ms"));
            }
        }

        lock (pauses)
        {
            if (HeapStats.Count > 0)
            {
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"after a collection, mean: promoted from gen0 {HeapStats.Average(h => h.Promoted0) / 1e6:F1} MB, from gen1 {HeapStats.Average(h => h.Promoted1) / 1e6:F1} MB; gen0 {HeapStats.Average(h => h.Gen0) / 1e6:F1} MB, gen1 {HeapStats.Average(h => h.Gen1) / 1e6:F1} MB, gen2 {HeapStats.Average(h => h.Gen2) / 1e6:F1} MB, LOH {HeapStats.Average(h => h.Loh) / 1e6:F1} MB"));
            }

            if (SuspensionMs.Count > 0)
            {
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"suspension: mean {SuspensionMs.Average():F2} ms, max {SuspensionMs.Max():F2} ms"));
            }
        }

        Print("rss_mb_before_run", rssBefore);
        Print("rss_mb_start", rss.Count > 0 ? rss[Math.Min(rss.Count - 1, 5)] : double.NaN); // ten seconds in: the run at full rate
        Print("rss_mb_end", rss.Count > 0 ? rss[^1] : double.NaN);
        Print("rss_mb_max", rss.Count > 0 ? rss.Max() : double.NaN);
        Print("gc_count", sortedPauses.Length);
        Print("gc_pause_p99_ms", sortedPauses.Length > 0 ? LoopTimerBenchmark.Percentile(sortedPauses, 99) : 0);
        Print("gc_pause_max_ms", sortedPauses.Length > 0 ? sortedPauses[^1] : 0);
        Print("snapshots_received_min", subscribers.Min(s => s.Received[0]));
        Print("snapshots_dropped", subscribers.Sum(s => s.Dropped[0]));
        Print("stored_and_reported", stored ? 1 : 0);
        Print("report_kb", reportBytes / 1024.0);
        return stored ? 0 : 1;
    }

    /// <summary>
    /// An EventPipe session on the host's GC events: a pause is the runtime suspending every
    /// thread (SuspendEEStart) until it lets them go again (RestartEEStop).
    /// </summary>
    private static EventPipeSession StartGcPauses(int pid, List<double> pauses)
    {
        var client = new DiagnosticsClient(pid);
        var session = client.StartEventPipeSession(
            new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Informational, (long)ClrTraceEventParser.Keywords.GC),
            requestRundown: false);
        var source = new EventPipeEventSource(session.EventStream);
        double suspendedAt = -1;
        var generation = -1;
        source.Clr.GCSuspendEEStart += e => suspendedAt = e.TimeStampRelativeMSec;
        source.Clr.GCStart += e => generation = e.Depth;
        source.Clr.GCHeapStats += e =>
        {
            lock (pauses)
            {
                HeapStats.Add((e.TotalPromotedSize0, e.TotalPromotedSize1, e.GenerationSize0, e.GenerationSize1, e.GenerationSize2, e.GenerationSize3));
            }
        };
        source.Clr.GCSuspendEEStop += e =>
        {
            if (suspendedAt >= 0)
            {
                lock (pauses)
                {
                    SuspensionMs.Add(e.TimeStampRelativeMSec - suspendedAt);
                }
            }
        };
        source.Clr.GCRestartEEStop += e =>
        {
            if (suspendedAt >= 0)
            {
                lock (pauses)
                {
                    if (pauses.Count < MaxPauses)
                    {
                        pauses.Add(e.TimeStampRelativeMSec - suspendedAt);
                        ByGeneration.Add((generation, e.TimeStampRelativeMSec - suspendedAt));
                    }
                }

                suspendedAt = -1;
                generation = -1;
            }
        };
        _ = Task.Run(source.Process);
        return session;
    }

    private static async Task<string> StatusAsync(HttpClient http, string runId)
    {
        var detail = await http.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}");
        return detail.TryGetProperty("status", out var status) ? status.GetString() ?? ""
            : detail.TryGetProperty("run", out var run) && run.TryGetProperty("status", out status) ? status.GetString() ?? ""
            : "";
    }

    private static bool IsRunning(string status) => status.ToLowerInvariant() is "starting" or "running" or "stopping" or "pending";

    /// <summary>VmRSS of the process, in MB.</summary>
    private static double ResidentMb(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
            }
        }

        return double.NaN;
    }

    private static void Print(string name, double value) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"soak.{name} = {value:0.###}"));
}
