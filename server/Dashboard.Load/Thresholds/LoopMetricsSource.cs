namespace Dashboard.Load.Thresholds;

/// <summary>An <see cref="ILoopMetricsSource"/> over a callback, for wiring the loop's figures
/// in without a class of one's own.</summary>
public sealed class LoopMetricsSource(Func<IReadOnlyDictionary<string, double>> read) : ILoopMetricsSource
{
    /// <inheritdoc />
    public IReadOnlyDictionary<string, double> GetLoopMetrics() => read();
}
