using Dashboard.Load.Scenarios;

namespace Dashboard.Load.Tests.Scenarios;

/// <summary>The scenario's <c>warmUp</c>: validated by its path, resolved into the phases it replays.</summary>
public sealed class WarmUpScenarioTests
{
    private readonly ScenarioValidator _validator = new();

    [Theory]
    [InlineData("\"soon\"", "warmUp: expected a duration such as \"500ms\", \"30s\" or \"1m\", got \"soon\"")]
    [InlineData("2", "warmUp: expected a duration such as \"500ms\", \"30s\" or \"1m\", got 2")]
    [InlineData("\"2m\"", "warmUp: expected a duration of at most 1m (limit: LoadEngineOptions.MaxWarmUp), got \"2m\"")]
    [InlineData("\"5s\"", "warmUp: expected at most the phases' total duration (3s): the warm-up plays the phases from their start, got \"5s\"")]
    public void Parse_BadWarmUp_IsNamedByItsPath(string value, string expected)
    {
        ScenarioValidationResult result = _validator.Parse(Scenario(value, """{ "inject": { "rate": 10, "during": "3s" } }"""));

        ScenarioError error = Assert.Single(result.Errors);
        Assert.Equal(expected, $"{error.Path}: {error.Message}");
    }

    [Fact]
    public void Plan_WithoutWarmUp_HasNone()
    {
        LoadPlan plan = _validator.Parse("""{ "name": "x", "target": { "workload": "hello" }, "phases": [ { "inject": { "rate": 10, "during": "1s" } } ] }""").Plan!;

        Assert.Equal(TimeSpan.Zero, plan.WarmUp);
        Assert.Empty(plan.WarmUpPhases);
    }

    [Fact]
    public void Plan_WarmUp_ReplaysThePhasesFromTheirStart_CuttingTheLastWhereItEnds()
    {
        LoadPlan plan = _validator.Parse(Scenario(
            "\"3s\"",
            """{ "rampingInject": { "rate": 200, "during": "2s" } }, { "inject": { "rate": 200, "during": "5s" } }""")).Plan!;

        Assert.Equal(TimeSpan.FromSeconds(3), plan.WarmUp);
        Assert.Equal(2, plan.WarmUpPhases.Count);
        Assert.Equal(plan.Phases[0], plan.WarmUpPhases[0]);
        Assert.Equal(TimeSpan.FromSeconds(1), plan.WarmUpPhases[1].Duration);
        Assert.Equal(200, plan.WarmUpPhases[1].EndRate);
        Assert.Equal(TimeSpan.FromSeconds(7), plan.TotalDuration);
    }

    [Fact]
    public void Plan_WarmUpEndingInARamp_EndsAtTheRateTheRampHadReached()
    {
        LoadPlan plan = _validator.Parse(Scenario("\"1s\"", """{ "rampingInject": { "rate": 400, "during": "4s" } }""")).Plan!;

        PhasePlan cut = Assert.Single(plan.WarmUpPhases);
        Assert.Equal(PhaseKind.RampingInject, cut.Kind);
        Assert.Equal(TimeSpan.FromSeconds(1), cut.Duration);
        Assert.Equal(100, cut.EndRate, 9);
    }

    [Fact]
    public void Plan_SweepAfterAWarmUp_StartsWhereTheWarmUpEnds()
    {
        LoadPlan plan = _validator.Parse(Scenario("\"2s\"", """{ "sweep": { "from": 10, "step": 10, "to": 50, "hold": "2s" } }""")).Plan!;

        Assert.Equal(TimeSpan.FromSeconds(2), plan.Sweep!.StartOffset);
        Assert.Null(plan.Sweep.StepAt(1.0));
        Assert.Equal(0, plan.Sweep.StepAt(2.5));
    }

    private static string Scenario(string warmUp, string phases) =>
        $$"""{ "name": "x", "target": { "workload": "hello" }, "warmUp": {{warmUp}}, "phases": [ {{phases}} ] }""";
}
