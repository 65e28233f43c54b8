using Dashboard.Load.Scenarios;

namespace Dashboard.Load.Tests.Scenarios;

/// <summary>A scenario's <c>designs</c>: the same load against several workloads and loop counts, one run each.</summary>
public sealed class DesignsScenarioTests
{
    private const string Phases = """[ { "inject": { "rate": 10, "during": "1s" } } ]""";
    private readonly ScenarioValidator _validator = new();

    [Fact]
    public void Parse_Designs_AreKept_AndEachVariantIsTheScenarioAgainstItsWorkloadAndLoops()
    {
        ScenarioValidationResult result = _validator.Parse($$"""
            { "name": "designs", "phases": {{Phases}},
              "designs": [ { "name": "on the loop", "workload": "cpu-bound", "loops": 1 }, { "name": "thread pool", "workload": "offloaded" } ] }
            """);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal(["on the loop", "thread pool"], result.Scenario!.Designs!.Select(d => d.Name));
        var second = DesignVariants.For(result.Scenario, 1);
        Assert.Equal("designs · thread pool", second.Name);
        Assert.Equal("offloaded", second.Target!.Workload);
        Assert.Null(second.Loops);
        Assert.Null(second.Designs);
        Assert.True(_validator.Validate(second).IsValid);
        Assert.Equal(1, DesignVariants.For(result.Scenario, 0).Loops);
    }

    [Fact]
    public void Parse_DesignsWithATargetRequestsOrLoops_SaysEachDesignNamesItsOwn()
    {
        ScenarioValidationResult result = _validator.Parse($$"""
            { "name": "x", "target": { "workload": "hello" }, "loops": 1, "phases": {{Phases}},
              "designs": [ { "name": "a", "workload": "hello" }, { "name": "b", "workload": "hello" } ] }
            """);

        Assert.Equal(["loops", "target"], result.Errors.Select(e => e.Path).Order());
        Assert.All(result.Errors, e => Assert.Contains("each design names its workload and loops", e.Message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""[ { "name": "a", "workload": "hello" } ]""", "designs", "expected 2 to 8 designs to compare, got 1")]
    [InlineData("""{ "name": "a" }""", "designs", "expected an array of 2 to 8 designs")]
    [InlineData("""[ { "name": "a", "workload": "hello" }, { "name": "a", "workload": "hello" } ]""", "designs[1].name", "\"a\" names another design too; names must be unique")]
    [InlineData("""[ { "name": "a", "workload": "hello" }, { "name": "b" } ]""", "designs[1].workload", "required; expected a catalog workload name")]
    [InlineData("""[ { "name": "a", "workload": "hello" }, { "name": "b", "workload": "hello", "loops": 0 } ]""", "designs[1].loops", "expected an integer from 1 to")]
    [InlineData("""[ { "name": "a", "workload": "hello" }, { "name": "b", "workload": "hello", "threads": 2 } ]""", "designs[1].threads", "unknown field")]
    public void Parse_BadDesigns_AreNamedByTheirPath(string designs, string path, string message)
    {
        ScenarioValidationResult result = _validator.Parse($$"""{ "name": "x", "phases": {{Phases}}, "designs": {{designs}} }""");

        ScenarioError error = Assert.Single(result.Errors);
        Assert.Equal(path, error.Path);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Variant_OfALongName_StaysWithinARunsHundredCharacters()
    {
        var name = new string('s', 100);
        ScenarioValidationResult result = _validator.Parse($$"""
            { "name": "{{name}}", "phases": {{Phases}},
              "designs": [ { "name": "{{new string('d', 64)}}", "workload": "hello" }, { "name": "b", "workload": "hello" } ] }
            """);

        var variant = DesignVariants.For(result.Scenario!, 0);

        Assert.Equal(100, variant.Name.Length);
        Assert.EndsWith(" · " + new string('d', 64), variant.Name, StringComparison.Ordinal);
        Assert.True(_validator.Validate(variant).IsValid);
    }
}
