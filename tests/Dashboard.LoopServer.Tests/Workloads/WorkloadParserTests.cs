using System.Text;
using System.Text.Json;
using Dashboard.LoopServer.Workloads;
using Dashboard.LoopServer.Workloads.Durations;

namespace Dashboard.LoopServer.Tests.Workloads;

public sealed class WorkloadParserTests
{
    private const string EveryStep = """
        {
          // Comments and trailing commas are fine in hand-written files.
          "name": "every-step",
          "description": "One of each.",
          "seed": 42,
          "steps": [
            {"cpu": "5ms"},
            {"sleep": {"uniform": ["1ms", "9ms"]}},
            {"offload": {"exponential": "2ms"}},
            {"json": 20000},
            {"json": {"bytes": 300}},
            {"sequence": [{"cpu": {"lognormal": {"median": "1ms", "p99": "8ms"}}}]},
            {"gather": [[{"sleep": "10ms"}], [], [{"cpu": "1ms"}, {"sleep": "2ms"}]]},
            {"spawn": [{"sleep": "50ms"}]},
            {"pool": {"backend": "10ms", "size": 2, "queue": 7}},
            {"pool": {"backend": "1ms"}},
          ],
        }
        """;

    [Fact]
    public void Parse_EveryStepKind_BuildsTheModel()
    {
        var result = WorkloadParser.Parse(EveryStep);

        Assert.True(result.Success, result.DescribeErrors());
        var workload = result.Workload;
        Assert.Equal("every-step", workload.Name);
        Assert.Equal("One of each.", workload.Description);
        Assert.Equal(42, workload.Seed);
        Assert.Collection(
            workload.Steps,
            s => Assert.Equal(new CpuStep(new FixedDuration(Ms(5))), s),
            s => Assert.Equal(new SleepStep(new UniformDuration(Ms(1), Ms(9))), s),
            s => Assert.Equal(new OffloadStep(new ExponentialDuration(Ms(2), TimeSpan.FromSeconds(10))), s),
            s => Assert.Equal(new JsonStep(20000), s),
            s => Assert.Equal(new JsonStep(300), s),
            s => Assert.Equal(new LogNormalDuration(Ms(1), Ms(8), TimeSpan.FromSeconds(10)), Assert.IsType<CpuStep>(Assert.Single(Assert.IsType<SequenceStep>(s).Steps)).Duration),
            s =>
            {
                var gather = Assert.IsType<GatherStep>(s);
                Assert.Equal([1, 0, 2], gather.Branches.Select(b => b.Length));
            },
            s => Assert.IsType<SleepStep>(Assert.Single(Assert.IsType<SpawnStep>(s).Steps)),
            s => Assert.Equal(new PoolStep(new FixedDuration(Ms(10)), 2, 7), s),
            s => Assert.Equal(new PoolStep(new FixedDuration(Ms(1)), 4, 1000), s));
    }

    [Fact]
    public void Parse_MinimalDocument_UsesDefaults()
    {
        var result = WorkloadParser.Parse("""{"name": "a", "steps": []}""");

        Assert.True(result.Success);
        Assert.Equal("", result.Workload.Description);
        Assert.Equal(0, result.Workload.Seed);
        Assert.Empty(result.Workload.Steps);
        Assert.Empty(result.Errors);
    }

    [Fact]
    public void Parse_Utf8Bytes_SameAsString()
    {
        var fromBytes = WorkloadParser.Parse(Encoding.UTF8.GetBytes(EveryStep));

        Assert.True(fromBytes.Success);
        Assert.Equal(WorkloadParser.Parse(EveryStep).Workload!.Expected, fromBytes.Workload.Expected);
    }

    [Fact]
    public void Parse_ElementInsideALargerDocument_Validates()
    {
        using var scenario = JsonDocument.Parse("""{"workload": {"name": "inline", "steps": [{"cpu": "1ms"}]}, "rate": 5}""");

        var result = WorkloadParser.Parse(scenario.RootElement.GetProperty("workload"));

        Assert.True(result.Success);
        Assert.Equal("inline", result.Workload.Name);
    }

    [Fact]
    public void Parse_SamePoolSettingsTwice_GivesEqualSteps()
    {
        // The executor shares one backend pool per distinct pool definition, keyed by value.
        var a = WorkloadParser.Parse("""{"name": "a", "steps": [{"pool": {"backend": {"uniform": ["1ms", "2ms"]}, "size": 3}}]}""");
        var b = WorkloadParser.Parse("""{"name": "b", "steps": [{"pool": {"size": 3, "backend": {"uniform": ["1ms", "2ms"]}}}]}""");

        Assert.Equal(a.Workload!.Steps[0], b.Workload!.Steps[0]);
        Assert.Equal(a.Workload.Steps[0].GetHashCode(), b.Workload.Steps[0].GetHashCode());
    }

    [Fact]
    public void Failed_WithoutErrors_Throws()
    {
        Assert.Throws<ArgumentException>(() => WorkloadParseResult.Failed([]));
    }

    private static TimeSpan Ms(double milliseconds) => TimeSpan.FromMilliseconds(milliseconds);
}
