using Dashboard.Client.Charts;
using Dashboard.Client.Formatting;
using Dashboard.Contracts.Runs;

namespace Dashboard.Client.Live;

/// <summary>
/// The live run page's charts, one point per snapshot with x in seconds since the run began
/// (throughput and errors, latency corrected and raw, waiting on the loop, utilization, ready
/// queue, the awake / waiting / asleep shares, measured waiting beside M/G/1 and Kingman), and the
/// sweep's curve against offered rate. Every colour, label and scale rule is here.
/// </summary>
public sealed record RunCharts
{
    /// <summary>Predictions, or a sweep's saturated steps, above this many times the measured peak run off the top.</summary>
    public const double Headroom = 3;

    private static readonly double[] RawDash = [4, 3];

    public static readonly RunCharts Empty = new()
    {
        Sequence = -1,
        Throughput = ChartWindow.Empty,
        Latency = ChartWindow.Empty,
        Waiting = ChartWindow.Empty,
        Utilization = ChartWindow.Empty,
        ReadyDepth = ChartWindow.Empty,
        Share = ChartWindow.Empty,
        Prediction = ChartWindow.Empty,
        Sweep = ChartWindow.Empty,
    };

    public static readonly ChartSpec ThroughputChart = new("throughput", "/s", [new("throughput", "#3461c1", Fill: true), new("errors", "#b42318")]) { XUnit = "s" };

    public static readonly ChartSpec LatencyChart = new("latency", "ms",
    [
        new("p50", "#1f8a8a"),
        new("p99", "#8a4fc7"),
        new("p50 raw", "#1f8a8a") { Dash = RawDash },
        new("p99 raw", "#8a4fc7") { Dash = RawDash },
    ]) { XUnit = "s" };

    public static readonly ChartSpec WaitingChart = new("waiting", "ms", [new("p99", "#e58a16", Fill: true), new("mean", "#f2c27a")]) { XUnit = "s" };

    public static readonly ChartSpec UtilizationChart = UtilizationChartFor(1);

    /// <summary>Utilization of a run on <paramref name="loops"/> loops: the total, and a line per loop when there are several.</summary>
    public static ChartSpec UtilizationChartFor(int loops) =>
        new("utilization", "%", LoopLines.Utilization(loops)) { XUnit = "s", YMax = 100 };

    /// <summary>Waiting of a run on <paramref name="loops"/> loops: p99 and mean of all tasks, and each loop's p99 when there are several.</summary>
    public static ChartSpec WaitingChartFor(int loops) =>
        loops > 1 ? WaitingChart with { Lines = [.. WaitingChart.Lines, .. LoopLines.For(loops).Select(l => l with { Label = l.Label + " p99" })] } : WaitingChart;

    public static readonly ChartSpec ReadyDepthChart = new("ready-depth", "tasks", [new("mean", "#1f8a8a", Fill: true), new("max", "#9bb7d4")]) { XUnit = "s" };

    /// <summary>The tops of the stacked shares, highest first: asleep (100), waiting, awake (the page's state colours).</summary>
    public static readonly ChartSpec ShareChart = new("share", "%", [new("asleep", "#b9c1cc"), new("waiting", "#e58a16"), new("awake", "#3d6fd6")])
    {
        XUnit = "s",
        YMax = 100,
        Stacked = true,
    };

    /// <summary>A gap in a prediction is an interval at utilization 1 or more: no steady state, rather than a made-up value.</summary>
    public static readonly ChartSpec PredictionChart = new("prediction", "ms",
    [
        new("measured mean", "#e58a16", Fill: true),
        new("M/G/1", "#1f8a8a") { Dash = RawDash },
        new("Kingman", "#3461c1") { Dash = [2, 2] },
    ]) { XUnit = "s" };

    /// <summary>
    /// Kingman takes the arrivals' variability too: the model to read for evenly spaced arrivals;
    /// for Poisson ones it draws over the M/G/1 line.
    /// </summary>
    public static readonly ChartSpec SweepChart = new("sweep", "ms",
    [
        new("waiting p99", "#e58a16", Fill: true),
        new("waiting mean", "#f2c27a"),
        new("latency p99", "#8a4fc7"),
        new("M/G/1 predicted mean", "#1f8a8a") { Dash = RawDash },
        new("Kingman predicted mean", "#4c6fd1") { Dash = [2, 4] },
    ])
    {
        XUnit = "/s",
        Height = 220,
        Points = true,
        ReplaceEachWindow = true,
        XFromZero = true,
    };

    /// <summary>The newest snapshot's sequence the time charts were read at (-1 for none).</summary>
    public required long Sequence { get; init; }

