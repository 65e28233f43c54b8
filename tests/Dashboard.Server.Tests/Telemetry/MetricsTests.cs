using System.Net;
using System.Net.Http.Headers;
using Dashboard.Server.Telemetry;
using Dashboard.Server.Tests.Support;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace Dashboard.Server.Tests.Telemetry;

/// <summary>The meters through OpenTelemetry's SDK: the in-memory exporter and the Prometheus scrape.</summary>
[Collection(MetersCollection.Name)]
public sealed class MetricsTests
{
    [Fact]
    public async Task ShortRun_InMemoryExporterSeesTheLoopAndRunInstruments_WithTheirUnitsAndValues()
    {
        var exported = new List<MetricSnapshot>();
        await using var dashboard = new DashboardFactory();
        await using var factory = dashboard.WithWebHostBuilder(web => web.ConfigureTestServices(services =>
            services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddInMemoryExporter(exported))));
        var client = factory.CreateClient();

        var id = await ApiRuns.StartAsync(client, ApiRuns.Scenario("metered", during: "1s", rate: 40));
        var run = await ApiRuns.WaitUntilEndedAsync(client, id);
        Assert.True(run.Key.Requests > 0);
        factory.Services.GetRequiredService<MeterProvider>().ForceFlush();

        Assert.Equal(MetricNames.RunRequests.Unit, Latest(exported, MetricNames.RunRequests).Unit);
        Assert.Equal(run.Key.Requests, PointOfRun(exported, MetricNames.RunRequests, id).GetSumLong());

        Assert.Equal("s", Latest(exported, MetricNames.RunLatency).Unit);
        var latencyPoint = PointOfRun(exported, MetricNames.RunLatency, id);
        Assert.Equal(run.Key.Requests, latencyPoint.GetHistogramCount());
        var meanSeconds = latencyPoint.GetHistogramSum() / latencyPoint.GetHistogramCount();
        Assert.InRange(meanSeconds * 1000, run.Key.LatencyP50Ms * 0.5, run.Key.LatencyP99Ms * 1.5);
        Assert.Equal(0, PointOfRun(exported, MetricNames.RunErrors, id).GetSumLong());

        var utilization = Latest(exported, MetricNames.Utilization);
        Assert.Equal("1", utilization.Unit);
        Assert.All(Points(utilization), p => Assert.InRange(p.GetGaugeLastValueDouble(), 0, 1));
        Assert.Contains(Points(utilization), p => Tag(p, MetricNames.LoopTag) is 0);

        // io-bound requests sleep on a timer for tens of milliseconds: their asleep time says so.
        // (Other tests' hosts in this process have meters of the same names: any stream may be this host's.)
        var asleep = AllPoints(exported, MetricNames.TaskAsleep).Where(p => Tag(p, MetricNames.KindTag) is "io-bound" && Tag(p, MetricNames.LoopTag) is 0).ToArray();
        Assert.Contains(asleep, p => p.GetHistogramCount() >= run.Key.Requests && p.GetHistogramSum() / p.GetHistogramCount() is > 0.005 and < 1);
        Assert.Equal("s", Latest(exported, MetricNames.TaskWaiting).Unit);

