using System.Text.Json;
using Dashboard.Contracts.Scenarios;

namespace Dashboard.Load.Scenarios;

public sealed partial class ScenarioValidator
{
    /// <summary>Most agents a scenario may ask for (the coordinator lists at most as many).</summary>
    public const int MaxAgents = 10_000;

    /// <summary>
    /// <c>agents</c> (a number or "all"), <c>agentSplit</c> and <c>onAgentLost</c>. A run on agents
    /// has no designs (a series runs here, one design after another) and no sweep (its steps follow
    /// this dashboard's loop); whether enough agents are live is known only when it starts.
    /// </summary>
    private static void CheckAgents(JsonObjectReader reader, bool designs, bool sweep)
    {
        var asked = reader.TryGet("agents", out JsonElement agents);
        if (asked)
        {
            var valid = agents.ValueKind switch
            {
                JsonValueKind.Number => agents.TryGetInt32(out int count) && count is >= 1 and <= MaxAgents,
                JsonValueKind.String => agents.GetString() == AgentSelection.AllWord,
                _ => false,
            };
            if (!valid)
            {
                reader.Error("agents", $"expected a number of agents from 1 to {MaxAgents}, or \"{AgentSelection.AllWord}\", got {JsonObjectReader.Describe(agents)}");
            }
            else if (designs)
            {
                reader.Error("agents", "expected no agents with designs: a series runs its designs one after another from this dashboard");
            }
            else if (sweep)
            {
                reader.Error("agents", "expected no agents with a sweep: a sweep steps its rate by what this dashboard's loop shows, so it runs here");
            }
        }

        CheckAgentWord(reader, "agentSplit", asked, AgentSplitModes.Capacity, AgentSplitModes.Even);
        CheckAgentWord(reader, "onAgentLost", asked, AgentLostActions.Continue, AgentLostActions.Abort);
    }

    private static void CheckAgentWord(JsonObjectReader reader, string name, bool agents, string first, string second)
    {
        string? word = reader.String(name, required: false, 20);
        if (word is null)
        {
            return;
        }

        if (word != first && word != second)
        {
            reader.Error(name, $"expected \"{first}\" or \"{second}\", got \"{word}\"");
        }
        else if (!agents)
        {
            reader.Error(name, "applies only to a run on agents; add \"agents\": a number or \"all\"");
        }
    }
}
