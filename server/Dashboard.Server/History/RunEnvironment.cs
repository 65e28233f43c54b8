using System.Reflection;
using System.Runtime.InteropServices;

namespace Dashboard.Server.History;

/// <summary>The machine a run ran on, as a report states it next to the figures.</summary>
internal sealed record RunEnvironment(string Os, string Architecture, int Cores, string Runtime, string AppVersion)
{
    /// <summary>This process's machine.</summary>
    public static RunEnvironment Current { get; } = new(
        RuntimeInformation.OSDescription,
        RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant(),
        Environment.ProcessorCount,
        RuntimeInformation.FrameworkDescription,
        typeof(RunEnvironment).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? typeof(RunEnvironment).Assembly.GetName().Version?.ToString()
            ?? "unknown");

    /// <summary>For runs stored without one.</summary>
    public static RunEnvironment Unknown { get; } = new("unknown", "unknown", 0, "unknown", "unknown");
}
