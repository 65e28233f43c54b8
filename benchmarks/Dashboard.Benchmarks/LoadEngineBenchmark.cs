using System.Globalization;
using Dashboard.Contracts.Scenarios;
using Dashboard.Load;
using Dashboard.Load.Engine;

namespace Dashboard.Benchmarks;

/// <summary>
/// The load engine's side of benchmarks/run.sh load, against a hello-world server already
/// running at the given port: its maximum rate (closed model, one user per connection, no think
/// time — what wrk does) and its send lateness (actual − intended) at a fixed open-model rate.
/// </summary>
internal static class LoadEngineBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var port = int.Parse(args[0], CultureInfo.InvariantCulture);
        var connections = int.Parse(args[1], CultureInfo.InvariantCulture);
        var seconds = double.Parse(args[2], CultureInfo.InvariantCulture);
        var rate = double.Parse(args[3], CultureInfo.InvariantCulture);
        var origin = $"http://127.0.0.1:{port}";
        var engine = new LoadEngine(new LoadEngineOptions { AllowedTargetOrigins = [origin] });

        // Warm-up so the JIT has settled before anything is measured.
        await RunAsync(engine, Closed(origin, connections, 2));
        var closed = await RunAsync(engine, Closed(origin, connections, seconds));
        var open = await RunAsync(engine, Open(origin, connections, seconds, rate));

        Console.WriteLine($"load.engine_max_rps = {closed.Load.Throughput:F0}");
        Console.WriteLine($"load.open_rate_achieved = {open.Load.Throughput:F0}");
        Console.WriteLine($"load.lateness_p99_ms = {open.Load.SendLateness.P99:F3}");
        Console.WriteLine($"load.lateness_p50_ms = {open.Load.SendLateness.P50:F3}");
        Console.WriteLine($"load.open_dropped = {open.Load.Dropped}");
        return 0;
    }

    private static async Task<Load.Statistics.RunSummary> RunAsync(LoadEngine engine, string json)
    {
        var validated = engine.Validator.Parse(json);
        if (!validated.IsValid)
        {
            throw new InvalidOperationException(string.Join("; ", validated.Errors));
        }

        await using var run = await engine.StartAsync(validated);
        return await run.Completion;
    }

    private static string Closed(string origin, int connections, double seconds) => string.Create(CultureInfo.InvariantCulture, $$$"""
        {"name":"bench-closed","target":{"url":"{{{origin}}}/"},"connections":{{{connections}}},
         "phases":[{"keepConstant":{"copies":{{{connections}}},"during":"{{{seconds}}}s"}}]}
        """);

    private static string Open(string origin, int connections, double seconds, double rate) => string.Create(CultureInfo.InvariantCulture, $$$"""
        {"name":"bench-open","target":{"url":"{{{origin}}}/"},"connections":{{{connections}}},
         "phases":[{"inject":{"rate":{{{rate}}},"during":"{{{seconds}}}s"}}]}
        """);
}
