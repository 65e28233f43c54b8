using Dashboard.Contracts.Loop;
using Dashboard.EventLoop;
using Dashboard.EventLoop.Metrics;

namespace Dashboard.Server.Loop;

/// <summary>Running awake / waiting / asleep distributions of one task kind (fixed memory: four histograms).</summary>
internal sealed class TaskKindAggregate(string kind)
{
    // Microseconds up to ten minutes: a histogram of ~2k buckets each.
    private const long HighestMicros = 600_000_000;
    private readonly LogLinearHistogram _awake = new(HighestMicros);
    private readonly LogLinearHistogram _waiting = new(HighestMicros);
    private readonly LogLinearHistogram _asleep = new(HighestMicros);
    private readonly LogLinearHistogram _lifetime = new(HighestMicros);
    private long _count;
    private long _faulted;
    private long _cancelled;

    public string Kind { get; } = kind;

    public void Add(TaskRecord record)
    {
        _count++;
        if (record.Outcome == TaskOutcome.Faulted)
        {
            _faulted++;
        }
        else if (record.Outcome == TaskOutcome.Cancelled)
        {
            _cancelled++;
        }

        _awake.Record(Micros(record.AwakeTicks));
        _waiting.Record(Micros(record.WaitingTicks));
        _asleep.Record(Micros(record.AsleepTicks));
        _lifetime.Record(Micros(record.LifetimeTicks));
    }

    public TaskKindBreakdown ToBreakdown() => new()
    {
        Kind = Kind,
        Count = _count,
        Faulted = _faulted,
        Cancelled = _cancelled,
        Awake = Figures(_awake),
        Waiting = Figures(_waiting),
        Asleep = Figures(_asleep),
        Lifetime = Figures(_lifetime),
    };

    private static long Micros(long ticks) => (long)LoopClock.ToMicroseconds(ticks);

    private static TimeFigures Figures(LogLinearHistogram histogram) => new(
        histogram.Mean * histogram.Count / 1000.0,
        histogram.Mean / 1000.0,
        histogram.ValueAtPercentile(50) / 1000.0,
        histogram.ValueAtPercentile(99) / 1000.0,
        histogram.Max / 1000.0);
}
