using Dashboard.Contracts.Scenarios;
using Dashboard.Load.Scenarios;
using Dashboard.Server.Distributed;

namespace Dashboard.Server.Tests.Agents;

/// <summary>Splitting a scenario across agents: rates exactly, users and connections in whole parts that add up, ramps kept.</summary>
public sealed class ShareSplitTests
{
    [Theory]
    [InlineData(10, new[] { 0.5, 0.5 }, new[] { 5, 5 })]
    [InlineData(7, new[] { 0.5, 0.5 }, new[] { 4, 3 })]
    [InlineData(10, new[] { 0.2, 0.3, 0.5 }, new[] { 2, 3, 5 })]
    [InlineData(1, new[] { 1 / 3.0, 1 / 3.0, 1 / 3.0 }, new[] { 1, 0, 0 })]
    [InlineData(100, new[] { 1 / 3.0, 1 / 3.0, 1 / 3.0 }, new[] { 34, 33, 33 })]
    [InlineData(5, new[] { 0.1, 0.45, 0.45 }, new[] { 1, 2, 2 })]
    [InlineData(0, new[] { 0.5, 0.5 }, new[] { 0, 0 })]
    public void Apportion_GivesWholePartsThatAddUpToTheTotal_LargestRemaindersFirst(int total, double[] fractions, int[] expected)
    {
        var parts = ShareSplit.Apportion(total, fractions);

        Assert.Equal(expected, parts);
        Assert.Equal(total, parts.Sum());
    }

    [Fact]
    public void Apportion_ManyTotalsAndWeights_AlwaysAddsUp_AndEachPartIsWithinOneOfItsExactShare()
    {
        var random = new Random(16);
        for (var trial = 0; trial < 2_000; trial++)
        {
            var weights = Enumerable.Range(0, random.Next(1, 9)).Select(_ => random.Next(1, 65) * 1.0).ToArray();
            var fractions = weights.Select(w => w / weights.Sum()).ToArray();
            var total = random.Next(0, 5_000);

            var parts = ShareSplit.Apportion(total, fractions);

            Assert.Equal(total, parts.Sum());
            Assert.All(parts.Select((p, i) => Math.Abs(p - (total * fractions[i]))), gap => Assert.True(gap < 1, $"{gap}"));
        }
    }

    [Fact]
    public void Split_OpenModel_SplitsEveryRateExactlyByCores_AndTheRampsStillRampFromTheirPreviousShare()
    {
        var scenario = Scenario(
            new LoadSimulation { RampingInject = new InjectSimulation { Rate = 300, During = "2s" } },
            new LoadSimulation { Inject = new InjectSimulation { Rate = 900, During = "5s" } },
            new LoadSimulation { Pause = "1s" },
            new LoadSimulation { RampingInject = new InjectSimulation { Rate = 100, During = "2s" } });

        var (shares, errors) = ShareSplit.Split(scenario, ShareSplit.Weights([2, 4], AgentSplitModes.Capacity));

        Assert.Empty(errors);
        Assert.Equal([100, 200], shares.Select(s => s.Phases![0].RampingInject!.Rate));
        Assert.Equal([300, 600], shares.Select(s => s.Phases![1].Inject!.Rate));
        Assert.All(shares, s => Assert.Equal("1s", s.Phases![2].Pause));
        Assert.Equal(100, shares.Sum(s => s.Phases![3].RampingInject!.Rate), 9);
        Assert.All(shares, s => Assert.Equal("5s", s.Phases![1].Inject!.During));
        Assert.Equal([17, 33], shares.Select(s => s.Connections!.Value));
    }

    [Fact]
    public void Split_Even_GivesEachAgentTheSameRate_WhateverItsCores()
    {
        var scenario = Scenario(new LoadSimulation { Inject = new InjectSimulation { Rate = 1_000, During = "3s" } });

        var (shares, _) = ShareSplit.Split(scenario, ShareSplit.Weights([2, 16, 4], AgentSplitModes.Even));

        Assert.All(shares, s => Assert.Equal(1_000 / 3.0, s.Phases![0].Inject!.Rate, 9));
    }

    [Fact]
    public void Split_ClosedModel_UsersAddUpInEveryPhase_AndEachAgentHasAConnectionPerUser()
    {
        var scenario = Scenario(
            new LoadSimulation { RampingConstant = new ConstantSimulation { Copies = 7, During = "2s" } },
            new LoadSimulation { KeepConstant = new ConstantSimulation { Copies = 9, During = "5s", Think = "10ms" } },
            new LoadSimulation { RampingConstant = new ConstantSimulation { Copies = 0, During = "2s" } }) with { Connections = 9 };

        var (shares, errors) = ShareSplit.Split(scenario, ShareSplit.Weights([2, 2], null));

        Assert.Empty(errors);
        Assert.Equal([4, 3], shares.Select(s => s.Phases![0].RampingConstant!.Copies));
        Assert.Equal([5, 4], shares.Select(s => s.Phases![1].KeepConstant!.Copies));
        Assert.All(shares, s => Assert.Equal("10ms", s.Phases![1].KeepConstant!.Think));
        Assert.Equal([0, 0], shares.Select(s => s.Phases![2].RampingConstant!.Copies));
        Assert.Equal([5, 4], shares.Select(s => s.Connections!.Value));
    }

    [Fact]
    public void Split_FewerUsersThanAgents_IsRefusedNamingThePhase()
    {
        var scenario = Scenario(
            new LoadSimulation { Inject = new InjectSimulation { Rate = 10, During = "1s" } },
            new LoadSimulation { KeepConstant = new ConstantSimulation { Copies = 2, During = "1s" } });

        var (shares, errors) = ShareSplit.Split(scenario, [1, 1, 1]);

        Assert.Empty(shares);
        var error = Assert.Single(errors);
        Assert.Equal("phases[1].keepConstant.copies", error.Path);
        Assert.Equal("2 virtual users cannot be split across 3 agents, each needs at least one: ask for at least 3 users, or fewer agents", error.Message);
    }

    [Fact]
    public void Split_KeepsTheThresholdsAtTheCoordinator_GivesEachAgentItsOwnSeed_AndEachShareIsAValidScenario()
    {
        var scenario = Scenario(new LoadSimulation { Inject = new InjectSimulation { Rate = 500, During = "2s" } }) with
        {
            Seed = 41,
            MaxInFlight = 101,
            Arrivals = ArrivalModes.Poisson,
            Thresholds = [new ThresholdDefinition { Expression = "latency.p99 < 50ms" }],
            Agents = AgentSelection.Of(2),
            AgentSplit = AgentSplitModes.Even,
            OnAgentLost = AgentLostActions.Abort,
        };

        var (shares, _) = ShareSplit.Split(scenario, [1, 1]);

        Assert.Equal([41, 42], shares.Select(s => s.Seed!.Value));
        Assert.Equal([51, 51], shares.Select(s => s.MaxInFlight!.Value));
        Assert.All(shares, s =>
        {
            Assert.Null(s.Thresholds);
            Assert.Null(s.Agents);
            Assert.Null(s.AgentSplit);
            Assert.Null(s.OnAgentLost);
            Assert.Equal(ArrivalModes.Poisson, s.Arrivals);
            var validated = new ScenarioValidator().Parse(ScenarioJson.Serialize(s));
            Assert.True(validated.IsValid, string.Join("; ", validated.Errors.Select(e => $"{e.Path}: {e.Message}")));
        });
    }

    private static ScenarioDefinition Scenario(params LoadSimulation[] phases) => new()
    {
        Name = "split",
        Target = new ScenarioTarget { Workload = "hello" },
        Phases = phases,
    };
}
