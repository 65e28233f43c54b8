using System.Text;
using Dashboard.Contracts.Runs;
using Dashboard.EventLoop.Metrics;
using Dashboard.Server.Storage;
using HdrHistogram;

namespace Dashboard.Server.Reports.Latency;

/// <summary>
/// A run's latency as an HdrHistogram interval log (<c>.hlog</c>, the format wrk2's users plot and
/// compare), written with the HdrHistogram library: one histogram per measured interval, the
/// corrected latency untagged (what the log tools read by default) and the raw latency tagged
/// <c>raw</c>. Values are nanoseconds, the tools' default unit (they print milliseconds).
/// </summary>
internal static class LatencyLog
{
    public const string ApiFile = "latency.hlog";
    public const string ContentType = "text/plain; charset=utf-8";
    public const string RawTag = "raw";
    public const int SignificantDigits = 3;

    public static string FileName(RunInfo info) => RunExporterBase.Stem(info) + ".hlog";

    public static void Write(RunInfo info, IReadOnlyList<LatencyInterval> intervals, Stream output)
    {
        // Our buckets are microseconds: the run's largest, in nanoseconds, bounds both histograms,
        // which are reused interval after interval.
        var highest = Math.Max(2, intervals.SelectMany(i => i.Corrected.Concat(i.Raw)).Select(b => b.HighestValue).DefaultIfEmpty(1).Max() * 1000 + 1000);
        var corrected = new LongHistogram(highest, SignificantDigits);
        var raw = new LongHistogram(highest, SignificantDigits) { Tag = RawTag };

        // The library writes UTF-16; every log tool (and its own reader) reads ASCII, which this is.
        using var utf16 = new MemoryStream();
        using (var writer = new HistogramLogWriter(utf16))
        {
            writer.Write(info.StartedAt.UtcDateTime);
            foreach (var interval in intervals)
            {
                var start = info.StartedAt.AddSeconds(interval.StartSeconds).ToUnixTimeMilliseconds();
                var end = info.StartedAt.AddSeconds(interval.StartSeconds + interval.DurationSeconds).ToUnixTimeMilliseconds();
                writer.Append(Fill(corrected, interval.Corrected, start, end));
                writer.Append(Fill(raw, interval.Raw, start, end));
            }
        }

        var text = Encoding.Unicode.GetString(utf16.GetBuffer(), 0, (int)utf16.Length).TrimStart('\uFEFF');
        var ascii = Encoding.ASCII.GetBytes(Header(info) + text);
        output.Write(ascii);
    }

    /// <summary>Comment lines the tools skip, saying what the log holds.</summary>
    private static string Header(RunInfo info) =>
        $"#[Loop dashboard run {info.Id}: {Ascii(info.Scenario)}]\n" +
        "#[Corrected latency (from each request's intended send time) untagged; raw latency (from its actual send) Tag=raw]\n" +
        "#[Values in nanoseconds, measured in microseconds; the warm-up left out]\n";

    private static LongHistogram Fill(LongHistogram histogram, IReadOnlyList<HistogramBucket> buckets, long start, long end)
    {
        histogram.Reset();
        foreach (var bucket in buckets)
        {
            // Microseconds to nanoseconds.
            histogram.RecordValueWithCount((long)(bucket.Middle * 1000), bucket.Count);
        }

        histogram.StartTimeStamp = start;
        histogram.EndTimeStamp = end;
        return histogram;
    }

    private static string Ascii(string text) => new([.. text.Select(c => c is >= ' ' and <= '~' and not ']' ? c : '?')]);
}
