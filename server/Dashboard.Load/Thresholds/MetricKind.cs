namespace Dashboard.Load.Thresholds;

/// <summary>What a threshold metric measures, which fixes how its value is written.</summary>
public enum MetricKind
{
    /// <summary>A time, written with a unit (50ms, 1s, 250us); compared in milliseconds.</summary>
    Duration,

    /// <summary>A share, written with a percent sign (1%); compared in percent.</summary>
    Percent,

    /// <summary>A plain number (a count, or requests per second).</summary>
    Number,
}
