using System.Net;
using System.Net.Http.Json;
using System.Text;
using Dashboard.Contracts.Runs;

namespace Dashboard.Server.Tests.Runs;

/// <summary>A scenario with designs through the REST API: one run per design, in turn, read side by side.</summary>
public sealed class DesignSeriesApiTests
{
    private const string TwoDesigns = """
        {
          "name": "api-designs",
          "designs": [ { "name": "on the loop", "workload": "cpu-bound", "loops": 1 }, { "name": "thread pool", "workload": "offloaded", "loops": 1 } ],
          "phases": [ { "inject": { "rate": 20, "during": "600ms" } } ],
          "connections": 4
        }
        """;

    [Fact]
    public async Task Designs_RunOneAfterAnother_AndTheSeriesReadsThemSideBySide_AfterARestartToo()
    {
        var data = Path.Combine(Path.GetTempPath(), "dashboard-series-" + Guid.NewGuid().ToString("N"));
        try
        {
            string seriesId;
            await using (var first = new DashboardFactory(data))
            {
                using var client = first.CreateClient();
                var response = await client.PostAsync("/api/runs", new StringContent(TwoDesigns, Encoding.UTF8, "application/json"));
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                var created = (await response.Content.ReadFromJsonAsync<RunCreated>())!;
                seriesId = created.Series!;
                Assert.StartsWith("series-", seriesId, StringComparison.Ordinal);

                var series = await Waits.UntilAsync(
                    async () => await client.GetFromJsonAsync<DesignSeries>($"/api/series/{seriesId}") is { Running: false } s ? s : null,
                    "the series to end",
                    TimeSpan.FromSeconds(40));

                Assert.Equal("api-designs", series!.Scenario);
                Assert.Equal(["on the loop", "thread pool"], series.Designs);
                Assert.Equal(2, series.Runs.Count);
                Assert.Equal(created.Id, series.Runs[0]!.Id);
                Assert.All(series.Runs, r => Assert.Equal(RunStatus.Completed, r!.Status));
                Assert.Equal(["api-designs · on the loop", "api-designs · thread pool"], series.Runs.Select(r => r!.Scenario));
                Assert.Equal([0, 1], series.Runs.Select(r => r!.Series!.Index));
                // One after another: the second started once the first had ended.
                Assert.True(series.Runs[1]!.StartedAt >= series.Runs[0]!.EndedAt);
                Assert.All(series.Runs, r => Assert.True(r!.Key.Requests > 0));

                var report = await client.GetAsync($"/api/series/{seriesId}/report.html?download=1");
                Assert.Equal(HttpStatusCode.OK, report.StatusCode);
                Assert.Equal("attachment", report.Content.Headers.ContentDisposition!.DispositionType);
                var html = await report.Content.ReadAsStringAsync();
                Assert.Contains("api-designs: the designs side by side", html);
                Assert.Contains("All 2 designs ran, one after another, under the same load.", html);
                Assert.Contains("<th>on the loop<br>", html);
                Assert.Contains("<tr id=\"row-throughput\">", html);
                Assert.Contains(series.Runs[1]!.Id, html);
            }

            await using var second = new DashboardFactory(data);
            using var reader = second.CreateClient();
            var stored = (await reader.GetFromJsonAsync<DesignSeries>($"/api/series/{seriesId}"))!;
            Assert.False(stored.Running);
            Assert.Equal(2, stored.Runs.Count(r => r is not null));
        }
        finally
        {
            if (Directory.Exists(data))
            {
                Directory.Delete(data, recursive: true);
            }
        }
    }

    [Fact]
    public async Task StoppingADesignsRun_StopsTheSeries_TheRestNeverStarts()
    {
        await using var factory = new DashboardFactory();
        using var client = factory.CreateClient();
        var longer = TwoDesigns.Replace("600ms", "20s", StringComparison.Ordinal);
        var response = await client.PostAsync("/api/runs", new StringContent(longer, Encoding.UTF8, "application/json"));
        var created = (await response.Content.ReadFromJsonAsync<RunCreated>())!;

        (await client.PostAsync($"/api/runs/{created.Id}/stop", null)).EnsureSuccessStatusCode();

        var series = await Waits.UntilAsync(
            async () => await client.GetFromJsonAsync<DesignSeries>($"/api/series/{created.Series}") is { Running: false } s ? s : null,
            "the series to stop",
            TimeSpan.FromSeconds(30));
        Assert.Equal(RunStatus.Stopped, series!.Runs[0]!.Status);
        Assert.Null(series.Runs[1]);
    }

    [Fact]
    public async Task UnknownSeries_Is404NamingIt()
    {
        await using var factory = new DashboardFactory();
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/api/series/series-nope");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("no design series with id 'series-nope'", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/series/series-nope/report.html")).StatusCode);
    }
}
