using Dashboard.Server.Runs;

namespace Dashboard.Server.History;

/// <summary>A run in memory → the record reports and the store use.</summary>
internal static class LiveRunRecords
{
    public static RunHeader Header(ManagedRun run, RunEnvironment environment)
    {
        var summary = run.Summary;
        var requests = run.Window.RequestBreakdown();
        return new RunHeader
        {
            Info = run.Info(),
            Scenario = run.Scenario,
            Summary = summary,
            Environment = environment,
            Distributions = new RunDistributions(
                summary?.LatencyHistogram is { } latency ? RunDistributions.FromMicroseconds(latency.EnumerateBuckets()) : [],
                summary?.RawLatencyHistogram is { } raw ? RunDistributions.FromMicroseconds(raw.EnumerateBuckets()) : [],
                RunDistributions.FromMicroseconds(run.Window.RequestWaitingBuckets())),
            RequestTasks = requests.Count > 0 ? requests : null,
        };
    }

    public static RunRecord Record(ManagedRun run, RunEnvironment environment) => new(Header(run, environment), run.History());
}
