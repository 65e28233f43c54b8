using System.Text.Json;
using Dashboard.Client.Launching;
using Dashboard.Contracts.Scenarios;

namespace Dashboard.Client.Tests;

public sealed class ScenarioComposerTests
{
    [Fact]
    public void Compose_NoOverrides_KeepsTheScenarioAsItIs()
    {
        var scenario = RunFixtures.Summary();

        var (json, errors) = ScenarioComposer.Compose(scenario, new LaunchForm());

        Assert.Empty(errors);
        Assert.Equal(ScenarioJson.Serialize(scenario.Definition), json);
    }

    [Fact]
    public void Compose_NewRate_ScalesEveryOpenPhaseSoThePeakIsThatRate()
    {
        var cpu = RunFixtures.Summary(definition: RunFixtures.Scenario() with
        {
            Phases =
            [
                new LoadSimulation { RampingInject = new InjectSimulation { Rate = 100, During = "5s" } },
                new LoadSimulation { Inject = new InjectSimulation { Rate = 100, During = "5s" } },
                new LoadSimulation { RampingInject = new InjectSimulation { Rate = 400, During = "5s" } },
                new LoadSimulation { Pause = "2s" },
            ],
        }, shape:
        [
            new LoadShapePhase("rampingInject", 5, 0, 100, 0, 0),
            new LoadShapePhase("inject", 5, 100, 100, 0, 0),
            new LoadShapePhase("rampingInject", 5, 100, 400, 0, 0),
            new LoadShapePhase("pause", 2, 0, 0, 0, 0),
        ]);

        var composed = Read(ScenarioComposer.Compose(cpu, new LaunchForm { Rate = "50" }));

        Assert.Equal([12.5, 12.5, 50], composed.Phases!.Where(p => p.Pause is null).Select(p => (p.Inject ?? p.RampingInject)!.Rate));
        Assert.Equal(["5s", "5s", "5s"], composed.Phases!.Where(p => p.Pause is null).Select(p => (p.Inject ?? p.RampingInject)!.During));
        Assert.Equal("2s", composed.Phases![3].Pause);
    }

    [Fact]
    public void Compose_Sweep_ScalesItsRatesTogether_AndSharesANewDurationOutAsEachStepsHold()
    {
        var sweep = RunFixtures.Summary(definition: RunFixtures.Scenario() with
        {
            Phases = [new LoadSimulation { Sweep = new SweepSimulation { From = 20, Step = 10, To = 150, Hold = "2s", StopWaitingP99 = "200ms" } }],
        }, shape: [new LoadShapePhase("sweep", 28, 20, 150, 0, 0)]);

        var composed = Read(ScenarioComposer.Compose(sweep, new LaunchForm { Rate = "300", Duration = "14" }));

        var steps = composed.Phases![0].Sweep!;
        Assert.Equal((40, 20, 300), (steps.From, steps.Step, steps.To));
        Assert.Equal("1s", steps.Hold);
        Assert.Equal("200ms", steps.StopWaitingP99);
    }

    [Fact]
    public void Compose_NewDuration_ScalesEveryPhaseKeepingItsShare()
    {
        var composed = Read(ScenarioComposer.Compose(RunFixtures.Summary(), new LaunchForm { Duration = "12.5" }));

        Assert.Equal("2500ms", composed.Phases![0].RampingInject!.During);
        Assert.Equal("10s", composed.Phases![1].Inject!.During);
        Assert.Equal(200, composed.Phases![1].Inject!.Rate);
    }

    [Fact]
    public void Compose_ConnectionsAndTargetUrl_ReplaceTheScenariosOwn()
    {
        var composed = Read(ScenarioComposer.Compose(RunFixtures.Summary(), new LaunchForm { Connections = " 7 ", TargetUrl = " http://127.0.0.1:9000/hello " }));

        Assert.Equal(7, composed.Connections);
        Assert.Equal("http://127.0.0.1:9000/hello", composed.Target!.Url);
        Assert.Null(composed.Target.Workload);
    }

