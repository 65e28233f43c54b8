using System.Diagnostics;
using Dashboard.EventLoop.Metrics;
using Dashboard.Load.Http;

namespace Dashboard.Load.Statistics;

/// <summary>
/// Raw counts and histograms (microseconds) of a span of a run. Not thread-safe: the
/// <see cref="StatisticsRecorder"/> guards the one being written.
/// </summary>
internal sealed class LoadAccumulator
{
    private const int StatusSlots = 600;

    private static readonly double MicrosecondsPerTick = 1_000_000.0 / Stopwatch.Frequency;

    private readonly long[] _status = new long[StatusSlots];

    public LoadAccumulator(int kinds, long highestMicroseconds)
    {
        Corrected = new LogLinearHistogram(highestMicroseconds);
        Raw = new LogLinearHistogram(highestMicroseconds);
        Lateness = new LogLinearHistogram(highestMicroseconds);
        Kinds = new KindAccumulator[kinds];
        for (int i = 0; i < kinds; i++)
        {
            // With a single kind its histogram is the global one: no second copy of the data.
            Kinds[i] = new KindAccumulator(kinds == 1 ? Corrected : new LogLinearHistogram(highestMicroseconds));
        }
    }

    public LogLinearHistogram Corrected { get; }

    public LogLinearHistogram Raw { get; }

    public LogLinearHistogram Lateness { get; }

    public KindAccumulator[] Kinds { get; }

    public long Sent { get; private set; }

    public long Requests { get; private set; }

    public long Successes { get; private set; }

    public long Failures { get; private set; }

    public long Dropped { get; private set; }

    public long Abandoned { get; private set; }

    public long BytesSent { get; private set; }

    public long BytesReceived { get; private set; }

    public long Timeouts { get; private set; }

    public long Refused { get; private set; }

    public long Resets { get; private set; }

    public long OtherErrors { get; private set; }

    public void Record(int kind, long intendedTimestamp, in ExchangeResult result)
    {
        KindAccumulator perKind = Kinds[kind];
        if (result.WasSent)
        {
            Sent++;
            BytesSent += result.BytesSent;
            Lateness.Record(ToMicroseconds(result.SendTimestamp - intendedTimestamp));
        }

        BytesReceived += result.BytesReceived;
        if (result.Error == ErrorKind.Aborted)
        {
            Abandoned++;
            return;
        }

        Requests++;
        perKind.Requests++;
        if (result.Error != ErrorKind.None)
        {
            Failures++;
            perKind.Failures++;
            switch (result.Error)
            {
                case ErrorKind.Timeout:
                    Timeouts++;
                    break;
                case ErrorKind.Refused:
                    Refused++;
                    break;
                case ErrorKind.Reset:
                    Resets++;
                    break;
                default:
                    OtherErrors++;
                    break;
            }

            return;
        }

        _status[Math.Clamp(result.StatusCode, 0, StatusSlots - 1)]++;
        if (result.StatusCode < 400)
        {
            Successes++;
            perKind.Successes++;
        }
        else
        {
            Failures++;
            perKind.Failures++;
        }

        long corrected = ToMicroseconds(result.EndTimestamp - intendedTimestamp);
        Corrected.Record(corrected);
        if (Kinds.Length > 1)
        {
            perKind.Latency.Record(corrected);
        }

        Raw.Record(ToMicroseconds(result.EndTimestamp - result.SendTimestamp));
    }

    public void RecordDropped(int kind)
    {
        Dropped++;
        Kinds[kind].Dropped++;
    }

    public void RecordAbandoned(long count) => Abandoned += count;

    public IReadOnlyDictionary<int, long> StatusCodes()
    {
        var codes = new Dictionary<int, long>();
        for (int code = 0; code < StatusSlots; code++)
        {
            if (_status[code] != 0)
            {
                codes[code] = _status[code];
            }
        }

        return codes;
    }

    public void Merge(LoadAccumulator other)
    {
        Corrected.Merge(other.Corrected);
        Raw.Merge(other.Raw);
        Lateness.Merge(other.Lateness);
        for (int i = 0; i < Kinds.Length; i++)
        {
            Kinds[i].Merge(other.Kinds[i], mergeLatency: Kinds.Length > 1);
        }

        for (int i = 0; i < StatusSlots; i++)
        {
            _status[i] += other._status[i];
        }

        Sent += other.Sent;
        Requests += other.Requests;
        Successes += other.Successes;
        Failures += other.Failures;
        Dropped += other.Dropped;
        Abandoned += other.Abandoned;
        BytesSent += other.BytesSent;
        BytesReceived += other.BytesReceived;
        Timeouts += other.Timeouts;
        Refused += other.Refused;
        Resets += other.Resets;
        OtherErrors += other.OtherErrors;
    }

    public void Reset()
    {
        Corrected.Reset();
        Raw.Reset();
        Lateness.Reset();
        foreach (KindAccumulator kind in Kinds)
        {
            kind.Reset();
        }

        Array.Clear(_status);
        Sent = Requests = Successes = Failures = Dropped = Abandoned = 0;
        BytesSent = BytesReceived = 0;
        Timeouts = Refused = Resets = OtherErrors = 0;
    }

    /// <summary>Stopwatch ticks to microseconds; a negative span (a send a hair before its
    /// intended time) counts as 0.</summary>
    public static long ToMicroseconds(long ticks) => ticks <= 0 ? 0 : (long)(ticks * MicrosecondsPerTick);
}
