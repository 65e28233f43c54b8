using Dashboard.Client.Pages;
using Dashboard.Contracts.Runs;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Client.Tests;

public sealed class RunsPageTests
{
    [Fact]
    public async Task Render_Runs_ShowEachRunsKeyFiguresWithUnitsAndLinks()
    {
        var html = await RenderAsync([RunFixtures.Info(RunStatus.Completed, passed: true)]);

        var row = Html.BodyRows(html, "data-runs").Single();
        Assert.Contains($"data-run-id=\"{RunFixtures.RunId}\"", row);
        Assert.Contains($"<a class=\"run-link\" href=\"runs/{RunFixtures.RunId}\">io-bound</a>", row);
        Assert.Contains($"href=\"api/runs/{RunFixtures.RunId}/report.html?download=1\"", row);
        Assert.Contains($"href=\"api/runs/{RunFixtures.RunId}/report.csv.zip\"", row);
        Assert.Contains($"href=\"api/runs/{RunFixtures.RunId}/report.json\"", row);
        Assert.Contains($"href=\"api/runs/{RunFixtures.RunId}/trace.json\"", row);
        Assert.Contains("05:06:07 UTC", row);
        Assert.Equal(["12.3 s", "12,345 requests", "988 /s", "1.2 %", "45.7 ms", "3.46 ms", "45.7 %"], Html.Quantities(row));
        Assert.Contains("<span class=\"pill pill-ok\" data-status>completed</span>", row);
        Assert.Contains("<span class=\"pill pill-ok\" data-verdict>passed</span>", row);
    }

    [Theory]
    [InlineData(RunStatus.Running, "running", "pill-live")]
    [InlineData(RunStatus.Stopped, "stopped", "pill-muted")]
    [InlineData(RunStatus.ThresholdAborted, "aborted by threshold", "pill-bad")]
    [InlineData(RunStatus.Failed, "failed", "pill-bad")]
    [InlineData(RunStatus.Aborted, "aborted", "pill-bad")]
    public async Task Render_EachStatus_ReadsInWordsWithItsColour(RunStatus status, string words, string pill)
    {
        var html = await RenderAsync([RunFixtures.Info(status)]);

        Assert.Contains($"<span class=\"pill {pill}\" data-status>{words}</span>", html);
        Assert.Contains("<span class=\"pill pill-muted\" data-verdict>&#x2014;</span>", html);
    }

    [Fact]
    public async Task Render_RunWithoutRequests_ShowsNoLatencyRatherThanZero()
    {
        var info = RunFixtures.Info() with { Key = new RunKeyFigures() };

        var html = await RenderAsync([info]);

        Assert.Contains("<span class=\"value\">&#x2014;</span><span class=\"unit\">ms</span>", html);
    }

    [Fact]
    public async Task Render_MoreRunsThanTheLimit_ShowsTheNewestAndSaysSo()
    {
        var runs = Enumerable.Range(0, 5).Select(i => RunFixtures.Info() with { Id = $"run-{i}" }).ToArray();

        var html = await RenderAsync(runs, new DashboardUiOptions { MaxRunRows = 2 });

        var rows = Html.BodyRows(html, "data-runs");
        Assert.Equal(2, rows.Count);
        Assert.Contains("data-run-id=\"run-0\"", rows[0]);
        Assert.Contains("Showing the newest 2 of 5 runs.", html);
    }

    [Fact]
    public async Task Render_NoRun_InvitesToLaunchOne()
    {
        var html = await RenderAsync([]);

        Assert.Contains("No run yet.", Html.BodyRows(html, "data-runs").Single());
    }

    [Fact]
    public async Task Render_HostileScenarioNameAndId_AreEncoded()
    {
        var info = RunFixtures.Info(scenario: "<script>alert(1)</script>") with { Id = "a\"b<c" };

        var html = await RenderAsync([info]);

        Assert.DoesNotContain("<script>alert(1)", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.Contains("href=\"runs/a%22b%3Cc\"", html);
    }

    private static Task<string> RenderAsync(IReadOnlyList<RunInfo> runs, DashboardUiOptions? options = null) =>
        ComponentRenderer.RenderAsync<Runs>(
            options: options,
            path: "runs",
            services: s => s.AddSingleton<IRunDirectory>(new FakeRunDirectory(runs.Select(r => new RunDetails(r, RunFixtures.Scenario(), [])).ToArray())));
}
