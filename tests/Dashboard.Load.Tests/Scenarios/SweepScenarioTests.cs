using Dashboard.Load.Scenarios;

namespace Dashboard.Load.Tests.Scenarios;

public sealed class SweepScenarioTests
{
    private readonly ScenarioValidator _validator = new();

    private static string Scenario(string phases, string extra = "") => $$"""
        {
          "name": "sweep-test",
          "target": { "workload": "cpu-bound" },
          "phases": [ {{phases}} ]{{extra}}
        }
        """;

    [Fact]
    public void SweepPhase_ExpandsIntoOneConstantStepPerRate_AfterTheEarlierPhases()
    {
        ScenarioValidationResult result = _validator.Parse(Scenario(
            """{ "inject": { "rate": 10, "during": "3s" } }, { "sweep": { "from": 100, "step": 100, "to": 1000, "hold": "2s", "waitingBudget": "0.5ms", "stopGrowingIntervals": 4 } }"""));

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        LoadPlan plan = result.Plan!;
        SweepPlan sweep = plan.Sweep!;
        Assert.Equal(1, sweep.PhaseIndex);
        Assert.Equal(TimeSpan.FromSeconds(3), sweep.StartOffset);
        Assert.Equal([100, 200, 300, 400, 500, 600, 700, 800, 900, 1000], sweep.Rates);
        Assert.Equal(TimeSpan.FromMilliseconds(0.5), sweep.WaitingBudget);
        Assert.Equal(TimeSpan.FromMilliseconds(50), sweep.StopWaitingP99);
        Assert.Equal(4, sweep.StopGrowingIntervals);

        Assert.Equal(11, plan.Phases.Count);
        Assert.All(plan.Phases.Skip(1), p => Assert.True(p.IsOpen && p.Name == "sweep" && p.Index == 1 && p.StartRate == p.EndRate));
        Assert.Equal(TimeSpan.FromSeconds(23), plan.TotalDuration);

        Assert.Null(sweep.StepAt(2.9));
        Assert.Equal(0, sweep.StepAt(3.0));
        Assert.Equal(1, sweep.StepAt(5.5));
        Assert.Equal(9, sweep.StepAt(22.9));
        Assert.Null(sweep.StepAt(23.1));
    }

    [Fact]
    public void SweepRates_EndAtTo_DespiteFloatingPointSums()
    {
        Assert.Equal([0.1, 0.2, 0.30000000000000004], SweepPlan.RatesOf(0.1, 0.1, 0.3));
        Assert.Equal([5, 12, 19], SweepPlan.RatesOf(5, 7, 20));
        Assert.Equal([50], SweepPlan.RatesOf(50, 10, 50));
    }

    [Theory]
    [InlineData("""{ "sweep": { "step": 10, "to": 100, "hold": "2s" } }""", "phases[0].sweep.from", "required")]
    [InlineData("""{ "sweep": { "from": 0, "step": 10, "to": 100, "hold": "2s" } }""", "phases[0].sweep.from", "> 0")]
    [InlineData("""{ "sweep": { "from": 100, "step": 10, "to": 50, "hold": "2s" } }""", "phases[0].sweep.to", "≥ \"from\" (100)")]
    [InlineData("""{ "sweep": { "from": 1, "step": 1, "to": 100, "hold": "2s" } }""", "phases[0].sweep.step", "100 steps; expected at most 50")]
    [InlineData("""{ "sweep": { "from": 10, "step": 10, "to": 100, "hold": "600ms" } }""", "phases[0].sweep.hold", "at least two reporting intervals (1s)")]
    [InlineData("""{ "sweep": { "from": 10, "step": 10, "to": 100 } }""", "phases[0].sweep.hold", "required")]
    [InlineData("""{ "sweep": { "from": 10, "step": 10, "to": 100, "hold": "2s", "stopGrowingIntervals": 1 } }""", "phases[0].sweep.stopGrowingIntervals", "2")]
    [InlineData("""{ "sweep": { "from": 10, "step": 10, "to": 100, "hold": "2s", "waitingBudget": "soon" } }""", "phases[0].sweep.waitingBudget", "duration")]
    [InlineData("""{ "sweep": { "from": 10, "step": 10, "to": 100, "hold": "2s", "stopWaitingP99": "-1ms" } }""", "phases[0].sweep.stopWaitingP99", "")]
    [InlineData("""{ "sweep": { "from": 10, "step": 10, "to": 100, "hold": "2s", "rate": 5 } }""", "phases[0].sweep.rate", "unknown")]
    [InlineData("""{ "sweep": { "from": 10, "step": 10, "to": 20, "hold": "2s" } }, { "sweep": { "from": 10, "step": 10, "to": 20, "hold": "2s" } }""", "phases[1].sweep", "at most one sweep")]
    public void BadSweep_IsRejected_WithTheFieldAndWhatWasExpected(string phases, string path, string expected)
    {
        ScenarioValidationResult result = _validator.Parse(Scenario(phases));

        Assert.False(result.IsValid);
        Assert.Contains(result.Errors, e => e.Path == path && e.Message.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void SweepHold_IsCheckedAgainstTheScenariosOwnInterval()
    {
        Assert.True(_validator.Parse(Scenario("""{ "sweep": { "from": 10, "step": 10, "to": 20, "hold": "600ms" } }""", ", \"interval\": \"300ms\"")).IsValid);
        Assert.False(_validator.Parse(Scenario("""{ "sweep": { "from": 10, "step": 10, "to": 20, "hold": "2s" } }""", ", \"interval\": \"1.5s\"")).IsValid);
    }
}
