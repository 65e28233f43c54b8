using Dashboard.Client.Charts;
using Dashboard.Client.Formatting;
using Dashboard.Contracts.Loop;

namespace Dashboard.Client.Live;

/// <summary>A headline figure as the page shows it: label, value, unit, a line saying what it measures.</summary>
public sealed record FigureText(string Label, string Figure, string Value, string Unit, string Hint);

/// <summary>
/// What the loop page shows, every figure already in words: built once per update in the host
/// from <see cref="ILoopStatusSource"/> and shared by every viewer. Parts that did not change
/// since the previous view are the previous view's own objects, so the components that show them
/// see the same reference and skip their render.
/// </summary>
public sealed record LoopView
{
    public required bool Running { get; init; }

    public required string Sequence { get; init; }

    public required string Duration { get; init; }

    public required string EndedAt { get; init; }

    public required IReadOnlyList<FigureText> Figures { get; init; }

    public required string TasksCompleted { get; init; }

    public required IReadOnlyList<SlowStepInfo> SlowSteps { get; init; }

    public required IReadOnlyList<TaskKindBreakdown> Kinds { get; init; }

    public required string KindsNote { get; init; }

    /// <summary>The per-kind table split by loop, one entry per loop, while several run; empty with one loop.</summary>
    public IReadOnlyList<LoopKinds> KindsByLoop { get; init; } = [];

    public required ChartWindow Utilization { get; init; }

    public required ChartWindow ReadyDepth { get; init; }

    public required ChartWindow TimerLag { get; init; }

    public required LoopServerText Server { get; init; }

    /// <summary>The process pool behind <c>process</c> steps; null where the host has none.</summary>
    public ProcessPoolText? ProcessPool { get; init; }

    /// <summary>Each loop's own figures when there are several; empty with one loop.</summary>
    public required IReadOnlyList<LoopThreadRow> Loops { get; init; }

    /// <summary>The utilization chart: the total, and with several loops a line per loop.</summary>
    public required ChartSpec UtilizationSpec { get; init; }


    public static readonly ChartSpec ReadyDepthChart = new("ready-depth", "tasks", [new("mean", "#1f8a8a", Fill: true), new("max", "#9bb7d4")]);

    public static readonly ChartSpec TimerLagChart = new("timer-lag", "ms", [new("p99", "#8a4fc7", Fill: true)]);

    /// <summary>The live feed of the loop page: the source read at most once per <see cref="DashboardUiOptions.LiveRefresh"/>.</summary>
    public static LiveFeed<LoopView> Feed(ILoopStatusSource source, DashboardUiOptions options, TimeProvider time) =>
        new(previous => Read(source, options, previous), options.LiveRefresh, time);

    public static LoopView Read(ILoopStatusSource source, DashboardUiOptions options, LoopView? previous = null)
    {
        var status = source.Status();
        var latest = status.Latest;
        var kinds = status.Kinds.OrderByDescending(k => k.Count).Take(options.MaxKindRows).ToArray();
        var slowSteps = (latest?.SlowSteps ?? []).Take(options.MaxSlowStepRows).ToArray();
        var sameInterval = previous is not null && previous.Sequence == SequenceText(latest);
        ChartWindow utilization, readyDepth, timerLag;
        if (sameInterval)
        {
            (utilization, readyDepth, timerLag) = (previous!.Utilization, previous.ReadyDepth, previous.TimerLag);
        }
        else
        {
            var intervals = source.RecentIntervals();
            var capacity = options.ChartWindowPoints;
            utilization = ChartWindow.From(intervals, capacity, Seconds, [i => i.Utilization * 100, .. Enumerable.Range(0, LoopCount(status)).Select(UtilizationOfLoop)]);
            readyDepth = ChartWindow.From(intervals, capacity, Seconds, i => i.ReadyDepthMean, i => i.ReadyDepthMax);
            // An interval in which no timer fired has no lag to show.
            timerLag = ChartWindow.From(intervals, capacity, Seconds, i => i.TimerCount > 0 ? i.TimerLagP99Ms : null);
        }

        return new LoopView
        {
            Running = status.Running,
            Sequence = SequenceText(latest),
            Duration = latest is null ? FigureFormat.Missing : FigureFormat.Adaptive(latest.DurationMs),
            EndedAt = latest is null ? FigureFormat.Missing : FigureFormat.ClockUtc(latest.At),
            Figures = FiguresOf(status, latest),
            TasksCompleted = FigureFormat.Count(status.TasksCompleted),
            SlowSteps = sameInterval ? previous!.SlowSteps : slowSteps,
            Kinds = previous is not null && previous.Kinds.SequenceEqual(kinds) ? previous.Kinds : kinds,
            KindsNote = status.Kinds.Count > kinds.Length
                ? $"Showing the {FigureFormat.Count(kinds.Length)} most frequent of {FigureFormat.Count(status.Kinds.Count)} kinds."
                : "",
            Utilization = utilization,
            ReadyDepth = readyDepth,
            TimerLag = timerLag,
            KindsByLoop = LoopKinds.Of(status, options.MaxKindRows, previous?.KindsByLoop),
            Server = LoopServerText.From(status.Server, previous?.Server),
            ProcessPool = ProcessPoolText.From(status.ProcessPool, previous?.ProcessPool),
            Loops = LoopThreadRow.Of(status, previous?.Loops),
            UtilizationSpec = previous?.UtilizationSpec ?? UtilizationChartFor(LoopCount(status)),
        };
    }

