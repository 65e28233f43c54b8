using Dashboard.EventLoop.Metrics;

namespace Dashboard.Server.Storage;

/// <summary>One measured interval's latency histograms (microseconds) as stored, oldest first by <see cref="Sequence"/>.</summary>
internal sealed record LatencyInterval(
    long Sequence,
    double StartSeconds,
    double DurationSeconds,
    IReadOnlyList<HistogramBucket> Corrected,
    IReadOnlyList<HistogramBucket> Raw);

/// <summary>
/// A histogram's non-empty buckets in a few bytes each: a count of buckets, then per bucket its
/// lowest value as the gap from the previous bucket's highest, its width and its count, each a
/// 7-bit varint. Buckets are ascending, so gaps are small.
/// </summary>
internal static class LatencyIntervalCodec
{
    public static byte[] Encode(IReadOnlyList<HistogramBucket> buckets)
    {
        using var stream = new MemoryStream(8 + (buckets.Count * 4));
        using var writer = new BinaryWriter(stream);
        writer.Write7BitEncodedInt(buckets.Count);
        var previous = -1L;
        foreach (var bucket in buckets)
        {
            writer.Write7BitEncodedInt64(bucket.LowestValue - previous - 1);
            writer.Write7BitEncodedInt64(bucket.HighestValue - bucket.LowestValue);
            writer.Write7BitEncodedInt64(bucket.Count);
            previous = bucket.HighestValue;
        }

        writer.Flush();
        return stream.ToArray();
    }

    /// <exception cref="InvalidDataException">The bytes are not an encoded histogram.</exception>
    public static HistogramBucket[] Decode(byte[] bytes)
    {
        try
        {
            using var reader = new BinaryReader(new MemoryStream(bytes));
            var count = reader.Read7BitEncodedInt();
            if (count < 0 || count > bytes.Length)
            {
                throw new InvalidDataException($"a stored histogram claims {count} buckets in {bytes.Length} bytes");
            }

            var buckets = new HistogramBucket[count];
            var previous = -1L;
            for (var i = 0; i < count; i++)
            {
                var lowest = previous + 1 + reader.Read7BitEncodedInt64();
                var highest = lowest + reader.Read7BitEncodedInt64();
                buckets[i] = new HistogramBucket(lowest, highest, reader.Read7BitEncodedInt64());
                previous = highest;
            }

            return buckets;
        }
        catch (Exception ex) when (ex is EndOfStreamException or FormatException)
        {
            throw new InvalidDataException($"a stored histogram is cut short or malformed: {ex.Message}", ex);
        }
    }
}
