using Dashboard.Client.Charts;
using Dashboard.Client.Formatting;
using Dashboard.Contracts.Loop;
using Dashboard.Contracts.Runs;

namespace Dashboard.Client.Live;

/// <summary>
/// What a run's live page shows, read from <see cref="IRunDirectory"/>: the run, its newest
/// snapshot, the tables' rows and the charts' windows. Built once per update in the host for
/// every viewer of the run. A part that did not change since the previous view (a chart whose
/// interval is the same, a table whose rows read the same) is the previous view's own object, so
/// its component skips the render and the browser gets nothing for it.
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

    /// <summary>The run's worst single blocks so far, worst first (the run's own tally).</summary>
    public IReadOnlyList<SlowStepInfo> WorstBlocks { get; init; } = [];

    /// <summary>Blockers summed per kind, most harmful first.</summary>
    public IReadOnlyList<BlockerSummary> Blockers { get; init; } = [];

    /// <summary>The sweep so far: the newest snapshot's while running, the run's final one once ended.</summary>
    public SweepReport? Sweep { get; init; }

    /// <summary>What the queueing models assume of this run's arrivals, in one sentence.</summary>
    public string Assumptions { get; init; } = "";

    public RunCharts Charts { get; init; } = RunCharts.Empty;

    /// <summary>Each loop's figures in the latest interval when the run is spread over several; empty with one.</summary>
    public IReadOnlyList<LoopThreadRow> Loops { get; init; } = [];

    /// <summary>The utilization chart: with several loops, a line per loop beside the total.</summary>
    public ChartSpec UtilizationSpec { get; init; } = RunCharts.UtilizationChart;

    /// <summary>The waiting chart: with several loops, each loop's p99 beside all tasks'.</summary>
    public ChartSpec WaitingSpec { get; init; } = RunCharts.WaitingChart;

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
            Kinds = Kept(previous?.Kinds, (latest?.Tasks.Kinds ?? []).OrderByDescending(k => k.Count).Take(options.MaxKindRows).ToArray(), Equals),
            Slowest = Kept(previous?.Slowest, samples.Where(s => s.Reason == "slowest").OrderByDescending(s => s.LifetimeMs).Take(options.MaxSampleRows).ToArray(), ReferenceEquals),
            Recent = Kept(previous?.Recent, recentFirst.SelectMany(s => s.Samples.Where(x => x.Reason != "slowest")).Take(options.MaxSampleRows).ToArray(), ReferenceEquals),
            // The tally is made again for every read: rows that read the same are the same rows.
            WorstBlocks = Kept(previous?.WorstBlocks, info.WorstBlocks.Take(options.MaxBlockerRows).ToArray(), (a, b) =>
                a.TaskId == b.TaskId && a.DurationMs.Equals(b.DurationMs) && a.VictimCount == b.VictimCount && a.VictimWaitingMs.Equals(b.VictimWaitingMs)),
            Blockers = Kept(previous?.Blockers, info.Blockers.Take(options.MaxBlockerRows).ToArray(), (a, b) =>
                a.Kind == b.Kind && a.Loop == b.Loop && a.Steps == b.Steps && a.Victims == b.Victims && a.VictimWaitingMs.Equals(b.VictimWaitingMs)),
            Sweep = sweep,
            Assumptions = QueueingAssumptions.Describe(QueueingAssumptions.ArrivalCv2(run.Scenario.Arrivals), info.Loops ?? 1),
            Charts = RunCharts.Of(history, sweep, options.ChartWindowPoints, previous?.Charts, LoopsOf(info)),
            Loops = LoopsOf(info) > 1 ? LoopThreadRow.Of(latest, previous?.Loops) : [],
            UtilizationSpec = previous?.UtilizationSpec ?? RunCharts.UtilizationChartFor(LoopsOf(info)),
            WaitingSpec = previous?.WaitingSpec ?? RunCharts.WaitingChartFor(LoopsOf(info)),
        };
    }

    private static int LoopsOf(RunInfo info) => info.Loops ?? 1;

    /// <summary>The previous list itself when every row is the same as the new one's, so its table skips the render.</summary>
    private static IReadOnlyList<T> Kept<T>(IReadOnlyList<T>? previous, IReadOnlyList<T> current, Func<T, T, bool> same)
    {
        if (previous is null || previous.Count != current.Count)
        {
            return current;
        }

        for (var i = 0; i < current.Count; i++)
        {
            if (!same(previous[i], current[i]))
            {
                return current;
            }
        }

        return previous;
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
