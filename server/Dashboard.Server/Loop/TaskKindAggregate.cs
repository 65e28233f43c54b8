using Dashboard.Contracts.Loop;
using Dashboard.Contracts.Runs;
using Dashboard.EventLoop;
using Dashboard.EventLoop.Metrics;

namespace Dashboard.Server.Loop;

/// <summary>
/// Running awake / waiting / asleep distributions of one task kind. Fixed memory: four histograms
/// at two significant digits (1 % resolution, ~20 KiB each) — kinds multiply, so three digits
/// (~150 KiB each) would cost too much for a breakdown that is read as percentiles.
/// </summary>
internal sealed class TaskKindAggregate(string kind)
{
    // Microseconds up to ten minutes; longer times are clamped and counted by the histogram.
    private const long HighestMicros = 600_000_000;
    private const int Digits = 2;
    private readonly LogLinearHistogram _awake = new(HighestMicros, Digits);
    private readonly LogLinearHistogram _waiting = new(HighestMicros, Digits);
    private readonly LogLinearHistogram _asleep = new(HighestMicros, Digits);
    private readonly LogLinearHistogram _lifetime = new(HighestMicros, Digits);
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

    public long Count => _count;

    /// <summary>Adds another aggregate's tasks (an interval folded into a longer span).</summary>
    public void Merge(TaskKindAggregate other)
    {
        _count += other._count;
        _faulted += other._faulted;
        _cancelled += other._cancelled;
        _awake.Merge(other._awake);
        _waiting.Merge(other._waiting);
        _asleep.Merge(other._asleep);
        _lifetime.Merge(other._lifetime);
    }

    /// <summary>Mean, p50 and p99 of awake time (ms).</summary>
    public StepFigures AwakeFigures() => StepFiguresOf(_awake);

    /// <summary>Mean, p50 and p99 of waiting (ms).</summary>
    public StepFigures WaitingFigures() => StepFiguresOf(_waiting);

    public void Reset()
    {
        _count = 0;
        _faulted = 0;
        _cancelled = 0;
        _awake.Reset();
        _waiting.Reset();
        _asleep.Reset();
        _lifetime.Reset();
    }

    /// <summary>The waiting histogram's non-empty buckets, in microseconds (for distribution charts of stored runs).</summary>
    public HistogramBucket[] WaitingBuckets() => _waiting.EnumerateBuckets().ToArray();

    /// <summary>Mean and standard deviation of awake time (ms): the service time the queueing models need.</summary>
    public (double MeanMs, double StdDevMs) AwakeMoments() => (_awake.Mean / 1000.0, _awake.StdDev / 1000.0);

    public double WaitingMeanMs => _waiting.Mean / 1000.0;

    /// <summary>Waiting percentile in milliseconds (for thresholds such as loop.waiting.p99).</summary>
    public double WaitingPercentileMs(double percentile) => _waiting.ValueAtPercentile(percentile) / 1000.0;

    /// <summary>
    /// One statistic of one time, in milliseconds, named as thresholds name them: time is
    /// awake, waiting or asleep; statistic is p50, p75, p90, p95, p99, p99.9, max or mean.
    /// Null when nothing was recorded or a name is unknown.
    /// </summary>
    public double? Statistic(string time, string statistic)
    {
        var histogram = time switch
        {
            "awake" => _awake,
            "waiting" => _waiting,
            "asleep" => _asleep,
            _ => null,
        };
        if (histogram is null || histogram.Count == 0)
        {
            return null;
        }

        return statistic switch
        {
            "mean" => histogram.Mean / 1000.0,
            "max" => histogram.Max / 1000.0,
            ['p', .. var digits] when double.TryParse(digits, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var p) && p is > 0 and <= 100
                => histogram.ValueAtPercentile(p) / 1000.0,
            _ => null,
        };
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

    private static StepFigures StepFiguresOf(LogLinearHistogram histogram) => new(
        histogram.Mean / 1000.0,
        histogram.ValueAtPercentile(50) / 1000.0,
        histogram.ValueAtPercentile(99) / 1000.0);

    private static long Micros(long ticks) => (long)LoopClock.ToMicroseconds(ticks);

    private static TimeFigures Figures(LogLinearHistogram histogram) => new(
        histogram.Mean * histogram.Count / 1000.0,
        histogram.Mean / 1000.0,
        histogram.ValueAtPercentile(50) / 1000.0,
        histogram.ValueAtPercentile(99) / 1000.0,
        histogram.Max / 1000.0);
}
