using Dashboard.Server.Cli;

namespace Dashboard.Server.Tests;

/// <summary>The headless command's verdicts: 0 pass, 1 thresholds failed, 2 invalid input.</summary>
public sealed class HeadlessRunTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "headless-" + Guid.NewGuid().ToString("N"));

    public HeadlessRunTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task PassingScenario_ExitsZeroPrintsTheSummaryAndWritesFiles()
    {
        var (code, stdout, _) = await Run(Scenario("errors.rate < 1%"), withOut: true);

        Assert.Equal(CommandLineEntry.Passed, code);
        Assert.Contains("Completed", stdout);
        Assert.Contains("corrected", stdout);
        Assert.Contains("waiting", stdout);
        Assert.Contains("PASSED", stdout);
        Assert.Equal(2, Directory.GetFiles(Path.Combine(_folder, "out"), "run-*.json").Length);
    }

    [Fact]
    public async Task FailingThreshold_ExitsOne()
    {
        var (code, stdout, _) = await Run(Scenario("latency.p50 < 0.001ms"), withOut: false);

        Assert.Equal(CommandLineEntry.ThresholdsFailed, code);
        Assert.Contains("FAIL  latency.p50", stdout);
    }

    [Fact]
    public async Task InvalidScenario_ExitsTwoListingEachError()
    {
        var (code, _, stderr) = await Run("""{"name":"bad","target":{"workload":"hello"},"phases":[{"inject":{"rate":0,"during":"soon"}}]}""", withOut: false);

        Assert.Equal(CommandLineEntry.InvalidInput, code);
        Assert.Contains("phases[0].inject.during", stderr);
    }

    [Fact]
    public async Task MissingFileAndBadArguments_ExitTwo()
    {
        var missing = await HeadlessRun.RunAsync(new FileInfo(Path.Combine(_folder, "nope.json")), null, [], TextWriter.Null, new StringWriter(), CancellationToken.None);
        Assert.Equal(CommandLineEntry.InvalidInput, missing);

        var badSet = await HeadlessRun.RunAsync(new FileInfo(Write("{}")), null, ["no-equals-sign"], TextWriter.Null, new StringWriter(), CancellationToken.None);
        Assert.Equal(CommandLineEntry.InvalidInput, badSet);

        Assert.Equal(CommandLineEntry.InvalidInput, await CommandLineEntry.RunAsync(["run"]));
    }

    private static string Scenario(string threshold) => $$"""
        {
          "name": "headless-test",
          "target": { "workload": "hello" },
          "phases": [ { "inject": { "rate": 50, "during": "1s" } } ],
          "connections": 5,
          "thresholds": [ "{{threshold}}" ]
        }
        """;

    private string Write(string json)
    {
        var path = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, json);
        return path;
    }

    private async Task<(int Code, string Stdout, string Stderr)> Run(string json, bool withOut)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await HeadlessRun.RunAsync(
            new FileInfo(Write(json)),
            withOut ? new DirectoryInfo(Path.Combine(_folder, "out")) : null,
            [],
            stdout,
            stderr,
            CancellationToken.None);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
