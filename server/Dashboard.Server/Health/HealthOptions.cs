namespace Dashboard.Server.Health;

/// <summary>Bounds of the health checks (configuration section "Health").</summary>
internal sealed class HealthOptions
{
    public const string SectionName = "Health";

    /// <summary>
    /// How long a loop may take to run a probe callback before it counts as stalled (not ready).
    /// A blocker shorter than this does not take the dashboard out of a load balancer.
    /// </summary>
    public TimeSpan LoopProbeTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long the store's write lock may stay taken by others before the store counts as not writable.</summary>
    public TimeSpan StoreTimeout { get; set; } = TimeSpan.FromSeconds(2);

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        Within(errors, nameof(LoopProbeTimeout), LoopProbeTimeout);
        Within(errors, nameof(StoreTimeout), StoreTimeout);
        return errors;
    }

    private static void Within(List<string> errors, string field, TimeSpan value)
    {
        if (value < TimeSpan.FromMilliseconds(10) || value > TimeSpan.FromMinutes(1))
        {
            errors.Add($"{SectionName}:{field}: expected 10 ms to 1 minute, got {value}");
        }
    }
}
