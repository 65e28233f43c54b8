using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Dashboard.Server.Tests.Sweeps;

namespace Dashboard.Server.Tests.FirstRun;

/// <summary>
/// The README's own command lines, typed from the repository root as a newcomer types them (no
/// clone, no other folder): the dashboard starts, a relative scenario path and a relative --out
/// mean the root's, a catalog name runs, and the smoke run passes on a cold process three times in
/// a row. In the timing collection: alone, after the parallel tests, so hello's latency threshold
/// meets a quiet machine. The first command builds the host (Debug, as dotnet run does).
/// </summary>
[Collection(TimingCollection.Name)]
public sealed partial class ReadmeCommandsTests
{
    private const string RunCommand = "dotnet run --project server/Dashboard.Server";
    private const string RunCommandOnAnotherAddress = "dotnet run --project server/Dashboard.Server -- --urls http://127.0.0.1:5001";
    private const string HeadlessByName = "dotnet run --project server/Dashboard.Server -- run hello";
    private const string HeadlessByFile = "dotnet run --project server/Dashboard.Server -- run scenarios/hello.json --out reports";

    /// <summary>Building the host from cold, then starting it, on a slow machine.</summary>
    private static readonly TimeSpan FirstCommand = TimeSpan.FromMinutes(2.5);

    private static readonly TimeSpan HeadlessHello = TimeSpan.FromMinutes(1.5);

    private static string Root => RepositoryCommand.RepositoryRoot;

    [Fact]
    public void Readme_ShowsEveryCommandTheseTestsRun_AsAShellLine()
    {
        var readme = File.ReadAllText(Path.Combine(Root, "README.md"));
        var shellLines = ShellBlock().Matches(readme).SelectMany(m => m.Groups[1].Value.Split('\n')).Select(l => l.Trim()).ToHashSet();

        Assert.Contains(RunCommand, shellLines);
        Assert.Contains(HeadlessByName, shellLines);
        Assert.Contains(HeadlessByFile, shellLines);
        Assert.Contains("bash scripts/test.sh", shellLines);
        Assert.Contains($"(add `-- --urls http://127.0.0.1:5001`", readme);
    }

    [Fact]
    public async Task RunCommand_FromTheRoot_ServesTheDashboard_KeepsItsDataInTheRootsDataFolder_AndKeepsTheConsoleQuiet()
    {
        var port = FreePort();
        // The README's line with a free port for 5001, and the loop server on a free port too, so a
        // dashboard already running on this machine does not collide with the test's.
        using var dashboard = RepositoryCommand.Start(RunCommandOnAnotherAddress.Replace(":5001", $":{port}", StringComparison.Ordinal) + " --LoopServer:Port=0");
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(10) };

        var health = await Waits.UntilAsync(async () => await TryGetAsync(client, "health"), "the dashboard's /health, started by the README's run command", FirstCommand);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        using var page = await client.GetAsync("runs");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);

        Assert.True(File.Exists(Path.Combine(Root, "data", "runs.db")), "the run store is not in the root's data/ folder");
        Assert.False(Directory.Exists(Path.Combine(Root, "server", "Dashboard.Server", "data")), "the run store went to the project's folder");
        var output = dashboard.Output;
        Assert.Contains($"Now listening on: http://127.0.0.1:{port}", output);
        // Framework noise (a line per request) stays below warning by default.
        Assert.DoesNotContain("Request starting", output);
        Assert.DoesNotContain("warn:", output);
        Assert.DoesNotContain("fail:", output);
    }

    [Fact]
    public async Task HeadlessCommands_FromTheRoot_ReadTheRootsScenario_WriteToTheRootsOutFolder_AndTheSmokeRunPassesColdThreeTimes()
    {
        var reports = Path.Combine(Root, "reports");
        var before = Directory.Exists(reports) ? Directory.GetFiles(reports).ToHashSet() : [];
        var (code, output) = await RepositoryCommand.RunAsync(HeadlessByFile, FirstCommand);
        var written = Directory.Exists(reports) ? Directory.GetFiles(reports).Where(f => !before.Contains(f)).ToArray() : [];
        try
        {
            Assert.True(code == 0, $"`{HeadlessByFile}` exited {code}:\n{output}");
            Assert.Equal([".csv.zip", ".hlog", ".html", ".json", ".trace.json"], written.Select(Extension).Order(StringComparer.Ordinal));
            Assert.Contains($"files: {reports}{Path.DirectorySeparatorChar}", output);
        }
        finally
        {
            foreach (var file in written)
            {
                File.Delete(file);
            }

            if (before.Count == 0 && Directory.Exists(reports) && Directory.GetFileSystemEntries(reports).Length == 0)
            {
                Directory.Delete(reports);
            }
        }

        // The smoke run by its catalog name, each time in a fresh (cold) process: it passes, healthy.
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            (code, output) = await RepositoryCommand.RunAsync(HeadlessByName, HeadlessHello);
            Assert.True(code == 0, $"`{HeadlessByName}` (attempt {attempt}) exited {code}:\n{output}");
            Assert.Contains("verdict         Healthy: ", output);
            Assert.Contains("warm-up ", output);
        }
    }

    private static string Extension(string path)
    {
        var name = Path.GetFileName(path);
        return name[name.IndexOf('.', name.LastIndexOf('-'))..];
    }

    private static async Task<HttpResponseMessage?> TryGetAsync(HttpClient client, string path)
    {
        try
        {
            return await client.GetAsync(path);
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (TaskCanceledException)
        {
            return null;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex("```sh\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex ShellBlock();
}
