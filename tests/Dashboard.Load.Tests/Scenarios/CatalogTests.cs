using Dashboard.Contracts.Scenarios;
using Dashboard.Load.Engine;
using Dashboard.Load.Scenarios;
using Dashboard.Load.Statistics;
using Dashboard.Load.Tests.Engine;
using Dashboard.Load.Tests.Support;

namespace Dashboard.Load.Tests.Scenarios;

/// <summary>Checks the shipped <c>scenarios/*.json</c> (copied next to the test assembly).</summary>
public sealed class CatalogTests
{
    private static readonly string CatalogDirectory = Path.Combine(AppContext.BaseDirectory, "scenarios");

    // The loop server's workload catalog, by name.
    private static readonly string[] Workloads =
    [
        "hello", "io-bound", "cpu-bound", "offloaded", "process-offloaded", "sequential", "gathered", "fire-and-forget",
        "pooled-backend", "json-heavy", "mixed", "blocker",
    ];

    public static TheoryData<string> Files =>
        new(Directory.GetFiles(CatalogDirectory, "*.json").Select(Path.GetFileName).Order()!);

    [Fact]
    public void Catalog_HoldsTheDocumentedScenarios()
    {
        string[] names = Directory.GetFiles(CatalogDirectory, "*.json").Select(Path.GetFileNameWithoutExtension).Order().ToArray()!;
        Assert.Equal(
            ["blocker", "blocker-2-loops", "cpu-saturation", "cpu-saturation-2-loops", "designs", "hello", "io-bound", "offloaded", "ramp-to-saturation", "sequential-vs-gathered", "sweep"],
            names);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void CatalogFile_IsValidDescribedShortAndTargetsKnownWorkloads(string file)
    {
        ScenarioValidationResult result = new ScenarioValidator().Parse(File.ReadAllText(Path.Combine(CatalogDirectory, file)));
        Assert.True(result.IsValid, $"{file}:\n{string.Join("\n", result.Errors)}");

        ScenarioDefinition scenario = result.Scenario!;
        Assert.Equal(Path.GetFileNameWithoutExtension(file), scenario.Name);
        Assert.True(scenario.Description is { Length: > 40 }, $"{file} needs a description that says what it shows");
        Assert.InRange(result.Plan!.TotalDuration, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(30));

        IEnumerable<string?> workloads = scenario.Designs is { } designs
            ? designs.Select(d => d.Workload)
            : (scenario.Requests ?? []).Select(r => r.Workload).Append(scenario.Target!.Workload);
        Assert.All(workloads.Where(w => w is not null), w => Assert.Contains(w, Workloads));
    }
}

[Collection(NetworkCollection.Name)]
public sealed class CatalogRunTests : IClassFixture<ServerFixture>
{
    private readonly TestHttpServer _server;

    public CatalogRunTests(ServerFixture fixture)
    {
        _server = fixture.Server;
        _server.ResetCounters();
    }

    [Fact]
    public async Task HelloScenario_RunsEndToEndAndJudgesItsThresholds()
    {
        LoadEngine engine = TestScenarios.EngineFor(_server);
        ScenarioValidationResult validated = engine.Validator.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "scenarios", "hello.json")));
        await using LoadRun run = await engine.StartAsync(validated);
        RunSummary summary = await run.Completion.Within("the end of the run", TimeSpan.FromSeconds(30));

        // Its 2 s warm-up sends the same 50/s first, counted apart.
        Assert.Equal(150, summary.Load.Requests);
        Assert.Equal(100, summary.WarmUp!.Requests);
        Assert.Equal(250, _server.Requests);

        // The latency threshold is judged but not asserted: a cold process on a shared machine
        // may miss 100 ms once, and that is the server's verdict to give, not this test's.
        Assert.Equal(["errors.rate < 1%", "latency.p99 < 100ms"], summary.Thresholds.Select(t => t.Expression));
        Assert.True(summary.Thresholds[0].Passed, summary.Thresholds[0].Message);
        Assert.NotNull(summary.Thresholds[1].Actual);
    }
}
