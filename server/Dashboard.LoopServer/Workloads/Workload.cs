using System.Collections.Immutable;

namespace Dashboard.LoopServer.Workloads;

/// <summary>
/// A parsed, validated workload: what one request handler does. Only <see cref="WorkloadParser"/>
/// creates these, so every instance is within the <see cref="WorkloadLimits"/> it was parsed with.
/// </summary>
/// <param name="Name">Lowercase letters, digits and '-'; also the catalog file name.</param>
/// <param name="Description">One line: what the workload shows.</param>
/// <param name="Seed">Seeds the random draws of duration distributions.</param>
/// <param name="Steps">Run in order by the request task.</param>
/// <param name="Expected">Mean times, computed once at parse time.</param>
internal sealed record Workload(
    string Name,
    string Description,
    int Seed,
    ImmutableArray<WorkloadStep> Steps,
    ExpectedTimes Expected);
