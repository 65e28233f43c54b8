namespace Dashboard.Server.Distributed;

/// <summary>An agent's own settings (configuration section "Agent"; <c>agent --name</c> sets <see cref="Name"/>).</summary>
internal sealed class AgentOptions
{
    public const string SectionName = "Agent";

    /// <summary>How the coordinator and its pages call this agent; by default the machine's name and the process id.</summary>
    public string? Name { get; set; }

    /// <summary>The name used: <see cref="Name"/>, else one made from the machine's name and the process id (unique on one machine).</summary>
    public string EffectiveName => string.IsNullOrEmpty(Name) ? AgentSubjects.Sanitize($"{Environment.MachineName}-{Environment.ProcessId}") : Name;

    public IReadOnlyList<string> Validate() =>
        AgentSubjects.NameProblem(EffectiveName) is { } problem ? [$"{SectionName}:{nameof(Name)}: {problem}"] : [];
}
