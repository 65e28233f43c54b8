namespace Dashboard.LoopServer.Workloads;

/// <summary>Where the workload catalog lives and how much of it is read.</summary>
public sealed class WorkloadCatalogOptions
{
    /// <summary>The folder beside the application that the build copies the catalog into.</summary>
    public static string DefaultDirectory => Path.Combine(AppContext.BaseDirectory, "workloads");

    /// <summary>The folder of <c>*.json</c> workload files; null means <see cref="DefaultDirectory"/>.</summary>
    public string? Directory { get; init; }

    /// <summary>Most files read; more are reported as an error rather than loaded.</summary>
    public int MaxFiles { get; init; } = 256;

    /// <summary>Limits every catalog file is validated against.</summary>
    public WorkloadLimits Limits { get; init; } = WorkloadLimits.Default;

    /// <summary>Throws <see cref="ArgumentException"/> when a value is out of range.</summary>
    public WorkloadCatalogOptions Validate()
    {
        if (MaxFiles is < 1 or > 10_000)
        {
            throw new ArgumentException($"Invalid workload catalog options: MaxFiles is {MaxFiles}, expected 1..10000");
        }

        ArgumentNullException.ThrowIfNull(Limits);
        Limits.Validate();
        return this;
    }
}
