namespace Dashboard.Contracts.Runs;

/// <summary>How a run's agents are described, on the live page and in every report: one copy of the words.</summary>
public static class RunAgentText
{
    public const string Title = "Agents in this run";

    /// <summary>The columns, in order: the live page's table, the HTML report's and agents.csv's headings.</summary>
    public static readonly IReadOnlyList<string> Columns =
    [
        "Agent", "Host", "State", "Share", "Requests", "Rate achieved /s", "Errors", "Latency p99 ms", "Send lateness p99 ms", "Clock offset ms", "Intervals", "Note",
    ];

    /// <summary>What the table shows and how the run's own figures relate to it.</summary>
    public static string Lede(int agents) =>
        $"The load came from {agents} agent(s), each running its share from a common start time (moved by its measured clock offset). " +
        "The run's figures above are theirs merged: counts summed, percentiles read from the sum of their latency histograms. " +
        "A lost agent's figures count until it was lost; the rest of its share is missing, not counted as zero latency. " +
        "An agent whose send lateness grows is short of CPU or connections: its share did not go out on time.";

    /// <summary>What a run's state is in words.</summary>
    public static string State(string state) => state switch
    {
        RunAgentStates.Running => "running",
        RunAgentStates.Done => "done",
        RunAgentStates.Lost => "lost",
        RunAgentStates.Failed => "failed",
        _ => state,
    };
}
