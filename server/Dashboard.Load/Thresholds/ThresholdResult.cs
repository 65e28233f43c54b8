namespace Dashboard.Load.Thresholds;

/// <summary>The verdict on one threshold.</summary>
/// <param name="Expression">The threshold as written.</param>
/// <param name="Metric">The metric it names.</param>
/// <param name="Actual">The measured value in the metric's unit (milliseconds, percent or a
/// plain number); null when not available.</param>
/// <param name="Passed">Whether the actual value satisfied the expression.</param>
/// <param name="Message">A readable verdict, e.g. "latency.p99 = 12.3ms (limit &lt; 50ms): pass"
/// or "loop.waiting.p99: not available (no loop metrics were supplied)".</param>
public sealed record ThresholdResult(string Expression, string Metric, double? Actual, bool Passed, string Message);
