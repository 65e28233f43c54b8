namespace Dashboard.Contracts.Agents;

/// <summary>Where the agents page reads the agents from, without referencing the host (the host's agent directory implements it).</summary>
public interface IAgentDirectory
{
    /// <summary>The broker and the agents now (what <c>GET /api/agents</c> answers).</summary>
    AgentsStatus Status();
}