    public required ChartWindow Throughput { get; init; }

    public required ChartWindow Latency { get; init; }

    public required ChartWindow Waiting { get; init; }

    public required ChartWindow Utilization { get; init; }

    public required ChartWindow ReadyDepth { get; init; }

    public required ChartWindow Share { get; init; }

    public required ChartWindow Prediction { get; init; }

    public required ChartWindow Sweep { get; init; }

    /// <summary>Says how many older intervals the time charts no longer show; empty while they show every one.</summary>
    public string DroppedNote { get; init; } = "";

    /// <summary>The charts of a run's recent snapshots (oldest first) and sweep; the previous charts' windows where nothing changed.</summary>
    /// <param name="loops">Loops the run was spread over: with several, the utilization and waiting charts get a line per loop.</param>
    public static RunCharts Of(IReadOnlyList<RunSnapshot> history, SweepReport? sweep, int capacity, RunCharts? previous = null, int loops = 1)
    {
        ArgumentNullException.ThrowIfNull(history);
        var sequence = history.Count > 0 ? history[^1].Sequence : -1;
        var sweepWindow = previous is not null && Equals(previous.SweepReport, sweep) ? previous.Sweep : SweepWindow(sweep);
        if (previous is not null && previous.Sequence == sequence)
        {
            return ReferenceEquals(sweepWindow, previous.Sweep) ? previous : previous with { Sweep = sweepWindow, SweepReport = sweep };
        }

        var veil = WarmUpVeil(history, capacity);
        ChartWindow Window(params Func<RunSnapshot, double?>[] lines) =>
            ChartWindow.From(history, capacity, s => s.ElapsedSeconds, lines) with { Veil = veil };

        var prediction = Window(
            s => s.Prediction?.MeasuredMeanMs,
            s => s.Prediction?.PredictedMgOneMs,
            s => s.Prediction?.PredictedKingmanMs);
        var shown = Math.Min(history.Count, capacity);
        var dropped = sequence - shown;
        return new RunCharts
        {
            Sequence = sequence,
            Throughput = Window(ThroughputOf, s => s.IntervalSeconds > 0 ? s.Load.Failures / s.IntervalSeconds : null),
            Latency = Window(
                s => s.Load.Requests > 0 ? s.Load.Corrected.P50Ms : null,
                LatencyP99Of,
                s => s.Load.Requests > 0 ? s.Load.Raw.P50Ms : null,
                s => s.Load.Requests > 0 ? s.Load.Raw.P99Ms : null),
            Waiting = Window([WaitingP99Of, s => s.Tasks.Overall.Count > 0 ? s.Tasks.Overall.Waiting.MeanMs : null, .. PerLoop(loops, WaitingP99OfLoop)]),
            Utilization = Window([UtilizationOf, .. PerLoop(loops, UtilizationOfLoop)]),
            ReadyDepth = Window(s => s.Loop?.ReadyDepthMean, s => s.Loop?.ReadyDepthMax),
            Share = Window(s => ShareTop(s, 0), s => ShareTop(s, 1), s => ShareTop(s, 2)),
            Prediction = prediction with { YTop = TopWithHeadroom(prediction.Columns[0], prediction.Columns.Skip(1)) },
            Sweep = sweepWindow,
            SweepReport = sweep,
            DroppedNote = dropped > 0
                ? $"The charts show the newest {FigureFormat.Count(shown)} intervals; the {FigureFormat.Count(dropped)} before them are dropped from the charts (the run's reports keep every interval)."
                : "",
        };
    }

    /// <summary>Requests answered per second in the interval.</summary>
    internal static double? ThroughputOf(RunSnapshot snapshot) => snapshot.Load.ThroughputPerSecond;

    /// <summary>Corrected latency p99; an interval in which no request ended has no latency (not 0 ms).</summary>
    internal static double? LatencyP99Of(RunSnapshot snapshot) => snapshot.Load.Requests > 0 ? snapshot.Load.Corrected.P99Ms : null;

    /// <summary>Waiting p99 of the tasks completed in the interval; none when none completed.</summary>
    internal static double? WaitingP99Of(RunSnapshot snapshot) => snapshot.Tasks.Overall.Count > 0 ? snapshot.Tasks.Overall.Waiting.P99Ms : null;

    /// <summary>The loop's utilization in the interval, in percent.</summary>
    internal static double? UtilizationOf(RunSnapshot snapshot) => snapshot.Loop is { } loop ? loop.Utilization * 100 : null;

    /// <summary>Loop <paramref name="index"/>'s utilization in the interval, in percent (none when it did not report in it).</summary>
    internal static double? UtilizationOfLoop(RunSnapshot snapshot, int index) => LoopLines.Member(snapshot.Loop, index) is { } own ? own.Utilization * 100 : null;

