namespace Dashboard.Load.Thresholds;

/// <summary>
/// Supplies the <c>loop.*</c> figures thresholds can name (see
/// <see cref="ThresholdMetrics.LoopMetricNames"/>), for the run so far: durations in
/// milliseconds, percentages in percent. A metric left out is reported as "not available" and
/// fails its threshold. Called from the engine's reporting thread, once per interval while a
/// threshold on a loop metric has <c>abortOnFail</c>, and once at the end.
/// </summary>
public interface ILoopMetricsSource
{
    /// <summary>The current loop figures by metric name.</summary>
    IReadOnlyDictionary<string, double> GetLoopMetrics();
}
