using System.Collections.Concurrent;
using System.Text;
using Dashboard.Server.Cli;
using Dashboard.Server.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Server.Tests.Telemetry;

/// <summary>
/// OTLP over HTTP/protobuf, switched on by OpenTelemetry's own variables, reaching a small receiver
/// on a loopback port: a headless run exports its metrics, and its run and sampled tasks as spans.
/// </summary>
[Collection(MetersCollection.Name)]
public sealed class OtlpExportTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "otlp-" + Guid.NewGuid().ToString("N"));
    private readonly ConcurrentQueue<(string Signal, string ContentType, byte[] Body)> _received = new();
    private WebApplication? _receiver;
    private string _endpoint = "";
    private string _grpcEndpoint = "";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        var builder = WebApplication.CreateSlimBuilder();
        // HTTP/1.1 for OTLP/HTTP; HTTP/2 without TLS (prior knowledge) for OTLP/gRPC: one port each.
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(System.Net.IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http1);
            kestrel.Listen(System.Net.IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2);
        });
        _receiver = builder.Build();
        _receiver.MapPost("/v1/{signal}", async (string signal, HttpRequest request) =>
        {
            _received.Enqueue((signal, request.ContentType ?? "", await BodyOf(request)));
            return Results.Ok();
        });

        // gRPC: /opentelemetry.proto.collector.metrics.v1.MetricsService/Export and the like. The
        // answer is an empty message (a 5-byte frame) with grpc-status 0 in the trailers.
        _receiver.MapPost("/opentelemetry.proto.collector.{signal}.v1.{service}/Export", async (string signal, HttpContext context) =>
        {
            _received.Enqueue(("grpc:" + signal, context.Request.ContentType ?? "", await BodyOf(context.Request)));
            context.Response.ContentType = "application/grpc";
            await context.Response.Body.WriteAsync(new byte[5]);
            context.Response.AppendTrailer("grpc-status", "0");
        });
        await _receiver.StartAsync();
        var addresses = _receiver.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.ToArray();
        _endpoint = addresses[0];
        _grpcEndpoint = addresses[1];
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
        await RunHeadlessAsync("otlp-export", "io-bound", _endpoint, "http/protobuf");

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

    [Fact]
    public async Task HeadlessRun_WithOtlpOverGrpc_ExportsToTheCollectorsServices()
    {
        await RunHeadlessAsync("otlp-grpc", "hello", _grpcEndpoint, "grpc", "OTEL_SERVICE_NAME=loops-under-test");

        var metrics = Bodies("grpc:metrics");
        Assert.All(_received.Where(r => r.Signal.StartsWith("grpc:", StringComparison.Ordinal)), r => Assert.StartsWith("application/grpc", r.ContentType, StringComparison.Ordinal));
        Assert.Contains(MetricNames.RunRequests.Name, metrics, StringComparison.Ordinal);
        Assert.Contains("run otlp-grpc", Bodies("grpc:trace"), StringComparison.Ordinal);
        Assert.Contains("loops-under-test", metrics, StringComparison.Ordinal); // OTEL_SERVICE_NAME names the service
    }

    /// <summary>A short headless run with OpenTelemetry's variables pointing at the receiver; it passes.</summary>
    private async Task RunHeadlessAsync(string name, string workload, string endpoint, string protocol, params string[] settings)
    {
        var scenario = Path.Combine(_folder, name + ".json");
        await File.WriteAllTextAsync(scenario, $$"""
            {
              "name": "{{name}}",
              "target": { "workload": "{{workload}}" },
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
                $"OTEL_EXPORTER_OTLP_ENDPOINT={endpoint}",
                $"OTEL_EXPORTER_OTLP_PROTOCOL={protocol}",
                "OTEL_METRIC_EXPORT_INTERVAL=500",
                "OTEL_BSP_SCHEDULE_DELAY=200",
                .. settings,
            ]),
            stdout,
            stderr,
            CancellationToken.None).Within($"the headless run {name}", TimeSpan.FromSeconds(60));
        Assert.True(code == CommandLineEntry.Passed, stdout.ToString() + stderr);
    }

    private static async Task<byte[]> BodyOf(HttpRequest request)
    {
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body);
        return body.ToArray();
    }

    /// <summary>The protobuf bodies posted for a signal, as Latin-1 text: names and string values are plain bytes in them.</summary>
    private string Bodies(string signal)
    {
        var bodies = _received.Where(r => r.Signal == signal).Select(r => Encoding.Latin1.GetString(r.Body)).ToArray();
        Assert.True(bodies.Length > 0, $"no /v1/{signal} post arrived; got {string.Join(", ", _received.Select(r => r.Signal))}");
        return string.Concat(bodies);
    }
}
