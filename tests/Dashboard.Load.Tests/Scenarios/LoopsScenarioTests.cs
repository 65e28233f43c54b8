using Dashboard.Load.Scenarios;

namespace Dashboard.Load.Tests.Scenarios;

/// <summary>The scenario's <c>loops</c>: one per core at most, and only for the embedded loop server.</summary>
public sealed class LoopsScenarioTests
{
    private const string Phases = """[ { "inject": { "rate": 10, "during": "1s" } } ]""";
    private readonly ScenarioValidator _validator = new();

    [Fact]
    public void Parse_LoopsWithinTheCores_IsKept()
    {
        ScenarioValidationResult result = _validator.Parse($$"""{ "name": "x", "target": { "workload": "hello" }, "loops": 1, "phases": {{Phases}} }""");

        Assert.True(result.IsValid);
        Assert.Equal(1, result.Scenario!.Loops);
    }

    [Fact]
    public void Parse_NoLoops_LeavesItToTheHost()
    {
        Assert.Null(_validator.Parse($$"""{ "name": "x", "target": { "workload": "hello" }, "phases": {{Phases}} }""").Scenario!.Loops);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("\"2\"")]
    public void Parse_BadLoops_IsNamedWithTheCoresAsTheLimit(string loops)
    {
        ScenarioValidationResult result = _validator.Parse($$"""{ "name": "x", "target": { "workload": "hello" }, "loops": {{loops}}, "phases": {{Phases}} }""");

        ScenarioError error = Assert.Single(result.Errors);
        Assert.Equal($"loops: expected an integer from 1 to {Environment.ProcessorCount}, got {loops}", $"{error.Path}: {error.Message}");
    }

    [Fact]
    public void Parse_MoreLoopsThanCores_IsRefused()
    {
        var loops = Environment.ProcessorCount + 1;

        ScenarioValidationResult result = _validator.Parse($$"""{ "name": "x", "target": { "workload": "hello" }, "loops": {{loops}}, "phases": {{Phases}} }""");

        Assert.Equal("loops", Assert.Single(result.Errors).Path);
    }

    [Fact]
    public void Parse_LoopsWithAUrlTarget_SaysLoopsBelongToTheEmbeddedServer()
    {
        ScenarioValidationResult result = _validator.Parse($$"""{ "name": "x", "target": { "url": "http://127.0.0.1:5080/" }, "loops": 1, "phases": {{Phases}} }""");

        ScenarioError error = Assert.Single(result.Errors);
        Assert.Equal("loops", error.Path);
        Assert.Contains("embedded loop server", error.Message, StringComparison.Ordinal);
    }
}
