using System.Diagnostics;
using Dashboard.EventLoop.Metrics;
using HdrHistogram;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace Dashboard.Benchmarks;

/// <summary>
/// The hot path every request takes in the load engine and the loop: recording one latency into a
/// histogram. Ours (<see cref="LogLinearHistogram"/>) against HdrHistogram's <see cref="LongHistogram"/>
/// with the same range and precision, over the same values (a log-normal spread around 2 ms, in
/// microseconds), best of five rounds each, interleaved. Prints
/// <c>server.histogram_record_ns.ours</c>, <c>.hdr</c> and <c>server.histogram_hdr_vs_ours</c>.
/// </summary>
internal static class HistogramBenchmark
{
    private const long Highest = 3_600_000_000; // an hour in microseconds
    private const int Values = 1 << 20;

    public static int Run()
    {
        var random = new Random(7);
        var values = new long[Values];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (long)Math.Exp(7.6 + (random.NextDouble() * 2) - 1 + (random.NextDouble() * random.NextDouble() * 6));
        }

        var ours = new LogLinearHistogram(Highest);
        var hdr = new LongHistogram(Highest, 3);
        double bestOurs = double.MaxValue, bestHdr = double.MaxValue;
        for (var round = 0; round < 6; round++)
        {
            ours.Reset();
            hdr.Reset();
            var oursNs = Time(() =>
            {
                foreach (var value in values)
                {
                    ours.Record(value);
                }
            });
            var hdrNs = Time(() =>
            {
                foreach (var value in values)
                {
                    hdr.RecordValue(value);
                }
            });
            if (round > 0) // the first round warms the JIT up
            {
                bestOurs = Math.Min(bestOurs, oursNs);
                bestHdr = Math.Min(bestHdr, hdrNs);
            }
        }

        if (ours.Count != hdr.TotalCount)
        {
            Console.Error.WriteLine($"histogram benchmark: counts differ ({ours.Count} vs {hdr.TotalCount})");
            return 1;
        }

        var meters = MetersPerRequestNs();
        Console.WriteLine(FormattableString.Invariant($"server.histogram_record_ns.ours = {bestOurs:0.00}"));
        Console.WriteLine(FormattableString.Invariant($"server.histogram_record_ns.hdr = {bestHdr:0.00}"));
        Console.WriteLine(FormattableString.Invariant($"server.histogram_hdr_vs_ours = {bestHdr / bestOurs:0.00}"));
        Console.WriteLine(FormattableString.Invariant($"server.meters_ns_per_request = {meters:0}"));
        return 0;
    }

    /// <summary>
    /// What the meters add to one loop-server request while an OpenTelemetry reader listens: the
    /// request's duration with its six tags and its task's awake / waiting / asleep with two each,
    /// the tag sets the host records (boxed values cached as it caches them).
    /// </summary>
    private static double MetersPerRequestNs()
    {
        using var meter = new System.Diagnostics.Metrics.Meter("Loopdash.Benchmark");
        var duration = meter.CreateHistogram<double>("http.server.request.duration", "s");
        var awake = meter.CreateHistogram<double>("loopdash.task.awake.duration", "s");
        var waiting = meter.CreateHistogram<double>("loopdash.task.waiting.duration", "s");
        var asleep = meter.CreateHistogram<double>("loopdash.task.asleep.duration", "s");
        using var provider = OpenTelemetry.Sdk.CreateMeterProviderBuilder()
            .AddMeter(meter.Name)
            .AddReader(new OpenTelemetry.Metrics.PeriodicExportingMetricReader(new NullExporter(), exportIntervalMilliseconds: 1000))
            .Build();
        object status = 200, loop = 0;
        const int requests = 1 << 20;
        var best = double.MaxValue;
        for (var round = 0; round < 4; round++)
        {
            var started = Stopwatch.GetTimestamp();
            for (var i = 0; i < requests; i++)
            {
                var value = (i & 1023) * 1e-6;
                duration.Record(value, new TagList
                {
                    { "http.request.method", "GET" }, { "http.response.status_code", status }, { "url.scheme", "http" },
                    { "network.protocol.version", "1.1" }, { "loopdash.task.kind", "GET /" }, { "http.route", "/" },
                });
                var tags = new TagList { { "loopdash.task.kind", "GET /" }, { "loopdash.loop", loop } };
                awake.Record(value, tags);
                waiting.Record(value, tags);
                asleep.Record(value, tags);
            }

            if (round > 0)
            {
                best = Math.Min(best, Stopwatch.GetElapsedTime(started).TotalNanoseconds / requests);
            }
        }

        return best;
    }

    private sealed class NullExporter : OpenTelemetry.BaseExporter<OpenTelemetry.Metrics.Metric>
    {
        public override OpenTelemetry.ExportResult Export(in OpenTelemetry.Batch<OpenTelemetry.Metrics.Metric> batch) => OpenTelemetry.ExportResult.Success;
    }

    /// <summary>Nanoseconds per recorded value.</summary>
    private static double Time(Action record)
    {
        var started = Stopwatch.GetTimestamp();
        record();
        return Stopwatch.GetElapsedTime(started).TotalNanoseconds / Values;
    }
}
