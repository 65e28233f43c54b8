using System.Collections.Frozen;

namespace Dashboard.Load.Thresholds;

/// <summary>
/// The metrics a threshold can name. Load metrics come from the run itself; <c>loop.*</c> metrics
/// are supplied by an <see cref="ILoopMetricsSource"/> under exactly these names (durations in
/// milliseconds, percentages in percent).
/// </summary>
public static class ThresholdMetrics
{
    private static readonly string[] Statistics = ["p50", "p75", "p90", "p95", "p99", "p99.9", "max", "mean"];

    private static readonly string[] LoadDurationGroups = ["latency", "latency.raw", "lateness"];

    private static readonly string[] LoopDurationGroups = ["loop.waiting", "loop.awake", "loop.asleep", "loop.timerLag"];

    private static readonly (string Name, MetricKind Kind)[] LoadScalars =
    [
        ("errors.rate", MetricKind.Percent),
        ("errors", MetricKind.Percent),
        ("errors.count", MetricKind.Number),
        ("dropped.rate", MetricKind.Percent),
        ("dropped.count", MetricKind.Number),
        ("throughput", MetricKind.Number),
        ("requests.count", MetricKind.Number),
    ];

    private static readonly (string Name, MetricKind Kind)[] LoopScalars =
    [
        ("loop.utilization", MetricKind.Percent),
        ("loop.readyQueue.max", MetricKind.Number),
        ("loop.slowSteps", MetricKind.Number),
    ];

    private static readonly FrozenDictionary<string, MetricKind> Kinds = BuildKinds();

    /// <summary>Every <c>loop.*</c> metric name, for whoever implements <see cref="ILoopMetricsSource"/>.</summary>
    public static IReadOnlyList<string> LoopMetricNames { get; } =
        [.. LoopDurationGroups.SelectMany(g => Statistics.Select(s => $"{g}.{s}")), .. LoopScalars.Select(s => s.Name)];

    /// <summary>The metric list in compact form, for error messages.</summary>
    public static string Summary { get; } = BuildSummary();

    /// <summary>The kind of a metric, or null when the name is unknown.</summary>
    public static MetricKind? KindOf(string metric) => Kinds.TryGetValue(metric, out MetricKind kind) ? kind : null;

    /// <summary>Whether the metric comes from the loop rather than the load run.</summary>
    public static bool IsLoopMetric(string metric) => metric.StartsWith("loop.", StringComparison.Ordinal);

    /// <summary>The known name closest to a misspelt one, when one is close enough to suggest.</summary>
    internal static string? Suggest(string metric)
    {
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (string known in Kinds.Keys)
        {
            int distance = EditDistance(metric, known);
            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = known;
            }
        }

        return bestDistance <= Math.Max(2, metric.Length / 4) ? best : null;
    }

    private static FrozenDictionary<string, MetricKind> BuildKinds()
    {
        var kinds = new Dictionary<string, MetricKind>(StringComparer.Ordinal);
        foreach (string group in LoadDurationGroups.Concat(LoopDurationGroups))
        {
            foreach (string statistic in Statistics)
            {
                kinds[$"{group}.{statistic}"] = MetricKind.Duration;
            }
        }

        foreach ((string name, MetricKind kind) in LoadScalars.Concat(LoopScalars))
        {
            kinds[name] = kind;
        }

        return kinds.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static string BuildSummary()
    {
        string stats = string.Join(",", Statistics);
        IEnumerable<string> parts = LoadDurationGroups.Select(g => $"{g}.{{{stats}}}")
            .Concat(LoadScalars.Select(s => s.Name))
            .Concat(LoopDurationGroups.Select(g => $"{g}.{{{stats}}}"))
            .Concat(LoopScalars.Select(s => s.Name));
        return string.Join(", ", parts);
    }

    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
