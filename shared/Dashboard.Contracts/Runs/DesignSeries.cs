namespace Dashboard.Contracts.Runs;

/// <summary>
/// What <c>GET /api/series/{id}</c> answers: a scenario's designs in order and, for each, its run
/// (null for a design that has not started, or never will because the series was stopped).
/// </summary>
public sealed record DesignSeries
{
    public required string Id { get; init; }

    /// <summary>The scenario's own name.</summary>
    public required string Scenario { get; init; }

    /// <summary>The designs, in the order they run.</summary>
    public required IReadOnlyList<string> Designs { get; init; }

    /// <summary>Each design's run, in the same order; null where none ran.</summary>
    public required IReadOnlyList<RunInfo?> Runs { get; init; }

    /// <summary>Whether a design is still running or still to start (a stopped series is over).</summary>
    public required bool Running { get; init; }
}
