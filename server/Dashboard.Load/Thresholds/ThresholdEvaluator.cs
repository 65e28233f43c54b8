using System.Globalization;
using Dashboard.Load.Statistics;

namespace Dashboard.Load.Thresholds;

/// <summary>
/// Judges thresholds against a run's figures (and the loop's, when a source supplies them). A
/// metric that has no value — no responses yet, no loop figures — fails with a message saying
/// so, because a threshold that cannot be checked must not pass silently.
/// </summary>
internal static class ThresholdEvaluator
{
    public static IReadOnlyList<ThresholdResult> Evaluate(
        IEnumerable<ThresholdExpression> thresholds,
        LoadStatistics load,
        IReadOnlyDictionary<string, double>? loopMetrics)
    {
        var results = new List<ThresholdResult>();
        foreach (ThresholdExpression threshold in thresholds)
        {
            results.Add(Evaluate(threshold, load, loopMetrics));
        }

        return results;
    }

    public static ThresholdResult Evaluate(
        ThresholdExpression threshold, LoadStatistics load, IReadOnlyDictionary<string, double>? loopMetrics)
    {
        (double? actual, string? missing) = Lookup(threshold.Metric, load, loopMetrics);
        if (actual is null)
        {
            return new ThresholdResult(threshold.Text, threshold.Metric, null, false, $"{threshold.Metric}: not available ({missing}): fail");
        }

        bool passed = threshold.IsSatisfiedBy(actual.Value);
        string message = $"{threshold.Metric} = {Format(actual.Value, threshold.Kind)} (limit {OperatorText(threshold.Operator)} {Format(threshold.Limit, threshold.Kind)}): {(passed ? "pass" : "fail")}";
        return new ThresholdResult(threshold.Text, threshold.Metric, actual, passed, message);
    }

    private static (double? Value, string? Missing) Lookup(
        string metric, LoadStatistics load, IReadOnlyDictionary<string, double>? loopMetrics)
    {
        if (ThresholdMetrics.IsLoopMetric(metric))
        {
            if (loopMetrics is null)
            {
                return (null, "no loop metrics were supplied");
            }

            return loopMetrics.TryGetValue(metric, out double value) && double.IsFinite(value)
                ? (value, null)
                : (null, "the loop metrics do not include it");
        }

        switch (metric)
        {
            case "errors.rate" or "errors":
                return load.Requests > 0 ? (load.ErrorRate, null) : (null, "no request finished");
            case "errors.count":
                return (load.Failures, null);
            case "dropped.rate":
                return load.Sent + load.Dropped > 0 ? (load.DropRate, null) : (null, "no request arrived");
            case "dropped.count":
                return (load.Dropped, null);
            case "throughput":
                return (load.Throughput, null);
            case "requests.count":
                return (load.Requests, null);
        }

        int split = metric.LastIndexOf('.');
        if (metric.EndsWith(".p99.9", StringComparison.Ordinal))
        {
            split = metric.Length - ".p99.9".Length;
        }

        string group = metric[..split];
        string statistic = metric[(split + 1)..];
        LatencySummary? summary = group switch
        {
            "latency" => load.Latency,
            "latency.raw" => load.RawLatency,
            "lateness" => load.SendLateness,
            _ => null,
        };
        if (summary is null)
        {
            return (null, "unknown metric");
        }

        if (summary.Count == 0)
        {
            return (null, group == "lateness" ? "no request was sent" : "no response was received");
        }

        return (summary.Get(statistic), null);
    }

    private static string OperatorText(ThresholdOperator op) => op switch
    {
        ThresholdOperator.Less => "<",
        ThresholdOperator.LessOrEqual => "<=",
        ThresholdOperator.Greater => ">",
        _ => ">=",
    };

    private static string Format(double value, MetricKind kind) => kind switch
    {
        MetricKind.Duration => value.ToString("0.###", CultureInfo.InvariantCulture) + "ms",
        MetricKind.Percent => value.ToString("0.###", CultureInfo.InvariantCulture) + "%",
        _ => value.ToString("0.###", CultureInfo.InvariantCulture),
    };
}
