using Dashboard.LoopServer.Workloads;

namespace Dashboard.LoopServer.Tests.Workloads;

public sealed class ExpectedTimesTests
{
    [Fact]
    public void Of_CpuThenSleep_AwakeThenAsleep()
    {
        var times = Expected("""{"cpu": "5ms"}, {"sleep": "20ms"}, {"offload": "3ms"}, {"pool": {"backend": "2ms"}}""");

        Assert.Equal(Ms(5), times.Awake);
        Assert.Equal(Ms(25), times.Asleep);
        Assert.Equal(Ms(30), times.Elapsed);
        Assert.Equal(Ms(5), times.LoopAwake);
        Assert.Equal(Ms(30), times.Settled);
    }

    [Fact]
    public void Of_Distributions_UseTheirMeans()
    {
        var times = Expected("""{"cpu": {"uniform": ["1ms", "9ms"]}}, {"sleep": {"exponential": "20ms"}}""");

        Assert.Equal(Ms(5), times.Awake);
        Assert.Equal(20, times.Asleep.TotalMilliseconds, 3);
    }

    [Fact]
    public void Of_Sequence_AddsToTheSameTask()
    {
        var times = Expected("""{"sequence": [{"cpu": "1ms"}, {"sleep": "10ms"}]}, {"sequence": [{"cpu": "1ms"}, {"sleep": "20ms"}]}""");

        Assert.Equal(Ms(2), times.Awake);
        Assert.Equal(Ms(32), times.Elapsed);
    }

    [Fact]
    public void Of_Gather_TakesTheLongestBranchAndTheRequestSleeps()
    {
        var times = Expected("""{"cpu": "1ms"}, {"gather": [[{"cpu": "1ms"}, {"sleep": "10ms"}], [{"cpu": "1ms"}, {"sleep": "30ms"}]]}""");

        Assert.Equal(Ms(1), times.Awake);
        Assert.Equal(Ms(31), times.Asleep);
        Assert.Equal(Ms(32), times.Elapsed);
        Assert.Equal(Ms(3), times.LoopAwake);
    }

    [Fact]
    public void Of_GatherOfCpuBranches_SharesTheLoop()
    {
        // Two 10 ms computations cannot overlap on one thread.
        var times = Expected("""{"gather": [[{"cpu": "10ms"}], [{"cpu": "10ms"}]]}""");

        Assert.Equal(Ms(20), times.Elapsed);
        Assert.Equal(TimeSpan.Zero, times.Awake);
        Assert.Equal(Ms(20), times.LoopAwake);
    }

    [Fact]
    public void Of_Spawn_CountsForTheLoopAndSettlingButNotTheResponse()
    {
        var times = Expected("""{"cpu": "1ms"}, {"spawn": [{"sleep": "50ms"}, {"cpu": "2ms"}]}, {"sleep": "5ms"}""");

        Assert.Equal(Ms(6), times.Elapsed);
        Assert.Equal(Ms(3), times.LoopAwake);
        Assert.Equal(Ms(53), times.Settled);
    }

    [Fact]
    public void Of_JsonEverywhere_SumsBytesWithoutGuessingTime()
    {
        var times = Expected("""{"json": 100}, {"gather": [[{"json": 20}], [{"spawn": [{"json": 3}]}]]}, {"sequence": [{"json": 4}]}""");

        Assert.Equal(127, times.JsonBytes);
        Assert.Equal(TimeSpan.Zero, times.LoopAwake);
    }

    [Fact]
    public void Of_NoSteps_AllZero()
    {
        Assert.Equal(default, Expected(""));
    }

    private static ExpectedTimes Expected(string steps)
    {
        var result = WorkloadParser.Parse($$"""{"name": "t", "steps": [{{steps}}]}""");
        Assert.True(result.Success, result.DescribeErrors());
        return result.Workload.Expected;
    }

    private static TimeSpan Ms(double milliseconds) => TimeSpan.FromMilliseconds(milliseconds);
}