    /// <summary>Waiting p99 of the tasks loop <paramref name="index"/> completed in the interval; none when it completed none.</summary>
    internal static double? WaitingP99OfLoop(RunSnapshot snapshot, int index) =>
        index < snapshot.Tasks.Loops.Count && snapshot.Tasks.Loops[index] is { Count: > 0 } own ? own.Waiting.P99Ms : null;

    private static IEnumerable<Func<RunSnapshot, double?>> PerLoop(int loops, Func<RunSnapshot, int, double?> figure) =>
        loops > 1 ? Enumerable.Range(0, loops).Select(i => (Func<RunSnapshot, double?>)(s => figure(s, i))) : [];

    /// <summary>The sweep the curve was drawn from (to know whether it changed).</summary>
    private SweepReport? SweepReport { get; init; }

    /// <summary>
    /// A stacked share's top: 0 asleep (100 %), 1 waiting (awake + waiting), 2 awake; null when no
    /// task completed in the interval.
    /// </summary>
    internal static double? ShareTop(RunSnapshot snapshot, int band)
    {
        var overall = snapshot.Tasks.Overall;
        var (awake, waiting, asleep) = (overall.Awake.SumMs, overall.Waiting.SumMs, overall.Asleep.SumMs);
        var total = awake + waiting + asleep;
        if (!(total > 0) || !double.IsFinite(total))
        {
            return null;
        }

        return band switch
        {
            0 => 100,
            1 => (awake + waiting) / total * 100,
            _ => awake / total * 100,
        };
    }

    /// <summary>
    /// A top that follows the measured line and lets others run off it: near saturation the
    /// models' figures shoot towards infinity, and one such point would flatten the measurement.
    /// The others are shown up to <see cref="Headroom"/> times the measured peak.
    /// </summary>
    internal static double? TopWithHeadroom(IEnumerable<double?> measured, IEnumerable<IEnumerable<double?>> others)
    {
        var peak = Peak(measured);
        var otherPeak = others.Select(Peak).DefaultIfEmpty(0).Max();
        var top = peak > 0 ? Math.Max(peak, Math.Min(otherPeak, Headroom * peak)) : otherPeak;
        return top > 0 ? top : null;
    }

    private static double Peak(IEnumerable<double?> values) =>
        values.Where(v => v is { } x && double.IsFinite(x)).Select(v => v!.Value).DefaultIfEmpty(0).Max();

    /// <summary>The warm-up's intervals come first and count in no figure: veiled up to the last of them.</summary>
    private static ChartVeil? WarmUpVeil(IReadOnlyList<RunSnapshot> history, int capacity)
    {
        for (var i = history.Count - 1; i >= Math.Max(0, history.Count - capacity); i--)
        {
            if (history[i].WarmUp)
            {
                return new ChartVeil(history[i].ElapsedSeconds, "warm-up");
            }
        }

        return null;
    }

    /// <summary>
    /// The sweep's curve, one point per step in order of offered rate, the knee and the best case
    /// marked; the top follows the steps that did not saturate, so a saturated one does not
    /// flatten the knee.
    /// </summary>
    private static ChartWindow SweepWindow(SweepReport? sweep)
    {
        if (sweep is null)
        {
            return ChartWindow.Empty;
        }

        var steps = sweep.Steps.Where(s => double.IsFinite(s.OfferedRate)).OrderBy(s => s.OfferedRate).ToArray();
        Func<SweepStep, double?>[] lines =
        [
            s => s.Waiting.P99Ms,
            s => s.Waiting.MeanMs,
            s => s.Latency.P99Ms,
            s => s.Prediction?.PredictedMgOneMs,
            s => s.Prediction?.PredictedKingmanMs,
        ];
        var window = ChartWindow.From(steps, Math.Max(steps.Length, 1), s => s.OfferedRate, lines);
        var regular = steps.Where(s => !s.Saturated).SelectMany(s => lines.Select(l => l(s)));
        var all = steps.SelectMany(s => lines.Select(l => l(s)));
        var marks = new List<ChartMark>();
        if (sweep.KneeRate is { } knee)
        {
            marks.Add(new ChartMark(knee, $"knee {FigureFormat.Compact(knee)}/s", "#b42318"));
        }

        if (sweep.Best is { } best)
        {
            marks.Add(new ChartMark(best.Rate, $"best {FigureFormat.Compact(best.Rate)}/s", "#1a7f37"));
        }

        return window with { YTop = TopWithHeadroom(regular, [all]), Marks = marks };
    }
}
