using Dashboard.Contracts.Scenarios;
using Dashboard.Load.Scenarios;

namespace Dashboard.Load.Tests.Scenarios;

/// <summary>The scenario's <c>agents</c>, <c>agentSplit</c> and <c>onAgentLost</c>.</summary>
public sealed class AgentsScenarioTests
{
    private const string Phases = """[ { "inject": { "rate": 10, "during": "1s" } } ]""";
    private readonly ScenarioValidator _validator = new();

    [Fact]
    public void Parse_ANumberOfAgents_IsKeptWithItsSplitAndItsLostRule()
    {
        var result = Parse("""
            "agents": 2, "agentSplit": "even", "onAgentLost": "abort",
            """);

        Assert.True(result.IsValid, string.Join("; ", result.Errors.Select(e => e.Message)));
        Assert.Equal(AgentSelection.Of(2), result.Scenario!.Agents);
        Assert.Equal(AgentSplitModes.Even, result.Scenario.AgentSplit);
        Assert.Equal(AgentLostActions.Abort, result.Scenario.OnAgentLost);
        Assert.Contains("\"agents\": 2", ScenarioJson.Serialize(result.Scenario), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_AllAgents_IsKeptAndWrittenBackAsAll()
    {
        var result = Parse("""
            "agents": "all",
            """);

        Assert.Equal(AgentSelection.All, result.Scenario!.Agents);
        Assert.Contains("\"agents\": \"all\"", ScenarioJson.Serialize(result.Scenario), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0", "0")]
    [InlineData("-2", "-2")]
    [InlineData("1.5", "1.5")]
    [InlineData("\"some\"", "\"some\"")]
    [InlineData("true", "true")]
    public void Parse_BadAgents_IsNamed(string agents, string shown)
    {
        var result = Parse($$"""
            "agents": {{agents}},
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal($"agents: expected a number of agents from 1 to {ScenarioValidator.MaxAgents}, or \"all\", got {shown}", $"{error.Path}: {error.Message}");
    }

    [Theory]
    [InlineData("agentSplit", "cores", "expected \"capacity\" or \"even\", got \"cores\"")]
    [InlineData("onAgentLost", "retry", "expected \"continue\" or \"abort\", got \"retry\"")]
    public void Parse_BadSplitOrLostRule_IsNamed(string field, string value, string message)
    {
        var result = Parse($$"""
            "agents": 2, "{{field}}": "{{value}}",
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal(field, error.Path);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Parse_SplitWithoutAgents_SaysItNeedsAgents()
    {
        var error = Assert.Single(Parse("""
            "agentSplit": "even",
            """).Errors);

        Assert.Equal("agentSplit: applies only to a run on agents; add \"agents\": a number or \"all\"", $"{error.Path}: {error.Message}");
    }

    [Fact]
    public void Parse_AgentsWithASweep_IsRefused()
    {
        var result = _validator.Parse("""
            { "name": "x", "target": { "workload": "hello" }, "agents": 2,
              "phases": [ { "sweep": { "from": 100, "step": 100, "to": 300, "hold": "1s" } } ] }
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal("agents", error.Path);
        Assert.Contains("sweep", error.Message, StringComparison.Ordinal);
    }

    private ScenarioValidationResult Parse(string fields) =>
        _validator.Parse($$"""{ "name": "x", "target": { "workload": "hello" }, {{fields}} "phases": {{Phases}} }""");
}
