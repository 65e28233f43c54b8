namespace Dashboard.Load.Scenarios;

internal enum PhaseKind
{
    Inject,
    RampingInject,
    KeepConstant,
    RampingConstant,
    Pause,

    /// <summary>One constant-rate step of a sweep phase.</summary>
    SweepStep,
}

/// <summary>One resolved phase. Ramps carry their start value (the previous phase's end value
/// of the same model, else 0); constant phases have start == end.</summary>
internal sealed record PhasePlan(
    int Index,
    PhaseKind Kind,
    TimeSpan Duration,
    double StartRate,
    double EndRate,
    int StartCopies,
    int EndCopies,
    TimeSpan Think)
{
    public bool IsOpen => Kind is PhaseKind.Inject or PhaseKind.RampingInject or PhaseKind.SweepStep;

    public bool IsClosed => Kind is PhaseKind.KeepConstant or PhaseKind.RampingConstant;

    /// <summary>The NBomber-style name shown in statistics: inject, rampingInject, keepConstant, rampingConstant, pause, sweep.</summary>
    public string Name => Kind switch
    {
        PhaseKind.Inject => "inject",
        PhaseKind.RampingInject => "rampingInject",
        PhaseKind.KeepConstant => "keepConstant",
        PhaseKind.RampingConstant => "rampingConstant",
        PhaseKind.SweepStep => "sweep",
        _ => "pause",
    };
}
