using System.Runtime.CompilerServices;
using System.Text.Json;
using Dashboard.Contracts.Loop;
using Dashboard.Contracts.Runs;
using Dashboard.Load.Statistics;
using Dashboard.Server.Analysis;
using Dashboard.Server.Reports.Json;

namespace Dashboard.Server.Tests.Analysis;

/// <summary>
/// Each verdict kind on runs recorded from the catalog (Recorded/*.json: report.json of a real
/// headless run, samples and per-kind breakdowns trimmed), read again through the one input builder.
/// </summary>
public sealed class RecordedVerdictTests
{
    [Theory]
    [InlineData("hello", "healthy")]
    [InlineData("io-bound", "healthy")]
    [InlineData("blocker", "blocked")]
    [InlineData("cpu-saturation", "saturated")]
    [InlineData("io-bound-overload", "saturated")]
    public void RecordedRun_ReadsAsItsKind(string name, string kind)
    {
        var verdict = Judge(name);

        Assert.True(verdict.Kind == kind, verdict.Text);
    }

    [Fact]
    public void HealthyHelloAfterItsWarmUp_IsHealthyWithItsFigures_AndNamesNoBlocker()
    {
        var verdict = Judge("hello");

        Assert.StartsWith("Healthy: 50 of 50 requests/s answered, utilization", verdict.Text);
        Assert.DoesNotContain("blocker", verdict.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void OverloadedIoBound_IsSaturated_NamingAchievedOfferedDropsAndTheEngine()
    {
        var verdict = Judge("io-bound-overload");

        Assert.StartsWith("Saturated: answered ", verdict.Text);
        Assert.Contains("of the 10,000 requests/s offered", verdict.Text);
        Assert.Contains("arrivals dropped at the in-flight cap", verdict.Text);
        Assert.Contains("The backlog waited in the engine for a connection", verdict.Text);
    }

    [Fact]
    public void TheIssuesRun_IoBoundAtTenThousandForOneHundredFiftySeconds_IsSaturatedNotHealthy()
    {
        // The figures of the run in issue 14: 342,685 answered, 1,157,315 dropped, utilization 99.9 %,
        // waiting p99 130.05 ms on the loop, corrected latency p50 4.5 s (the backlog queued in the engine).
        var series = Enumerable.Range(0, 300).Select(i => (i * 0.5, (double?)10_000, 130.0, 10_000, 0.999)).ToArray();
        var verdict = VerdictBuilder.Build(new VerdictInput
        {
            Requests = 342_685,
            Arrivals = 342_685 + 1_157_315,
            Dropped = 1_157_315,
            OfferedPerSecond = 10_000,
            AchievedPerSecond = 2_284.6,
            Utilization = 0.999,
            WaitingMeanMs = 95,
            WaitingP99Ms = 130.05,
            LatencyMeanMs = 4_600,
            LatencyP50Ms = 4_500,
            EngineWaitMeanMs = 4_450,
            Series = series,
            Blockers = [],
        });

        Assert.Equal("saturated", verdict.Kind);
        Assert.Equal(
            "Saturated: answered 2,285 of the 10,000 requests/s offered (23 %); 1,157,315 arrivals dropped at the in-flight cap (77 %); loop utilization 99.9 %. The backlog waited in the engine for a connection: 4.5 s on average before the send, against 95 ms waiting on the loop (corrected latency p50 4.5 s).",
            verdict.Text);
        Assert.Equal(1_157_315, verdict.Figures["dropped"]);
    }

    [Fact]
    public void OffloadedWorkBehindItsRate_EveryRequestAnsweredInTheDrain_IsSaturatedAndWaitedAsleepNotOnTheLoop()
    {
        // offloaded.json when it asked 400/s of 10 ms thread-pool work of a 2-core machine: 6,009
        // requests, all answered by the end, none dropped, but 183 of 241 requests/s while it ran.
        var verdict = VerdictBuilder.Build(new VerdictInput
        {
            Requests = 6_009,
            Arrivals = 6_009,
            OfferedPerSecond = 241,
            AchievedPerSecond = 183,
            Utilization = 0.027,
            WaitingMeanMs = 2.85,
            WaitingP99Ms = 11.26,
            LatencyMeanMs = 1_900,
            LatencyP50Ms = 1_214,
            EngineWaitMeanMs = 3,
            Series = [],
            Blockers = [],
        });

        Assert.Equal("saturated", verdict.Kind);
        Assert.StartsWith("Saturated: answered 183 of the 241 requests/s offered (76 %); loop utilization 2.7 %.", verdict.Text);
        Assert.Contains("The backlog waited on the server but not on the loop", verdict.Text);
    }

    private static RunVerdict Judge(string name, [CallerFilePath] string callerFile = "")
    {
        var path = Path.Combine(Path.GetDirectoryName(callerFile)!, "Recorded", name + ".json");
        var run = JsonSerializer.Deserialize<RecordedRun>(File.ReadAllText(path), JsonReportExporter.Options)!;
        var blockers = run.Run.Blockers.Select(b =>
        {
            var totals = new BlockerKindTotals(b.Kind) { Steps = b.Steps, HeldMs = b.MeanHeldMs * b.Steps, Victims = b.Victims, VictimWaitingMs = b.VictimWaitingMs };
            return totals;
        }).ToArray();
        return VerdictBuilder.Build(VerdictInputs.From(
            run.Snapshots,
            run.Summary?.Load,
            new LoopVerdictFigures(run.Run.Key.LoopUtilization, run.RequestTasks?.Waiting.MeanMs ?? 0, run.Run.Key.WaitingP99Ms, blockers),
            run.Run.Sweep));
    }

    private sealed record RecordedRun(RunInfo Run, RunSummary? Summary, TaskKindBreakdown? RequestTasks, IReadOnlyList<RunSnapshot> Snapshots);
}
