namespace Dashboard.Contracts.Runs;

/// <summary>Two runs' key figures side by side (<c>GET /api/compare?a=ID&amp;b=ID</c>).</summary>
public sealed record RunComparison(RunInfo A, RunInfo B, IReadOnlyList<FigureComparison> Figures);

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
    bool? LowerIsBetter);

/// <summary>What a comparison page needs from the host: the runs to pick from and their comparison.</summary>
public interface IRunComparisonSource
{
    /// <summary>Every known run (live and stored), newest first.</summary>
    Task<IReadOnlyList<RunInfo>> ListRunsAsync(CancellationToken cancellationToken);

    /// <summary>Null when either run is unknown.</summary>
    Task<RunComparison?> CompareAsync(string a, string b, CancellationToken cancellationToken);
}
