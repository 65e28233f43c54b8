using Dashboard.LoopServer.Workloads;

namespace Dashboard.LoopServer.Tests.Workloads;

public sealed class WorkloadParserLimitTests
{
    [Fact]
    public void Parse_NestingAtTheLimit_Succeeds()
    {
        Assert.True(WorkloadParser.Parse(Nested(8)).Success);
    }

    [Fact]
    public void Parse_NestingOverTheLimit_ReportsDepth()
    {
        var result = WorkloadParser.Parse(Nested(9));

        var error = Assert.Single(result.Errors);
        Assert.Equal("steps[0]" + string.Concat(Enumerable.Repeat(".sequence[0]", 7)) + ".sequence", error.Path);
        Assert.Equal("steps nest 9 lists deep, over the limit of 8", error.Message);
    }

    [Fact]
    public void Parse_NestingThroughGatherAndSpawn_CountsEveryList()
    {
        // steps(1) > gather branch(2) > spawn(3): over a limit of 2.
        var limits = new WorkloadLimits { MaxNestingDepth = 2 }.Validate();

        var result = WorkloadParser.Parse(Steps("""{"gather": [[{"spawn": [{"cpu": "1ms"}]}]]}"""), limits);

        Assert.Equal("steps[0].gather[0][0].spawn", Assert.Single(result.Errors).Path);
    }

    [Fact]
    public void Parse_JsonNestedFarDeeperThanSteps_ReportsDepthWithoutCrashing()
    {
        string json = """{"name": "t", "steps": [""" + new string('[', 500) + new string(']', 500) + "]}";

        var result = WorkloadParser.Parse(json);

        Assert.Contains("nests deeper than", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_GatherBranchesAtTheLimit_Succeeds()
    {
        Assert.True(WorkloadParser.Parse(Steps(Gather(64))).Success);
    }

    [Fact]
    public void Parse_GatherBranchesOverTheLimit_Fails()
    {
        var error = Assert.Single(WorkloadParser.Parse(Steps(Gather(65))).Errors);

        Assert.Equal("steps[0].gather", error.Path);
        Assert.Equal("65 branches, over the limit of 64", error.Message);
    }

    [Fact]
    public void Parse_ChildTasksOverTheTotal_Fails()
    {
        // 15 gathers of 64 branches plus 41 spawns: 1001 child tasks.
        string steps = string.Join(", ", Enumerable.Repeat(Gather(64), 15).Concat(Enumerable.Repeat("""{"spawn": []}""", 41)));

        var error = Assert.Single(WorkloadParser.Parse(Steps(steps)).Errors);

        Assert.Equal("steps", error.Path);
        Assert.Contains("starts 1001 child tasks", error.Message, StringComparison.Ordinal);
        Assert.True(WorkloadParser.Parse(Steps(string.Join(", ", Enumerable.Repeat(Gather(64), 15).Concat(Enumerable.Repeat("""{"spawn": []}""", 40))))).Success);
    }

    [Fact]
    public void Parse_ExpectedDurationOverTheLimit_Fails()
    {
        var result = WorkloadParser.Parse(Steps("""{"sleep": "9s"}, {"sleep": "9s"}, {"sleep": "9s"}, {"cpu": "4s"}"""));

        var error = Assert.Single(result.Errors);
        Assert.Equal("steps", error.Path);
        Assert.Contains("expected to take 31s (mean)", error.Message, StringComparison.Ordinal);
        Assert.Contains("over the limit of 30s", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SpawnedChildOutlastingTheLimit_Fails()
    {
        // The response comes after 25 s, but the spawned child runs until 35 s.
        var result = WorkloadParser.Parse(Steps("""{"spawn": [{"sleep": "10s"}]}, {"sleep": "9s"}, {"sleep": "8s"}, {"offload": "8s"}, {"spawn": [{"sleep": "10s"}]}"""));

        Assert.Contains("expected to take 35s", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DistributionMeansCountTowardTheLimit()
    {
        // Each exponential is clamped at 10 s, so its mean is 10 s · (1 − e^-1) ≈ 6.3 s; five of them exceed 30 s.
        string five = string.Join(", ", Enumerable.Repeat("""{"sleep": {"exponential": "10s"}}""", 5));
        string four = string.Join(", ", Enumerable.Repeat("""{"sleep": {"exponential": "10s"}}""", 4));

        Assert.False(WorkloadParser.Parse(Steps(five)).Success);
        Assert.True(WorkloadParser.Parse(Steps(four)).Success);
    }

    [Fact]
    public void Parse_CustomSingleDurationLimit_IsEnforced()
    {
        var limits = new WorkloadLimits { MaxSingleDuration = TimeSpan.FromSeconds(1) }.Validate();

        var error = Assert.Single(WorkloadParser.Parse(Steps("""{"cpu": "1.5s"}"""), limits).Errors);

        Assert.Equal("1.5s is over the limit of 1s for a single duration", error.Message);
    }

    [Fact]
    public void Parse_CustomStepLimit_IsEnforcedOnce()
    {
        var limits = new WorkloadLimits { MaxSteps = 5 }.Validate();
        string steps = string.Join(", ", Enumerable.Repeat("""{"cpu": "1ms"}""", 8));

        var error = Assert.Single(WorkloadParser.Parse(Steps(steps), limits).Errors);

        Assert.Equal("steps[5]", error.Path);
        Assert.Equal("more than 5 steps in the workload", error.Message);
    }

    [Fact]
    public void Parse_CustomJsonLimit_IsEnforced()
    {
        var limits = new WorkloadLimits { MaxJsonBytes = 1000 }.Validate();

        Assert.True(WorkloadParser.Parse(Steps("""{"json": 1000}"""), limits).Success);
        Assert.Equal("1001 bytes is over the limit of 1000", Assert.Single(WorkloadParser.Parse(Steps("""{"json": 1001}"""), limits).Errors).Message);
    }

    [Fact]
    public void Parse_DocumentOverTheSizeLimit_FailsBeforeParsing()
    {
        var limits = new WorkloadLimits { MaxDocumentBytes = 64 }.Validate();
        string json = Steps(string.Join(", ", Enumerable.Repeat("""{"cpu": "1ms"}""", 10)));

        var error = Assert.Single(WorkloadParser.Parse(json, limits).Errors);

        Assert.Equal("", error.Path);
        Assert.Contains("over the limit of 64", error.Message, StringComparison.Ordinal);
        Assert.Contains("over the limit of 64", Assert.Single(WorkloadParser.Parse(System.Text.Encoding.UTF8.GetBytes(json), limits).Errors).Message, StringComparison.Ordinal);
    }

    private static string Steps(string steps) => $$"""{"name": "t", "steps": [{{steps}}]}""";

    private static string Gather(int branches) =>
        $$"""{"gather": [{{string.Join(", ", Enumerable.Repeat("""[{"cpu": "10us"}]""", branches))}}]}""";

    /// <summary>A document whose step lists nest <paramref name="depth"/> deep (the top-level list is 1).</summary>
    private static string Nested(int depth)
    {
        string inner = """{"cpu": "1ms"}""";
        for (int i = 1; i < depth; i++)
        {
            inner = $$"""{"sequence": [{{inner}}]}""";
        }

        return Steps(inner);
    }
}
