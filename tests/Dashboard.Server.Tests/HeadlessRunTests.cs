using System.Net.Http.Json;
using Dashboard.Contracts.Runs;
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
        var files = Directory.GetFiles(Path.Combine(_folder, "out")).Select(Path.GetFileName).ToArray();
        Assert.Equal(5, files.Length);
        Assert.All([".html", ".json", ".csv.zip", ".trace.json", ".hlog"], extension => Assert.Single(files, f => f!.EndsWith(extension, StringComparison.Ordinal) && (extension != ".json" || !f.EndsWith(".trace.json", StringComparison.Ordinal))));
        Assert.All(files, f => Assert.StartsWith("run-", f, StringComparison.Ordinal));
        Assert.Contains("files: ", stdout);
    }

    [Fact]
    public async Task DesignsScenario_RunsEachDesignInTurn_EachWithItsSummaryAndFiles()
    {
        var (code, stdout, stderr) = await Run("""
            {
              "name": "headless-designs",
              "designs": [ { "name": "hello", "workload": "hello" }, { "name": "io", "workload": "io-bound", "loops": 1 } ],
              "phases": [ { "inject": { "rate": 20, "during": "500ms" } } ],
              "connections": 2,
              "thresholds": [ "errors.rate < 1%" ]
            }
            """, withOut: true);

        Assert.True(code == CommandLineEntry.Passed, stdout + stderr);
        var first = stdout.IndexOf("design 1 of 2: hello", StringComparison.Ordinal);
        var second = stdout.IndexOf("design 2 of 2: io", StringComparison.Ordinal);
        Assert.True(first >= 0 && second > first, stdout);
        Assert.Contains("headless-designs · hello", stdout);
        Assert.Contains("headless-designs · io", stdout);
        Assert.Equal(10, Directory.GetFiles(Path.Combine(_folder, "out")).Length);
    }

    [Fact]
    public async Task OutFolder_HoldsTheSameFilesTheDashboardServesForTheRun()
    {
        var (code, _, stderr) = await Run(Scenario("errors.rate < 1%"), withOut: true);
        Assert.Equal(CommandLineEntry.Passed, code);
        Assert.Equal("", stderr);

        // The dashboard started later on the same data folder serves the run from the store.
        await using var dashboard = new DashboardFactory(DataFolder);
        using var client = dashboard.CreateClient();
        var runs = await client.GetFromJsonAsync<List<RunInfo>>("/api/runs");
        var run = Assert.Single(runs!);
        Assert.Equal(RunStatus.Completed, run.Status);
        foreach (var file in (string[])["report.html", "report.json", "report.csv.zip", "trace.json", "latency.hlog"])
        {
            var response = await client.GetAsync($"/api/runs/{run.Id}/{file}?download=1");
            var name = response.Content.Headers.ContentDisposition!.FileName!.Trim('"');
            var written = Path.Combine(_folder, "out", name);
            Assert.True(File.Exists(written), $"--out has no {name}");
            var fromFile = await File.ReadAllBytesAsync(written);
            var fromApi = await response.Content.ReadAsByteArrayAsync();
            Assert.True(fromFile.AsSpan().SequenceEqual(fromApi), $"{name} differs from GET /api/runs/{{id}}/{file}");
        }
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
        var missing = await HeadlessRun.RunAsync(new HeadlessRequest(Path.Combine(_folder, "nope.json"), null, []), TextWriter.Null, new StringWriter(), CancellationToken.None);
        Assert.Equal(CommandLineEntry.InvalidInput, missing);

        var badSet = await HeadlessRun.RunAsync(new HeadlessRequest(Write("{}"), null, ["no-equals-sign"]), TextWriter.Null, new StringWriter(), CancellationToken.None);
        Assert.Equal(CommandLineEntry.InvalidInput, badSet);

        Assert.Equal(CommandLineEntry.InvalidInput, await CommandLineEntry.RunAsync(["run"]));
    }

    [Fact]
    public async Task UnknownName_ExitsTwoNamingTheCatalog()
    {
        var stderr = new StringWriter();
        var code = await HeadlessRun.RunAsync(new HeadlessRequest("no-such-scenario", null, [$"Storage:DataDirectory={DataFolder}"]), TextWriter.Null, stderr, CancellationToken.None);

        Assert.Equal(CommandLineEntry.InvalidInput, code);
        Assert.Contains("no scenario named 'no-such-scenario'", stderr.ToString());
        Assert.Contains("hello", stderr.ToString());
    }

    [Theory]
    [InlineData("hello", true)]
    [InlineData("io-bound", true)]
    [InlineData("hello.json", false)]
    [InlineData("scenarios/hello", false)]
    [InlineData("", false)]
    public void IsCatalogName_IsABareNameWithoutFolderOrExtension(string text, bool expected) =>
        Assert.Equal(expected, HeadlessRun.IsCatalogName(text));

    private static string Scenario(string threshold) => $$"""
        {
          "name": "headless-test",
          "target": { "workload": "hello" },
          "phases": [ { "inject": { "rate": 50, "during": "1s" } } ],
          "connections": 5,
          "thresholds": [ "{{threshold}}" ]
        }
        """;

    private string DataFolder => Path.Combine(_folder, "data");

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
            new HeadlessRequest(Write(json), withOut ? Path.Combine(_folder, "out") : null, [$"Storage:DataDirectory={DataFolder}"]),
            stdout,
            stderr,
            CancellationToken.None);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
