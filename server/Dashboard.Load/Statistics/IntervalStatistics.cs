namespace Dashboard.Load.Statistics;

/// <summary>The live figures of one reporting interval of a run.</summary>
public sealed record IntervalStatistics
{
    /// <summary>0 for the first interval.</summary>
    public int Index { get; init; }

    /// <summary>True for an interval of the warm-up: its figures count in no statistic, threshold or
    /// verdict (they are the warm-up's own, shown greyed).</summary>
    public bool WarmUp { get; init; }

    /// <summary>Start of the interval, in seconds since the run's start (a warm-up included).</summary>
    public double StartSeconds { get; init; }

    /// <summary>Measured length of the interval, in seconds.</summary>
    public double DurationSeconds { get; init; }

    /// <summary>Index of the phase running at the end of the interval (−1 after the last phase, while draining).</summary>
    public int PhaseIndex { get; init; }

    /// <summary>NBomber-style name of that phase (inject, rampingInject, keepConstant, rampingConstant, pause) or "drain".</summary>
    public string Phase { get; init; } = "";

    /// <summary>Arrival rate the engine aimed at when the interval ended (open-model phases).</summary>
    public double? TargetRate { get; init; }

    /// <summary>Virtual users the engine aimed at when the interval ended (closed-model phases).</summary>
    public int? TargetCopies { get; init; }

    /// <summary>Requests queued or on the wire at the end of the interval.</summary>
    public int InFlight { get; init; }

    public LoadStatistics Load { get; init; } = new();

    /// <summary>The interval's latency distributions themselves (null where none were kept); not serialized.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IntervalHistograms? Histograms { get; init; }
}
