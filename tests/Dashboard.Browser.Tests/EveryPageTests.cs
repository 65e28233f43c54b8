using System.Net.Http.Json;
using Dashboard.Contracts.Runs;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Browser.Tests;

/// <summary>Every page of the dashboard, once its circuit is up, with a finished run in the history: no console error, no page error.</summary>
[Collection(BrowserCollection.Name)]
public sealed class EveryPageTests(BrowserFixture fixture) : PageTests(fixture)
{
    [Fact]
    public async Task EveryPage_OpenedAndLeftToRun_LogsNoErrorInTheBrowser()
    {
        var problems = PageProblems.Watch(Page);
        var (runId, taskId) = await FinishedRunAsync();

        foreach (var (address, ready) in new[]
        {
            ("", "form.launch-form[data-interactive]"),
            ("runs", "[data-live-status]"),
            ($"runs/{runId}", "[data-chart=throughput] canvas"),
            ($"runs/{runId}/tasks/{taskId}", ".task-node.current"),
            ("compare", ".page.compare[data-interactive]"),
            ("loop", "[data-live-status]"),
            ("agents", "[data-live-status]"),
        })
        {
            await Page.GotoAsync(address);
            await Expect(Page.Locator(ready).First).ToBeVisibleAsync();
            // Long enough for the circuit to start and a live page to take an update or two.
            await Page.WaitForTimeoutAsync(1_200);
            Assert.True(problems.Count == 0, $"/{address}: {string.Join("; ", problems)}");
        }
    }

    private async Task<(string RunId, long TaskId)> FinishedRunAsync()
    {
        var run = await FinishedRuns.RunToEndAsync(Fixture.BaseAddress, """
            {
              "name": "every-page",
              "target": { "workload": "io-bound" },
              "phases": [ { "inject": { "rate": 50, "during": "2s" } } ],
              "connections": 5
            }
            """);
        using var client = new HttpClient { BaseAddress = Fixture.BaseAddress };
        var snapshots = await client.GetFromJsonAsync<RunSnapshot[]>($"api/runs/{run.Id}/snapshots");
        return (run.Id, snapshots!.SelectMany(s => s.Samples).First().Id);
    }
}
