namespace Dashboard.Server.Configuration;

/// <summary>
/// How chatty the console is. By default (appsettings.json) the framework logs warnings only, so
/// a hub's requests do not bury the lines a newcomer looks for: the host's own "Now listening on"
/// (Microsoft.Hosting.Lifetime) and the dashboard's start and run lines stay at Information.
/// <c>--verbose</c> turns the framework back to Information and the dashboard to Debug.
/// </summary>
internal static class ConsoleLogging
{
    /// <summary>The command-line switch that asks for more.</summary>
    public const string VerboseSwitch = "--verbose";

    /// <summary>The categories appsettings.json quiets, and what <c>--verbose</c> sets them to.</summary>
    private static readonly Dictionary<string, string?> Verbose = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Logging:LogLevel:Default"] = "Debug",
        ["Logging:LogLevel:Microsoft"] = "Information",
        ["Logging:LogLevel:System"] = "Information",
    };

    /// <summary>Adds the verbose levels on top of every other configuration source.</summary>
    public static void MakeVerbose(IConfigurationBuilder configuration) => configuration.AddInMemoryCollection(Verbose);

    /// <summary>Takes the switch out of the arguments (the host's command-line configuration
    /// would read "--verbose --urls X" as verbose = "--urls" and lose the address).</summary>
    public static string[] TakeVerbose(string[] args, out bool verbose)
    {
        verbose = args.Contains(VerboseSwitch, StringComparer.Ordinal);
        return verbose ? args.Where(a => a != VerboseSwitch).ToArray() : args;
    }
}
