using Dashboard.Load.Thresholds;

namespace Dashboard.Load.Scenarios;

/// <summary>A validated scenario resolved for the engine: defaults applied, durations parsed,
/// request kinds turned into method + path + body on one origin.</summary>
internal sealed class LoadPlan
{
    public required string Name { get; init; }

    /// <summary>Where every request goes (scheme, host and port).</summary>
    public required Uri Origin { get; init; }

    public required IReadOnlyList<RequestKindPlan> Kinds { get; init; }

    public required IReadOnlyList<PhasePlan> Phases { get; init; }

    public required int Connections { get; init; }

    public required TimeSpan RequestTimeout { get; init; }

    public required int MaxInFlight { get; init; }

    public required bool PoissonArrivals { get; init; }

    /// <summary>The seed given, or null to draw one per run.</summary>
    public required int? Seed { get; init; }

    public required IReadOnlyList<ThresholdExpression> Thresholds { get; init; }

    public required TimeSpan Interval { get; init; }

    /// <summary>The scenario's sweep phase (at most one), expanded into <see cref="Phases"/> as steps.</summary>
    public SweepPlan? Sweep { get; init; }

    /// <summary>The scenario's warm-up (zero without one): <see cref="WarmUpPhases"/> last this long.</summary>
    public TimeSpan WarmUp { get; init; }

    /// <summary>What the warm-up plays: the measured phases from their start, the last one cut
    /// where the warm-up ends (a cut ramp ends at the rate or user count it had reached).</summary>
    public IReadOnlyList<PhasePlan> WarmUpPhases { get; init; } = [];

    /// <summary>The measured phases' duration (the warm-up not included).</summary>
    public TimeSpan TotalDuration => Phases.Aggregate(TimeSpan.Zero, (sum, p) => sum + p.Duration);
}
