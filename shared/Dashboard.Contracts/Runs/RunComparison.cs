namespace Dashboard.Contracts.Runs;

/// <summary>Two runs' key figures side by side (<c>GET /api/compare?a=ID&amp;b=ID</c>).</summary>
public sealed record RunComparison(RunInfo A, RunInfo B, IReadOnlyList<FigureComparison> Figures)
{
    /// <summary>Every threshold of either run, in the order the runs list them: each run's state, null where that run has no such threshold.</summary>
    public IReadOnlyList<ThresholdComparison> Thresholds { get; init; } = [];

    /// <summary>What to keep in mind reading the differences (runs of different scenarios, or of one scenario with other settings); null when nothing.</summary>
    public string? Note { get; init; }
}

/// <summary>One threshold in both runs: its final state (or its state at the last stored interval), null where the run has no such threshold.</summary>
public sealed record ThresholdComparison(string Expression, ThresholdState? A, ThresholdState? B);

/// <summary>
/// One figure of both runs: <see cref="Difference"/> is B − A, <see cref="RelativeChange"/> is
/// (B − A) / A (null when A is 0 or either is missing). <see cref="LowerIsBetter"/> says which way
/// is an improvement; null when neither is (a duration, a request count).
/// </summary>
public sealed record FigureComparison(
    string Name,
    string Unit,
    double? A,
    double? B,
    double? Difference,
    double? RelativeChange,
    bool? LowerIsBetter)
{
    /// <summary>"A" or "B", the run this figure favours; "same" when equal; "" when either is missing or neither way is better.</summary>
    public string Better => (Difference, LowerIsBetter) switch
    {
        (null, _) or (_, null) => "",
        ({ } d, _) when d == 0 => "same",
        ({ } d, true) => d < 0 ? "B" : "A",
        ({ } d, false) => d > 0 ? "B" : "A",
    };
}

/// <summary>What a comparison page needs from the host: the runs to pick from and their comparison.</summary>
public interface IRunComparisonSource
{
    /// <summary>Every known run (live and stored), newest first.</summary>
    Task<IReadOnlyList<RunInfo>> ListRunsAsync(CancellationToken cancellationToken);

    /// <summary>Null when either run is unknown.</summary>
    Task<RunComparison?> CompareAsync(string a, string b, CancellationToken cancellationToken);
}