    [Theory]
    [InlineData("fast", null, null, "rate", "expected a number of requests per second, got 'fast'")]
    [InlineData("0", null, null, "rate", "expected more than 0 requests per second, got 0")]
    [InlineData(null, "-3", null, "duration", "expected more than 0 seconds, got -3")]
    [InlineData(null, "NaN", null, "duration", "expected a number of seconds, got 'NaN'")]
    [InlineData(null, null, "2.5", "connections", "expected a whole number, got '2.5'")]
    public void Compose_ValueThatIsNotANumber_IsRefusedNamingItsField(string? rate, string? duration, string? connections, string field, string message)
    {
        var (json, errors) = ScenarioComposer.Compose(RunFixtures.Summary(), new LaunchForm { Rate = rate, Duration = duration, Connections = connections });

        Assert.Null(json);
        var error = Assert.Single(errors);
        Assert.Equal((field, message), (error.Path, error.Message));
    }

    [Fact]
    public void Compose_RateForAScenarioWithoutInjectPhases_SaysToSetUsersInstead()
    {
        var (json, errors) = ScenarioComposer.Compose(RunFixtures.ClosedSummary(), new LaunchForm { Rate = "10" });

        Assert.Null(json);
        var error = Assert.Single(errors);
        Assert.Equal(LaunchField.Rate, error.Path);
        Assert.Equal("this scenario has no inject phase to set a rate for; set its users instead", error.Message);
    }

    [Fact]
    public void Compose_UsersForAnOpenModelScenario_SaysToSetTheRateInstead()
    {
        var (json, errors) = ScenarioComposer.Compose(RunFixtures.Summary(), new LaunchForm { Users = "10" });

        Assert.Null(json);
        Assert.Equal(LaunchField.Users, Assert.Single(errors).Path);
    }

    [Fact]
    public void Compose_NewUsers_ScalesEveryClosedPhaseSoThePeakIsThatManyUsers()
    {
        var mixed = RunFixtures.Summary(definition: RunFixtures.Scenario() with
        {
            Phases =
            [
                new LoadSimulation { RampingConstant = new ConstantSimulation { Copies = 10, During = "5s" } },
                new LoadSimulation { KeepConstant = new ConstantSimulation { Copies = 40, During = "5s" } },
                new LoadSimulation { KeepConstant = new ConstantSimulation { Copies = 1, During = "5s" } },
            ],
        }, shape:
        [
            new LoadShapePhase("rampingConstant", 5, 0, 0, 0, 10),
            new LoadShapePhase("keepConstant", 5, 0, 0, 40, 40),
            new LoadShapePhase("keepConstant", 5, 0, 0, 1, 1),
        ]);

        var composed = Read(ScenarioComposer.Compose(mixed, new LaunchForm { Users = "8" }));

        // 10 → 2 and 40 → 8 keep the shape; 1 would round to 0 and stays 1, a phase with users keeps some.
        Assert.Equal([2, 8, 1], composed.Phases!.Select(p => (p.RampingConstant ?? p.KeepConstant)!.Copies));
        Assert.Equal(["5s", "5s", "5s"], composed.Phases!.Select(p => (p.RampingConstant ?? p.KeepConstant)!.During));
    }

    [Fact]
    public void Compose_ZeroUsers_GoesThroughForTheServersValidationToName()
    {
        var composed = Read(ScenarioComposer.Compose(RunFixtures.ClosedSummary(), new LaunchForm { Users = "0" }));

        Assert.All(composed.Phases!, p => Assert.Equal(0, (p.RampingConstant ?? p.KeepConstant)!.Copies));
    }

    [Fact]
    public void Compose_ClosedModelScenarioWithNewDuration_KeepsItsUsers()
    {
        var composed = Read(ScenarioComposer.Compose(RunFixtures.ClosedSummary(), new LaunchForm { Duration = "4" }));

        Assert.Equal(("2s", 20), (composed.Phases![0].RampingConstant!.During, composed.Phases[0].RampingConstant!.Copies));
        Assert.Equal(("2s", 20), (composed.Phases![1].KeepConstant!.During, composed.Phases[1].KeepConstant!.Copies));
    }

    [Theory]
    [InlineData(30, "30s")]
    [InlineData(1.5, "1500ms")]
    [InlineData(0.0004, "1ms")]
    [InlineData(0.0125, "13ms")]
    public void DurationText_Seconds_AreWholeSecondsOrMilliseconds(double seconds, string expected) =>
        Assert.Equal(expected, ScenarioComposer.DurationText(seconds));

    private static ScenarioDefinition Read((string? Json, IReadOnlyList<Contracts.Runs.FieldError> Errors) composed)
    {
        Assert.Empty(composed.Errors);
        return JsonSerializer.Deserialize<ScenarioDefinition>(composed.Json!, ScenarioJson.Options)!;
    }
}
