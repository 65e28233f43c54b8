namespace Dashboard.Server.Loop;

/// <summary>Limits of the host's loop telemetry (configuration section "LoopTelemetry").</summary>
internal sealed class LoopTelemetryOptions
{
    /// <summary>Distinct task kinds tracked; later kinds are folded into "(other kinds)".</summary>
    public int MaxKinds { get; set; } = 256;

    /// <summary>Recent loop intervals kept for late readers.</summary>
    public int RecentIntervals { get; set; } = 240;

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (MaxKinds is < 1 or > 100_000)
        {
            errors.Add($"LoopTelemetry:MaxKinds: expected 1..100000, got {MaxKinds}");
        }

        if (RecentIntervals is < 1 or > 100_000)
        {
            errors.Add($"LoopTelemetry:RecentIntervals: expected 1..100000, got {RecentIntervals}");
        }

        return errors;
    }
}
