using System.Net;
using System.Net.Http.Json;
using Dashboard.Contracts.Runs;
using Microsoft.AspNetCore.SignalR.Client;
using Dashboard.Server.Tests.Support;

namespace Dashboard.Server.Tests.History;

/// <summary>Runs, their snapshots and their reports after a restart of the host; comparing runs.</summary>
public sealed class HistoryApiTests : IDisposable
{
    private static readonly string[] ReportFiles = ["report.html", "report.json", "report.csv.zip", "trace.json"];
    private readonly string _data = Path.Combine(Path.GetTempPath(), "history-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    [Fact]
    public async Task Restart_StoredRun_IsServedWithTheSameJsonAndTheSameReportBytes()
    {
        string id;
        string detail;
        string snapshots;
        var reports = new Dictionary<string, byte[]>();
        await using (var before = new DashboardFactory(_data))
        {
            using var client = before.CreateClient();
            id = await ApiRuns.StartAsync(client, ApiRuns.Scenario("restart-me"));
            await ApiRuns.WaitUntilEndedAsync(client, id);
            detail = await client.GetStringAsync($"/api/runs/{id}");
            snapshots = await client.GetStringAsync($"/api/runs/{id}/snapshots");
            foreach (var file in ReportFiles)
            {
                reports[file] = await client.GetByteArrayAsync($"/api/runs/{id}/{file}");
            }
        }

        await using var after = new DashboardFactory(_data);
        using var restarted = after.CreateClient();

        var listed = await restarted.GetFromJsonAsync<List<RunInfo>>("/api/runs");
        var run = Assert.Single(listed!);
        Assert.Equal(id, run.Id);
        Assert.Equal(RunStatus.Completed, run.Status);
        Assert.Equal(detail, await restarted.GetStringAsync($"/api/runs/{id}"));
        Assert.Equal(snapshots, await restarted.GetStringAsync($"/api/runs/{id}/snapshots"));
        foreach (var file in ReportFiles)
        {
            var stored = await restarted.GetByteArrayAsync($"/api/runs/{id}/{file}");
            Assert.True(reports[file].AsSpan().SequenceEqual(stored), $"{file} differs after the restart");
        }

        // The run pages and the live hub know the stored run too: its page, its history and its final word.
        var page = await restarted.GetAsync($"/runs/{id}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("restart-me", await page.Content.ReadAsStringAsync());
        Assert.Contains(id, await restarted.GetStringAsync("/runs"));
        await using var hub = Live.WebSocketHubConnection.Create(after.Server, "/hubs/runs");
        var history = new TaskCompletionSource<IReadOnlyList<RunSnapshot>>();
        var final = new TaskCompletionSource<RunInfo>();
        hub.On<string, IReadOnlyList<RunSnapshot>>(nameof(IRunsHubClient.History), (_, h) => history.TrySetResult(h));
        hub.On<RunInfo>(nameof(IRunsHubClient.RunChanged), info => final.TrySetResult(info));
        await hub.StartAsync().Within("the hub connection to open");
        await hub.InvokeAsync("Subscribe", id).Within("the hub's answer to Subscribe");
        Assert.NotEmpty(await history.Task.Within("the hub's History message", TimeSpan.FromSeconds(10)));
        Assert.Equal(RunStatus.Completed, (await final.Task.Within("the hub's final RunInfo of the run", TimeSpan.FromSeconds(10))).Status);
    }

    [Fact]
    public async Task Reports_KnownRun_AreNamedAfterTheRunAndUnknownIs404NamingIt()
    {
        await using var factory = new DashboardFactory(_data);
        using var client = factory.CreateClient();
        var id = await ApiRuns.StartAsync(client, ApiRuns.Scenario("Named <Run>"));
        await ApiRuns.WaitUntilEndedAsync(client, id);

        var html = await client.GetAsync($"/api/runs/{id}/report.html");
        var download = await client.GetAsync($"/api/runs/{id}/report.html?download=1");
        var zip = await client.GetAsync($"/api/runs/{id}/report.csv.zip");
        var trace = await client.GetAsync($"/api/runs/{id}/trace.json");
        var unknown = await client.GetAsync("/api/runs/20000101-000000-000000/report.json");

        var stem = $"run-{id}-named-run-";
        Assert.Equal("text/html", html.Content.Headers.ContentType!.MediaType);
        Assert.Equal("inline", html.Content.Headers.ContentDisposition!.DispositionType);
        Assert.StartsWith(stem, html.Content.Headers.ContentDisposition.FileName!.Trim('"'), StringComparison.Ordinal);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.EndsWith(".html", download.Content.Headers.ContentDisposition.FileName!.Trim('"'), StringComparison.Ordinal);
        Assert.Equal("application/zip", zip.Content.Headers.ContentType!.MediaType);
        Assert.EndsWith(".csv.zip", zip.Content.Headers.ContentDisposition!.FileName!.Trim('"'), StringComparison.Ordinal);
        Assert.EndsWith(".trace.json", trace.Content.Headers.ContentDisposition!.FileName!.Trim('"'), StringComparison.Ordinal);
        Assert.Contains("\"ph\":\"X\"", await trace.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("20000101-000000-000000", await unknown.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Compare_OneScenarioWithOtherSettings_SaysSoAndTwiceTheSameRunSaysNothing()
    {
        await using var factory = new DashboardFactory(_data);
        using var client = factory.CreateClient();
        var a = await ApiRuns.StartAsync(client, ApiRuns.Scenario("same", rate: 20));
        var b = await ApiRuns.StartAsync(client, ApiRuns.Scenario("same", rate: 40));
        await ApiRuns.WaitUntilEndedAsync(client, a);
        await ApiRuns.WaitUntilEndedAsync(client, b);

        var other = await client.GetFromJsonAsync<RunComparison>($"/api/compare?a={a}&b={b}");
        var same = await client.GetFromJsonAsync<RunComparison>($"/api/compare?a={a}&b={a}");

        Assert.Equal("Both runs are of same, but with different settings (rate, users, duration or more; each run's report shows its scenario).", other!.Note);
        Assert.Null(same!.Note);
        Assert.All(same.Figures.Where(f => f.Difference is not null), f => Assert.Equal("same", f.Better == "" ? "same" : f.Better));
    }

    [Fact]
    public async Task Compare_TwoRuns_GivesFiguresSideBySideAndAnOverlaidReport()
    {
        await using var factory = new DashboardFactory(_data);
        using var client = factory.CreateClient();
        var a = await ApiRuns.StartAsync(client, ApiRuns.Scenario("slow-rate", rate: 20));
        var b = await ApiRuns.StartAsync(client, ApiRuns.Scenario("fast-rate", rate: 80));
        await ApiRuns.WaitUntilEndedAsync(client, a);
        await ApiRuns.WaitUntilEndedAsync(client, b);

        var comparison = await client.GetFromJsonAsync<RunComparison>($"/api/compare?a={a}&b={b}");
        var html = await client.GetStringAsync($"/api/compare.html?a={a}&b={b}");
        var missing = await client.GetAsync($"/api/compare?a={a}");
        var unknown = await client.GetAsync($"/api/compare.html?a={a}&b=nope");

        Assert.Equal((a, b), (comparison!.A.Id, comparison.B.Id));
        var requests = comparison.Figures.Single(f => f.Name == "requests");
        Assert.True(requests.B > requests.A, $"80/s against 20/s: {requests.A} vs {requests.B}");
        Assert.Equal(requests.B - requests.A, requests.Difference);
        Assert.Contains(comparison.Figures, f => f.Name == "loop.waiting.p99" && f.LowerIsBetter == true);
        // Where the request tasks' time went, in both runs: the three shares add up to 100 %.
        var shares = comparison.Figures.Where(f => f.Name.StartsWith("share.", StringComparison.Ordinal)).ToArray();
        Assert.Equal(["share.awake", "share.waiting", "share.asleep"], shares.Select(f => f.Name));
        Assert.Equal(100, shares.Sum(f => f.A!.Value), 6);
        Assert.Equal(100, shares.Sum(f => f.B!.Value), 6);
        var threshold = Assert.Single(comparison.Thresholds);
        Assert.Equal(("errors.rate < 1%", true, true), (threshold.Expression, threshold.A!.Passed, threshold.B!.Passed));
        Assert.Equal("These runs are of different scenarios (slow-rate and fast-rate): their loads differ, so a difference says as much about the scenarios as about the loop.", comparison.Note);
        Assert.Contains("id=\"note\"", html);
        Assert.Contains("<section id=\"thresholds\">", html);
        Assert.Contains(a, html);
        Assert.Contains(b, html);
        Assert.Contains("stroke-dasharray", html);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("\"path\":\"b\"", await missing.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("nope", await unknown.Content.ReadAsStringAsync());
    }
}
