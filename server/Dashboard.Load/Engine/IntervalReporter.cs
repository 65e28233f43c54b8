using System.Diagnostics;
using System.Threading.Channels;
using Dashboard.Load.Statistics;
using Dashboard.Load.Thresholds;

namespace Dashboard.Load.Engine;

/// <summary>
/// Closes an interval every <c>interval</c> (boundaries counted from the run's start, so they do
/// not drift; a boundary the timer overslept is skipped, see <see cref="NextBoundary"/>), publishes its statistics to a bounded channel that drops the oldest entry when
/// nobody reads (the engine never waits on a consumer) and to an optional callback, folds it
/// into the run's totals, and checks the thresholds marked <c>abortOnFail</c> on the totals.
/// A warm-up's intervals end exactly where it ends (the grid starts over there), are marked
/// <see cref="IntervalStatistics.WarmUp"/>, and fold into <see cref="WarmUpTotals"/> instead.
/// </summary>
internal sealed class IntervalReporter
{
    private readonly RunContext _context;
    private readonly LoadDriver _driver;
    private readonly LoadAccumulator _totals;
    private readonly LoadAccumulator _warmUpTotals;
    private readonly string[] _kindNames;
    private readonly long _intervalTicks;
    private readonly Channel<IntervalStatistics> _channel;
    private readonly ThresholdExpression[] _abortThresholds;
    private readonly ILoopMetricsSource? _loopMetrics;
    private readonly Action<string> _abort;
    private readonly List<string> _warnings = [];
    private Action<IntervalStatistics>? _callback;
    private long _intervalStart;
    private int _index;

