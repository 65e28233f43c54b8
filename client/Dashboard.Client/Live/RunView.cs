using Dashboard.Client.Charts;
using Dashboard.Client.Formatting;
using Dashboard.Contracts.Loop;
using Dashboard.Contracts.Runs;

namespace Dashboard.Client.Live;

/// <summary>
/// What a run's live page shows, read from <see cref="IRunDirectory"/>: the run, its newest
/// snapshot, the tables' rows and the charts' windows. Built once per update in the host for
/// every viewer of the run; a chart whose interval did not change is the previous view's window,
/// so its component skips the render and the browser gets nothing.
/// </summary>
public sealed record RunView
{
    public required string RunId { get; init; }

    /// <summary>The run, its scenario and its recent snapshots; null when no run with this id is kept.</summary>
    public required RunDetails? Run { get; init; }

    public RunSnapshot? Latest { get; init; }

    public bool Running { get; init; }

    /// <summary>Seconds since the start: the newest snapshot's while running, the run's own once ended.</summary>
    public double Elapsed { get; init; }

    /// <summary>Part of the planned time gone, 0 to 1.</summary>
    public double Progress { get; init; }

    /// <summary>Whether the change form sets a rate (open model) or users (closed model).</summary>
    public bool ChangesRate { get; init; } = true;

    public IReadOnlyList<ThresholdState> Thresholds { get; init; } = [];

    public IReadOnlyList<TaskKindBreakdown> Kinds { get; init; } = [];

    public IReadOnlyList<TaskSample> Slowest { get; init; } = [];

    public IReadOnlyList<TaskSample> Recent { get; init; } = [];

    /// <summary>The sweep so far: the newest snapshot's while running, the run's final one once ended.</summary>
    public SweepReport? Sweep { get; init; }

    /// <summary>What the queueing models assume of this run's arrivals, in one sentence.</summary>
    public string Assumptions { get; init; } = "";

    public RunCharts Charts { get; init; } = RunCharts.Empty;

    /// <summary>The view of a run id that is not kept.</summary>
    public static RunView Unknown(string runId) => new() { RunId = runId, Run = null };

    /// <summary>The live feed of one run: the directory read at most once per <see cref="DashboardUiOptions.LiveRefresh"/>.</summary>
    public static LiveFeed<RunView> Feed(IRunDirectory directory, string runId, DashboardUiOptions options, TimeProvider time) =>
        new(previous => Read(directory, runId, options, previous), options.LiveRefresh, time);

    public static RunView Read(IRunDirectory directory, string runId, DashboardUiOptions options, RunView? previous = null)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(options);
        return directory.Find(runId) is { } run ? Of(run, options, previous) : Unknown(runId);
    }

    public static RunView Of(RunDetails run, DashboardUiOptions options, RunView? previous = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(options);
        var info = run.Info;
        var history = run.History;
        var latest = history.Count > 0 ? history[^1] : null;
        var running = info.Status == RunStatus.Running;
        var elapsed = running && latest is not null ? latest.ElapsedSeconds : info.ElapsedSeconds;
        var recentFirst = history.Reverse().ToArray();
        var samples = recentFirst.Select(s => s.Samples).FirstOrDefault(s => s.Count > 0) ?? [];
        var sweep = running ? latest?.Sweep ?? info.Sweep : info.Sweep ?? latest?.Sweep;
        return new RunView
        {
            RunId = info.Id,
            Run = run,
            Latest = latest,
            Running = running,
            Elapsed = elapsed,
            Progress = info.PlannedSeconds > 0 ? Math.Clamp(elapsed / info.PlannedSeconds, 0, 1) : 0,
            ChangesRate = latest switch
            {
                { TargetRate: not null } => true,
                { TargetUsers: not null } => false,
                _ => run.Scenario.Phases is not { Count: > 0 } phases || phases[0].KeepConstant is null && phases[0].RampingConstant is null,
            },
            Thresholds = latest?.Thresholds
                ?? (run.Scenario.Thresholds ?? []).Select(t => new ThresholdState(t.Expression, null, null, null)).ToArray(),
            Kinds = (latest?.Tasks.Kinds ?? []).OrderByDescending(k => k.Count).Take(options.MaxKindRows).ToArray(),
            Slowest = samples.Where(s => s.Reason == "slowest").OrderByDescending(s => s.LifetimeMs).Take(options.MaxSampleRows).ToArray(),
            Recent = recentFirst.SelectMany(s => s.Samples.Where(x => x.Reason != "slowest")).Take(options.MaxSampleRows).ToArray(),
            Sweep = sweep,
            Assumptions = QueueingAssumptions.Describe(QueueingAssumptions.ArrivalCv2(run.Scenario.Arrivals)),
            Charts = RunCharts.Of(history, sweep, options.ChartWindowPoints, previous?.Charts),
        };
    }

    public string TargetValue => Latest switch
    {
        { TargetRate: { } rate } => FigureFormat.Compact(rate),
        { TargetUsers: { } users } => FigureFormat.Count(users),
        _ => FigureFormat.Missing,
    };

    public string TargetUnit => Latest switch
    {
        { TargetRate: not null } => "requests/s",
        { TargetUsers: not null } => "users",
        _ => "",
    };
}
