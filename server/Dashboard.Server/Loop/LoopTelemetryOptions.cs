using Dashboard.Server.Configuration;

namespace Dashboard.Server.Loop;

/// <summary>Limits of the host's loop telemetry (configuration section "LoopTelemetry").</summary>
internal sealed class LoopTelemetryOptions
{
    /// <summary>Distinct task kinds tracked; later kinds are folded into "(other kinds)".</summary>
    public int MaxKinds { get; set; } = 256;

    /// <summary>
    /// Distinct task kinds tracked per loop, once several loops run (the per-kind table split by
    /// loop); later kinds of a loop are folded into its "(other kinds)". Each costs about 80 KiB.
    /// </summary>
    public int MaxKindsPerLoop { get; set; } = 32;

    /// <summary>Recent loop intervals kept for late readers.</summary>
    public int RecentIntervals { get; set; } = 240;

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        OptionRules.Range(errors, "LoopTelemetry", nameof(MaxKinds), MaxKinds, 1, 100_000);
        OptionRules.Range(errors, "LoopTelemetry", nameof(MaxKindsPerLoop), MaxKindsPerLoop, 1, 10_000);
        OptionRules.Range(errors, "LoopTelemetry", nameof(RecentIntervals), RecentIntervals, 1, 100_000);
        return errors;
    }
}
