using Dashboard.Client.Charts;
using Dashboard.Client.Live;
using Dashboard.Contracts.Runs;

namespace Dashboard.Client.Comparing;

/// <summary>
/// Two runs' charts overlaid on one axis of seconds since each run began: A solid, B dashed, in
/// the colours the comparison report uses. The series are the live run page's own
/// (<see cref="RunCharts"/>), so a figure reads the same on both pages.
/// </summary>
public sealed record CompareCharts
{
    public const string ColorA = "#1f77b4";
    public const string ColorB = "#e8833a";

    private static readonly double[] DashB = [6, 4];

    public static readonly ChartSpec LatencyChart = Spec("compare-latency", "ms");

    public static readonly ChartSpec ThroughputChart = Spec("compare-throughput", "/s");

    public static readonly ChartSpec WaitingChart = Spec("compare-waiting", "ms");

    public static readonly ChartSpec UtilizationChart = Spec("compare-utilization", "%") with { YMax = 100 };

    public static readonly CompareCharts Empty = new()
    {
        Latency = ChartWindow.Empty,
        Throughput = ChartWindow.Empty,
        Waiting = ChartWindow.Empty,
        Utilization = ChartWindow.Empty,
    };

    /// <summary>Corrected latency p99 of each interval.</summary>
    public required ChartWindow Latency { get; init; }

    public required ChartWindow Throughput { get; init; }

    /// <summary>Waiting p99 of the tasks completed in each interval.</summary>
    public required ChartWindow Waiting { get; init; }

    public required ChartWindow Utilization { get; init; }

    /// <summary>Points a chart holds for two runs of at most <paramref name="capacity"/> intervals each (thinning keeps a run's last interval too).</summary>
    public static int PointsFor(int capacity) => 2 * (capacity + 1);

    /// <summary>
    /// The two runs' snapshots (oldest first) on one axis. A run with more intervals than
    /// <paramref name="capacity"/> is thinned evenly to that many, so both stay whole.
    /// </summary>
    public static CompareCharts Of(IReadOnlyList<RunSnapshot> a, IReadOnlyList<RunSnapshot> b, int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        var first = Thin(a, capacity);
        var second = Thin(b, capacity);
        return new CompareCharts
        {
            Latency = Overlay(first, second, RunCharts.LatencyP99Of),
            Throughput = Overlay(first, second, RunCharts.ThroughputOf),
            Waiting = Overlay(first, second, RunCharts.WaitingP99Of),
            Utilization = Overlay(first, second, RunCharts.UtilizationOf),
        };
    }

    /// <summary>One x column, the union of both runs' interval ends; each run's line null where the x is the other run's.</summary>
    internal static ChartWindow Overlay(IReadOnlyList<RunSnapshot> a, IReadOnlyList<RunSnapshot> b, Func<RunSnapshot, double?> series)
    {
        var points = new SortedDictionary<double, (double? A, double? B)>();
        foreach (var snapshot in a)
        {
            points[snapshot.ElapsedSeconds] = (Finite(series(snapshot)), points.GetValueOrDefault(snapshot.ElapsedSeconds).B);
        }

        foreach (var snapshot in b)
        {
            points[snapshot.ElapsedSeconds] = (points.GetValueOrDefault(snapshot.ElapsedSeconds).A, Finite(series(snapshot)));
        }

        return new ChartWindow([.. points.Keys], [[.. points.Values.Select(p => p.A)], [.. points.Values.Select(p => p.B)]]);
    }

    private static IReadOnlyList<RunSnapshot> Thin(IReadOnlyList<RunSnapshot> snapshots, int capacity)
    {
        if (snapshots.Count <= capacity)
        {
            return snapshots;
        }

        // Every stride-th interval, and always the last, so the line ends where the run ended.
        var stride = (int)Math.Ceiling(snapshots.Count / (double)capacity);
        var thinned = new List<RunSnapshot>(capacity + 1);
        for (var i = 0; i < snapshots.Count; i += stride)
        {
            thinned.Add(snapshots[i]);
        }

        if (!ReferenceEquals(thinned[^1], snapshots[^1]))
        {
            thinned.Add(snapshots[^1]);
        }

        return thinned;
    }

    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;

    private static ChartSpec Spec(string name, string unit) =>
        new(name, unit, [new ChartLine("A", ColorA), new ChartLine("B", ColorB) { Dash = DashB }])
        {
            XUnit = "s",
            SpanGaps = true,
            ReplaceEachWindow = true,
        };
}