        var served = AllPoints(exported, MetricNames.LoopServerRequestDuration).Where(p => Tag(p, MetricNames.KindTag) is "io-bound").ToArray();
        Assert.Contains(served, p => Tag(p, "http.route") is "/w/{name}" && Tag(p, "http.response.status_code") is 200 && Tag(p, "http.request.method") is "GET"
            && p.GetHistogramCount() >= run.Key.Requests);
    }

    [Fact]
    public async Task TaskKinds_PastLoopTelemetryMaxKinds_AreFoldedIntoOtherKinds_AsInTheKindsTable()
    {
        var exported = new List<MetricSnapshot>();
        await using var dashboard = new DashboardFactory().With("LoopTelemetry:MaxKinds", "1");
        await using var factory = dashboard.WithWebHostBuilder(web => web.ConfigureTestServices(services =>
            services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddInMemoryExporter(exported))));
        var client = factory.CreateClient();
        var id = await ApiRuns.StartAsync(client, ApiRuns.Scenario("few-kinds", during: "500ms", rate: 40));
        await ApiRuns.WaitUntilEndedAsync(client, id);

        // The connections' and requests' tasks are two kinds at least: one is kept, the rest fold.
        // The telemetry reads the loop's records on its own schedule: a busy machine may take a while.
        await Waits.Until(
            () =>
            {
                factory.Services.GetRequiredService<MeterProvider>().ForceFlush();
                return AllPoints(exported, MetricNames.TaskAwake).Any(p => Tag(p, MetricNames.KindTag) is "(other kinds)" && p.GetHistogramCount() > 0);
            },
            "a task awake time under \"(other kinds)\"",
            TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task Scrape_AnswersPrometheusText_WithLoopUtilizationAndARunLatencyHistogram()
    {
        await using var factory = new DashboardFactory();
        var client = factory.CreateClient();
        var id = await ApiRuns.StartAsync(client, ApiRuns.Scenario("scraped", during: "500ms", rate: 40));
        await ApiRuns.WaitUntilEndedAsync(client, id);

        // The loop's first interval may end a moment after the host started: ask until it is there.
        var text = await Waits.UntilAsync(
            async () => await client.GetStringAsync("/metrics") is var body && body.Contains("loopdash_loop_utilization{", StringComparison.Ordinal) ? body : null,
            "the scrape to show the loop's utilization");
        var response = await client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.Contains("# TYPE loopdash_loop_utilization gauge", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE loopdash_run_latency_seconds histogram", text, StringComparison.Ordinal);
        Assert.Contains($"loopdash_run_latency_seconds_bucket{{otel_scope_name=\"Loopdash.Runs\",loopdash_run_id=\"{id}\",loopdash_scenario=\"scraped\",le=\"+Inf\"}}", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE loopdash_task_waiting_duration_seconds histogram", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scrape_WhenTheDashboardAsksForItsToken_Answers401WithoutIt_AndTheFiguresWithIt()
    {
        const string token = "metrics-token-0123456789";
        await using var factory = new DashboardFactory().With("Dashboard:RequireToken", "true").With("Dashboard:Token", token);
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var refused = await client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("Bearer", refused.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("loopdash_", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var admitted = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, admitted.StatusCode);
        Assert.Contains("# TYPE loopdash_", await admitted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scrape_TurnedOff_IsNotServed()
    {
        await using var factory = new DashboardFactory().With("Telemetry:Prometheus", "false");
        var response = await factory.CreateClient().GetAsync("/metrics");
        Assert.DoesNotContain("# TYPE loopdash_", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public void BadScrapePath_IsRefusedNamingTheSetting()
    {
        var errors = new TelemetryOptions { PrometheusPath = "/api/metrics", MaxRunSeries = 0 }.Validate();
        Assert.Contains(errors, e => e.Contains("Telemetry:PrometheusPath", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Telemetry:MaxRunSeries", StringComparison.Ordinal));
        Assert.Empty(new TelemetryOptions().Validate());
    }

    [Fact]
    public void Readme_ListsEveryInstrument_WithItsMeterAndUnit()
    {
        var readme = File.ReadAllText(Path.Combine(Dashboard.Server.Tests.FirstRun.RepositoryCommand.RepositoryRoot, "README.md"));
        Assert.All(MetricNames.All, metric =>
            Assert.Contains($"| `{metric.Name}` | `{metric.Meter}` | `{metric.Unit}` | {metric.Description} |", readme, StringComparison.Ordinal));
    }

    internal static MetricSnapshot Latest(IReadOnlyList<MetricSnapshot> exported, MetricName name) =>
        exported.LastOrDefault(m => m.Name == name.Name) ?? throw new Xunit.Sdk.XunitException($"{name.Name} was not exported; exported: {string.Join(", ", exported.Select(m => m.Name).Distinct())}");

    /// <summary>The run's point in the latest export that has it.</summary>
    private static MetricPoint PointOfRun(IReadOnlyList<MetricSnapshot> exported, MetricName name, string runId) =>
        AllPoints(exported, name).Last(p => Tag(p, MetricNames.RunTag) as string == runId);

    /// <summary>Every point of every export of the instrument (a cumulative exporter: later points hold earlier ones).</summary>
    internal static IEnumerable<MetricPoint> AllPoints(IReadOnlyList<MetricSnapshot> exported, MetricName name) =>
        exported.Where(m => m.Name == name.Name && m.MeterName == name.Meter).SelectMany(m => m.MetricPoints);

    internal static IReadOnlyList<MetricPoint> Points(MetricSnapshot metric) => metric.MetricPoints;

    internal static object? Tag(MetricPoint point, string key)
    {
        foreach (var tag in point.Tags)
        {
            if (tag.Key == key)
            {
                return tag.Value;
            }
        }

        return null;
    }
}
