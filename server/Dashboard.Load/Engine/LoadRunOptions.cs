using Dashboard.Load.Statistics;
using Dashboard.Load.Thresholds;

namespace Dashboard.Load.Engine;

/// <summary>Per-run settings that are not part of the scenario.</summary>
public sealed class LoadRunOptions
{
    /// <summary>The run's id; also the prefix of every X-Correlation-Id (characters other than
    /// letters, digits, '-' and '_' become '_', at most 32 are used). Drawn when null.</summary>
    public string? RunId { get; init; }

    /// <summary>Source of the <c>loop.*</c> threshold metrics; without it those thresholds fail as not available.</summary>
    public ILoopMetricsSource? LoopMetrics { get; init; }

    /// <summary>Called on the reporting thread after each interval. Keep it short; it must not
    /// throw (if it does, it is detached and the summary says so).</summary>
    public Action<IntervalStatistics>? OnInterval { get; init; }
}