    /// <summary>The utilization chart for <paramref name="loops"/> loops: the total, plus one line per loop when there are several.</summary>
    public static ChartSpec UtilizationChartFor(int loops)
    {
        return new ChartSpec("utilization", "%", LoopLines.Utilization(loops)) { YMax = 100 };
    }

    private static int LoopCount(LoopStatus status) => status.Loops.Count > 1 ? status.Loops.Count : 0;

    /// <summary>Loop <paramref name="index"/>'s utilization in a group interval (%), or nothing when it reported in another.</summary>
    private static Func<LoopInterval, double?> UtilizationOfLoop(int index) =>
        interval => LoopLines.Member(interval, index) is { } own ? own.Utilization * 100 : null;

    private static double Seconds(LoopInterval interval) => interval.At.ToUnixTimeMilliseconds() / 1000.0;

    private static string SequenceText(LoopInterval? latest) =>
        latest is null ? FigureFormat.Missing : "#" + latest.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static FigureText[] FiguresOf(LoopStatus status, LoopInterval? latest)
    {
        string Of(Func<LoopInterval, string> format) => latest is null ? FigureFormat.Missing : format(latest);
        return
        [
            new("Utilization", "utilization", Of(l => FigureFormat.Percent(l.Utilization)), "%", "time the loop was busy running steps"),
            new("Ready queue, mean", "ready-mean", Of(l => FigureFormat.Adaptive(l.ReadyDepthMean)), "tasks", "steps queued for the loop, on average"),
            new("Ready queue, max", "ready-max", Of(l => FigureFormat.Count(l.ReadyDepthMax)), "tasks", "longest queue seen in the interval"),
            new("Steps", "steps-per-second", Of(l => FigureFormat.Adaptive(l.StepsPerSecond)), "/s", "continuations run on the loop"),
            new("Timer lag p50", "timer-lag-p50", Of(l => FigureFormat.Adaptive(l.TimerLagP50Ms)), "ms", "how late timers fired, median"),
            new("Timer lag p99", "timer-lag-p99", Of(l => FigureFormat.Adaptive(l.TimerLagP99Ms)), "ms", "how late timers fired, 99th percentile"),
            new("Tasks alive", "tasks-alive", FigureFormat.Count(latest?.TasksAlive ?? status.TasksAlive), "tasks", "created and not yet completed"),
            new("Slow steps", "slow-steps", Of(l => FigureFormat.Count(l.SlowStepCount)), "steps", "single steps that held the loop too long"),
            new("Thread-pool queue", "thread-pool-queued", FigureFormat.Count(status.ThreadPoolQueued), "items", "work waiting for a thread-pool thread now: offloaded steps and synchronous handlers wait there, not on the loop"),
            new("Thread-pool threads", "thread-pool-threads", FigureFormat.Count(status.ThreadPoolThreads), "threads", "the host's thread-pool threads now; blocked ones make the pool add more, slowly"),
        ];
    }
}
