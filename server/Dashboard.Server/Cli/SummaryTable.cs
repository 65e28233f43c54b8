using System.Globalization;
using Dashboard.Contracts.Loop;
using Dashboard.Contracts.Runs;
using Dashboard.Load.Statistics;
using Dashboard.Server.Runs;

namespace Dashboard.Server.Cli;

/// <summary>The end-of-run table a headless run prints: load, latency, the loop's three times, thresholds.</summary>
internal static class SummaryTable
{
    public static async Task WriteAsync(TextWriter output, ManagedRun run, RunInfo info)
    {
        var text = Format(run.Summary, info, run.Window.RequestBreakdown());
        await output.WriteAsync(text);
        await output.FlushAsync();
    }

    internal static string Format(RunSummary? summary, RunInfo info, TaskKindBreakdown requests)
    {
        var w = new StringWriter(CultureInfo.InvariantCulture);
        w.WriteLine();
        w.WriteLine($"run {info.Id} — {info.Scenario}: {info.Status}{(info.Message is null ? "" : $" ({info.Message})")}");
        if (summary is { } s)
        {
            var load = s.Load;
            w.WriteLine($"  duration        {s.DurationSeconds,10:0.00} s");
            if (s.WarmUp is { } warm)
            {
                // What the cold start cost, and that it is counted nowhere else.
                w.WriteLine($"  warm-up         {s.WarmUpSeconds,10:0.00} s   {warm.Requests:N0} requests, latency p99 {warm.Latency.P99:0.00} ms (not counted below)");
            }

            w.WriteLine($"  requests        {load.Requests,10:N0}   ok {load.Successes:N0}   failed {load.Failures:N0}   dropped {load.Dropped:N0}");
            w.WriteLine($"  throughput      {load.Throughput,10:0.0} req/s");
            w.WriteLine($"  errors          {load.ErrorRate,10:0.00} %   timeout {load.Errors.Timeout}  refused {load.Errors.Refused}  reset {load.Errors.Reset}  other {load.Errors.Other}");
            if (load.StatusCodes.Count > 0)
            {
                w.WriteLine($"  status codes    {string.Join("  ", load.StatusCodes.OrderBy(p => p.Key).Select(p => $"{p.Key}: {p.Value:N0}"))}");
            }

            w.WriteLine();
            w.WriteLine("  latency (ms)       p50      p75      p90      p95      p99    p99.9      max");
            Latency(w, "corrected", load.Latency);
            Latency(w, "raw", load.RawLatency);
            Latency(w, "send lateness", load.SendLateness);
        }

        w.WriteLine();
        w.WriteLine($"  loop            utilization {info.Key.LoopUtilization * 100:0.0} %");
        if (requests.Count > 0)
        {
            w.WriteLine($"  request tasks   {requests.Count:N0} on the loop (ms)     mean      p50      p99      max");
            Times(w, "awake", requests.Awake);
            Times(w, "waiting", requests.Waiting);
            Times(w, "asleep", requests.Asleep);
        }

        if (info.Sweep is { } sweep)
        {
            SweepTable.Write(w, sweep);
        }

        if (info.Agents is { Count: > 0 } agents)
        {
            w.WriteLine();
            w.WriteLine($"  {RunAgentText.Title.ToLowerInvariant()}   share  requests     rate/s  p99 ms  lateness p99 ms  state");
            foreach (var agent in agents)
            {
                w.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"    {agent.Name,-16} {agent.Share * 100,5:0.#}% {agent.Requests,9} {agent.ThroughputPerSecond,10:0.0} {Optional(agent.LatencyP99Ms),7} {Optional(agent.SendLatenessP99Ms),16}  {RunAgentText.State(agent.State)}{(agent.Message is { } note ? ": " + note : "")}"));
            }
        }

        if (info.Verdict is { } verdict)
        {
            w.WriteLine();
            w.WriteLine($"  verdict         {verdict.Text}");
        }

        if (summary is { Thresholds.Count: > 0 })
        {
            w.WriteLine();
            w.WriteLine("  thresholds");
            foreach (var threshold in summary.Thresholds)
            {
                w.WriteLine($"    {(threshold.Passed ? "PASS" : "FAIL")}  {threshold.Message}");
            }
        }

        foreach (var warning in summary?.Warnings ?? [])
        {
            w.WriteLine($"  note: {warning}");
        }

        w.WriteLine();
        w.WriteLine(info.Passed == true && info.Status is RunStatus.Completed or RunStatus.Stopped ? "PASSED" : "FAILED");
        return w.ToString();
    }

    private static void Latency(StringWriter w, string label, LatencySummary l) =>
        w.WriteLine($"  {label,-14}{l.P50,9:0.00}{l.P75,9:0.00}{l.P90,9:0.00}{l.P95,9:0.00}{l.P99,9:0.00}{l.P999,9:0.00}{l.Max,9:0.00}");

    private static void Times(StringWriter w, string label, TimeFigures t) =>
        w.WriteLine($"    {label,-36}{t.MeanMs,9:0.000}{t.P50Ms,9:0.000}{t.P99Ms,9:0.000}{t.MaxMs,9:0.000}");

    private static string Optional(double? value) => value is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) : "—";
}
