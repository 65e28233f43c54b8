namespace Dashboard.Contracts.Runs;

/// <summary>
/// A run that is one design of a scenario's <c>designs</c>: the series it belongs to, which design
/// it is, and every design of the series in order, so the comparison can be rebuilt from the runs
/// alone (after a restart too).
/// </summary>
public sealed record RunSeriesMember
{
    /// <summary>The series' id, shared by its runs (<c>GET /api/series/{id}</c>).</summary>
    public required string Id { get; init; }

    /// <summary>The scenario's own name (each run's name adds its design's).</summary>
    public required string Scenario { get; init; }

    /// <summary>This run's design.</summary>
    public required string Design { get; init; }

    /// <summary>Its place in the series, from 0.</summary>
    public required int Index { get; init; }

    /// <summary>Every design of the series, in the order they run.</summary>
    public required IReadOnlyList<string> Designs { get; init; }
}
