using System.Collections.Concurrent;
using System.Text;
using Dashboard.Server.Cli;
using Dashboard.Server.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Server.Tests.Telemetry;

/// <summary>
/// OTLP over HTTP/protobuf, switched on by OpenTelemetry's own variables, reaching a small receiver
/// on a loopback port: a headless run exports its metrics, and its run and sampled tasks as spans.
/// </summary>
public sealed class OtlpExportTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "otlp-" + Guid.NewGuid().ToString("N"));
    private readonly ConcurrentQueue<(string Signal, string ContentType, byte[] Body)> _received = new();
    private WebApplication? _receiver;
    private string _endpoint = "";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _receiver = builder.Build();
        _receiver.MapPost("/v1/{signal}", async (string signal, HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            _received.Enqueue((signal, request.ContentType ?? "", body.ToArray()));
            return Results.Ok();
        });
        await _receiver.StartAsync();
        _endpoint = _receiver.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
    }

    public async Task DisposeAsync()
    {
        if (_receiver is not null)
        {
            await _receiver.DisposeAsync();
        }

        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task HeadlessRun_WithTheOtlpVariables_PostsMetricsAndSpansToTheEndpoint()
    {
        var scenario = Path.Combine(_folder, "otlp.json");
        await File.WriteAllTextAsync(scenario, """
            {
              "name": "otlp-export",
              "target": { "workload": "io-bound" },
              "phases": [ { "inject": { "rate": 40, "during": "1500ms" } } ],
              "connections": 5
            }
            """);
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await HeadlessRun.RunAsync(
            new HeadlessRequest(scenario, null,
            [
                $"Storage:DataDirectory={Path.Combine(_folder, "data")}",
                $"OTEL_EXPORTER_OTLP_ENDPOINT={_endpoint}",
                "OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf",
                "OTEL_METRIC_EXPORT_INTERVAL=500",
                "OTEL_BSP_SCHEDULE_DELAY=200",
            ]),
            stdout,
            stderr,
            CancellationToken.None).Within("the headless run", TimeSpan.FromSeconds(60));
        Assert.True(code == CommandLineEntry.Passed, stdout.ToString() + stderr);

        // The host flushes its exporters as it stops: everything has arrived by the time it returned.
        var metrics = Bodies("metrics");
        Assert.All(_received, r => Assert.Equal("application/x-protobuf", r.ContentType));
        Assert.Contains(MetricNames.RunLatency.Name, metrics, StringComparison.Ordinal);
        Assert.Contains(MetricNames.TaskWaiting.Name, metrics, StringComparison.Ordinal);
        Assert.Contains(MetricNames.Utilization.Name, metrics, StringComparison.Ordinal);
        Assert.Contains("otlp-export", metrics, StringComparison.Ordinal);
        Assert.Contains(TelemetryServices.ServiceName, metrics, StringComparison.Ordinal);

        var traces = Bodies("traces");
        Assert.Contains("run otlp-export", traces, StringComparison.Ordinal);
        Assert.Contains("task io-bound", traces, StringComparison.Ordinal);
        Assert.Contains("loopdash.correlation_id", traces, StringComparison.Ordinal);
        Assert.Contains("asleep", traces, StringComparison.Ordinal);
    }

    /// <summary>The protobuf bodies posted for a signal, as Latin-1 text: names and string values are plain bytes in them.</summary>
    private string Bodies(string signal)
    {
        var bodies = _received.Where(r => r.Signal == signal).Select(r => Encoding.Latin1.GetString(r.Body)).ToArray();
        Assert.True(bodies.Length > 0, $"no /v1/{signal} post arrived; got {string.Join(", ", _received.Select(r => r.Signal))}");
        return string.Concat(bodies);
    }
}