    public IntervalReporter(
        RunContext context,
        LoadDriver driver,
        int channelCapacity,
        long highestMicroseconds,
        Action<IntervalStatistics>? callback,
        ILoopMetricsSource? loopMetrics,
        Action<string> abort)
    {
        _context = context;
        _driver = driver;
        _totals = new LoadAccumulator(context.Plan.Kinds.Count, highestMicroseconds);
        _warmUpTotals = new LoadAccumulator(context.Plan.Kinds.Count, highestMicroseconds);
        _kindNames = context.Plan.Kinds.Select(k => k.Name).ToArray();
        _intervalTicks = (long)(context.Plan.Interval.TotalSeconds * Stopwatch.Frequency);
        _channel = Channel.CreateBounded<IntervalStatistics>(new BoundedChannelOptions(channelCapacity)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleWriter = true,
        });
        _abortThresholds = context.Plan.Thresholds.Where(t => t.AbortOnFail).ToArray();
        _callback = callback;
        _loopMetrics = loopMetrics;
        _abort = abort;
    }

    public ChannelReader<IntervalStatistics> Reader => _channel.Reader;

    /// <summary>The measured run's figures (the warm-up left out).</summary>
    public LoadAccumulator Totals => _totals;

    /// <summary>The warm-up's figures: its requests by intended time, late answers included.</summary>
    public LoadAccumulator WarmUpTotals => _warmUpTotals;

    public int Intervals => _index;

    public IReadOnlyList<string> Warnings => _warnings;

    /// <summary>
    /// Reports intervals on a thread of its own until <paramref name="finished"/> is cancelled
    /// (<see cref="Finish"/> then closes the last partial one). Not on the thread pool: the process
    /// it measures is often the busiest on the machine, and a pool timer's continuation was seen
    /// a second late, which stretched an interval over a phase change and mislabelled it.
    /// </summary>
    public Task RunAsync(CancellationToken finished)
    {
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                Run(finished);
                stopped.SetResult();
            }
            catch (Exception ex)
            {
                stopped.SetException(ex);
            }
        })
        {
            IsBackground = true,
            Name = "load-intervals",
        };
        thread.Start();
        return stopped.Task;
    }

    private void Run(CancellationToken finished)
    {
        _intervalStart = _driver.StartTimestamp;
        long measuredFrom = _context.MeasuredFrom;
        long boundary = WarmUpBoundary(_intervalStart + _intervalTicks, measuredFrom, _intervalTicks);
        // No spinning: an interval boundary a millisecond late costs nothing, a spinning core does.
        using var waiter = new PreciseWaiter(TimeSpan.Zero);
        using CancellationTokenRegistration wake = finished.Register(waiter.Signal);
        while (!finished.IsCancellationRequested && waiter.WaitUntil(boundary))
        {
            long closedAt = Stopwatch.GetTimestamp();
            if (_intervalStart < measuredFrom)
            {
                // The warm-up's interval ends where the warm-up does, however late the thread woke:
                // its requests are told apart by intended time, not by when this ran.
                Close(boundary, warmUp: true, beginMeasuring: boundary >= measuredFrom);
                boundary = boundary >= measuredFrom
                    ? NextBoundary(measuredFrom, closedAt, _intervalTicks)
                    : WarmUpBoundary(NextBoundary(boundary, closedAt, _intervalTicks), measuredFrom, _intervalTicks);
                continue;
            }

            Close(closedAt);
            boundary = NextBoundary(boundary, closedAt, _intervalTicks);
        }
    }

    /// <summary>
    /// During a warm-up, the next boundary on the grid unless the warm-up ends first or within half
    /// an interval after it (so no sliver of an interval is left before the measured run); the
    /// warm-up's end otherwise.
    /// </summary>
    internal static long WarmUpBoundary(long gridBoundary, long measuredFrom, long intervalTicks) =>
        gridBoundary > measuredFrom - (intervalTicks / 2) ? measuredFrom : gridBoundary;

    /// <summary>
    /// The boundary after <paramref name="boundary"/>, on the grid counted from the run's start,
    /// skipping any that has (nearly) passed already. When the timer fires late (a busy machine,
    /// a starved thread pool), catching up on the missed boundaries would close slivers of an
    /// interval a few milliseconds long, whose rates (answers in 2 ms, per second) read as spikes
    /// of thousands per second; instead the late interval is longer, and the next at least half one.
    /// </summary>
    internal static long NextBoundary(long boundary, long closedAt, long intervalTicks)
    {
        long next = boundary + intervalTicks;
        if (next - closedAt < intervalTicks / 2)
        {
            long behind = closedAt + (intervalTicks / 2) - next;
            next += ((behind / intervalTicks) + 1) * intervalTicks;
        }

        return next;
    }

    /// <summary>Publishes the last (partial) interval and ends the channel.</summary>
    public void Finish()
    {
        long now = Stopwatch.GetTimestamp();
        if (now > _intervalStart || _index == 0)
        {
            // A run stopped during its warm-up ends with a warm-up interval.
            bool warmUp = _intervalStart < _context.MeasuredFrom;
            Close(now, warmUp, beginMeasuring: false);
        }

        _context.Recorder.TakeLateWarmUp(_warmUpTotals);
        _channel.Writer.TryComplete();
    }

    private void Close(long end, bool warmUp = false, bool beginMeasuring = false)
    {
        LoadAccumulator data = _context.Recorder.Swap(beginMeasuring);
        double seconds = (double)(end - _intervalStart) / Stopwatch.Frequency;
        PhaseSnapshot phase = _driver.Phase;
        var interval = new IntervalStatistics
        {
            WarmUp = warmUp,
            Index = _index++,
            StartSeconds = (double)(_intervalStart - _driver.StartTimestamp) / Stopwatch.Frequency,
            DurationSeconds = seconds,
            PhaseIndex = phase.Index,
            Phase = phase.Name,
            TargetRate = phase.RateAt(end),
            TargetCopies = phase.Copies,
            InFlight = _context.InFlight,
            Load = StatisticsBuilder.Build(data, seconds, _kindNames),
            Histograms = IntervalHistograms.Of(data),
        };
        (warmUp ? _warmUpTotals : _totals).Merge(data);
        _context.Recorder.Return(data);
        _context.Recorder.TakeLateWarmUp(_warmUpTotals);
        _intervalStart = end;

        _channel.Writer.TryWrite(interval);
        InvokeCallback(interval);
        if (!warmUp)
        {
            CheckAbortThresholds(end);
        }
    }

    private void InvokeCallback(IntervalStatistics interval)
    {
        try
        {
            _callback?.Invoke(interval);
        }
        catch (Exception ex)
        {
            // A broken subscriber must not break the run; it is dropped and named in the summary.
            _callback = null;
            _warnings.Add($"The interval callback threw and was detached: {ex.GetType().Name}: {ex.Message}");
        }
    }

    private void CheckAbortThresholds(long now)
    {
        if (_abortThresholds.Length == 0 || _context.Stopping)
        {
            return;
        }

        LoadStatistics soFar = StatisticsBuilder.Build(_totals, (double)(now - Math.Max(_driver.StartTimestamp, _context.MeasuredFrom)) / Stopwatch.Frequency, _kindNames);
        IReadOnlyDictionary<string, double>? loop = _abortThresholds.Any(t => ThresholdMetrics.IsLoopMetric(t.Metric))
            ? _loopMetrics?.GetLoopMetrics()
            : null;
        foreach (ThresholdExpression threshold in _abortThresholds)
        {
            ThresholdResult result = ThresholdEvaluator.Evaluate(threshold, soFar, loop);

            // Early in a run a metric may simply have no value yet; only a measured failure aborts.
            if (!result.Passed && result.Actual is not null)
            {
                _abort($"threshold \"{threshold.Text}\" failed during the run: {result.Message}");
                return;
            }
        }
    }
}
