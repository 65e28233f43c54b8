using System.Net;
using System.Text;
using Dashboard.EventLoop.Metrics;
using Dashboard.Server.History;
using Dashboard.Server.Storage;
using Dashboard.Server.Tests.Support;
using HdrHistogram;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Server.Tests.Telemetry;

/// <summary>A run's latency as an HdrHistogram interval log, read back with the library's own reader.</summary>
public sealed class LatencyLogTests
{
    [Fact]
    public async Task Run_LatencyLog_ParsesWithHdrHistogramsReader_AndItsPercentilesAreTheRunsWithinPrecision()
    {
        await using var factory = new DashboardFactory();
        var client = factory.CreateClient();
        var id = await ApiRuns.StartAsync(client, ApiRuns.Scenario("hlog", during: "1500ms", rate: 60));
        await ApiRuns.WaitUntilEndedAsync(client, id);
        var summary = factory.Services.GetRequiredService<RunHistory>().Detail(id)!.Summary!.Load;

        var response = await client.GetAsync($"/api/runs/{id}/latency.hlog");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.EndsWith(".hlog", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'), StringComparison.Ordinal);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.All(bytes, b => Assert.InRange(b, (byte)'\n', (byte)'~')); // ASCII, as the Java tools read it: no UTF-16, no BOM
        Assert.StartsWith("#[Loop dashboard run " + id, Encoding.ASCII.GetString(bytes), StringComparison.Ordinal);

        List<HistogramBase> histograms;
        using (var reader = new HistogramLogReader(new MemoryStream(bytes)))
        {
            histograms = [.. reader.ReadHistograms()];
        }

        var corrected = Union(histograms.Where(h => h.Tag is null));
        var raw = Union(histograms.Where(h => h.Tag == "raw"));
        Assert.True(histograms.Count >= 2, $"{histograms.Count} histograms");
        Assert.Equal(summary.Successes, corrected.TotalCount);
        Assert.Equal(summary.Successes, raw.TotalCount);

        // Nanoseconds in the log, milliseconds in our summary; both keep three significant digits.
        Within(summary.Latency.P50, AtNearestRank(corrected, 50) / 1e6, "p50");
        Within(summary.Latency.P99, AtNearestRank(corrected, 99) / 1e6, "p99");
        Within(summary.Latency.Max, corrected.GetMaxValue() / 1e6, "max");
        Within(summary.RawLatency.P99, AtNearestRank(raw, 99) / 1e6, "raw p99");

        // Each histogram sits in its interval of the run, in order.
        Assert.All(histograms, h => Assert.True(h.EndTimeStamp >= h.StartTimeStamp));
        Assert.True(histograms.Where(h => h.Tag is null).Select(h => h.StartTimeStamp).SequenceEqual(histograms.Where(h => h.Tag is null).Select(h => h.StartTimeStamp).Order()));
    }

    [Fact]
    public async Task UnknownRun_Is404NamingTheId()
    {
        await using var factory = new DashboardFactory();
        var response = await factory.CreateClient().GetAsync("/api/runs/no-such-run/latency.hlog");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("no-such-run", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public void Codec_RoundTripsBuckets_AndRefusesCutBytes()
    {
        HistogramBucket[] buckets = [new(0, 0, 3), new(17, 17, 1), new(2048, 2049, 5), new(1_000_000, 1_000_511, 2)];
        var bytes = LatencyIntervalCodec.Encode(buckets);
        Assert.Equal(buckets, LatencyIntervalCodec.Decode(bytes));
        Assert.Empty(LatencyIntervalCodec.Decode(LatencyIntervalCodec.Encode([])));
        Assert.Throws<InvalidDataException>(() => LatencyIntervalCodec.Decode(bytes[..^2]));
    }

    private static LongHistogram Union(IEnumerable<HistogramBase> histograms)
    {
        var union = new LongHistogram(3_600_000_000_000, 3);
        foreach (var histogram in histograms)
        {
            union.Add(histogram);
        }

        return union;
    }

    /// <summary>
    /// The library's value at our definition of a percentile: the nearest rank, ceil(p·N). The
    /// library rounds p·N half up instead, which in a run of a hundred requests can be the next
    /// sample, not a matter of precision; asked for exactly rank/N it answers that rank.
    /// </summary>
    private static long AtNearestRank(LongHistogram histogram, double percentile)
    {
        var rank = Math.Max(1, (long)Math.Ceiling(percentile / 100 * histogram.TotalCount));
        return histogram.GetValueAtPercentile(100.0 * rank / histogram.TotalCount);
    }

    /// <summary>Equal within both histograms' precision: 0.1 % each, and a microsecond.</summary>
    private static void Within(double expectedMs, double actualMs, string what) =>
        Assert.True(Math.Abs(expectedMs - actualMs) <= (expectedMs * 0.002) + 0.001, $"{what}: ours {expectedMs} ms, the log's {actualMs} ms");
}
