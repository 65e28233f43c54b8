using Dashboard.Server.Configuration;

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
        OptionRules.Range(errors, "LoopTelemetry", nameof(MaxKinds), MaxKinds, 1, 100_000);
        OptionRules.Range(errors, "LoopTelemetry", nameof(RecentIntervals), RecentIntervals, 1, 100_000);
        return errors;
    }
}
