using Dashboard.Contracts.Loop;
using Dashboard.Contracts.Runs;
using Dashboard.EventLoop;
using Dashboard.EventLoop.Metrics;
using Dashboard.Load.Engine;
using Dashboard.Server.Analysis;
using Dashboard.Server.Loop;

namespace Dashboard.Server.Runs;

/// <summary>
/// A run's view of the loop: fed every completed-task record and loop interval while the run
/// lives, it yields per interval where the completed tasks' time went (overall and per kind) and
/// a sample of tasks, and keeps whole-run figures of the run's own requests (those whose
/// correlation id carries the run's prefix) for thresholds and key figures. Fixed memory.
/// </summary>
/// <remarks>
/// A warm-up counts in no whole-run figure: its requests are known by their correlation prefix
/// (<see cref="LoadRun.WarmUpPrefixOf"/>), and the loop's intervals by time, an interval belonging
/// to the warm-up when its midpoint lies before the measured start (<see cref="MeasureFrom"/>).
/// Per-interval figures still cover the warm-up's intervals, which their snapshots mark.
/// </remarks>
internal sealed class RunTaskWindow : ILoopObserver
{
    private const string AllKinds = "(all tasks)";
    private readonly Lock _gate = new();
    private readonly string _correlationPrefix;
    private readonly string _warmUpPrefix;
    private long _measuredFrom;
    private readonly int _maxKinds;
    private readonly TaskKindAggregate _overall = new(AllKinds);
    private readonly Dictionary<string, TaskKindAggregate> _kinds = new(StringComparer.Ordinal);
    private readonly TaskSampler _sampler;
    private readonly TaskKindAggregate _runRequests = new("requests");
    private readonly TaskKindAggregate _intervalRequests = new("requests");
    // Each loop's share of those requests: with several loops, each is a queue of its own.
    private readonly LoopShares _runShares = new();
    private readonly LoopShares _intervalShares = new();
    private readonly LoopShares _stepShares = new();
    // The tasks each loop completed in the interval (made on first use; several loops only).
    private readonly TaskKindAggregate?[] _intervalByLoop = new TaskKindAggregate?[Environment.ProcessorCount];
    private readonly BlockerTally _blockers = new();
    // Loop intervals and run intervals tick apart (each on its own clock, often at other lengths),
    // so busy time is kept with the loop time it was measured over: busy ÷ loop time is the
    // utilization, and utilization × a span's length its busy time.
    private double _intervalBusyMs;
    private double _intervalLoopMs;
    private double _stepLoopMs;
    private readonly TaskKindAggregate _stepRequests = new("requests");
    private int? _step;
    private double _stepBusyMs;
    private double _stepSeconds;
    private readonly RetainedTasks _retained;
    private readonly long _openedAt = LoopClock.Now;
    private LoopInterval? _latestLoop;
    private int _loopCount = 1;
    private double _busySeconds;
    private double _wallSeconds;
    private int _readyDepthMax;
    private long _slowSteps;
    private double _timerLagP99Max;
    private double _timerLagMax;

    /// <summary>When the window opened (loop clock): sampled tasks are placed in time from here.</summary>
    public long OpenedAt => _openedAt;

    /// <param name="correlationPrefix">The run's correlation prefix.</param>
    /// <param name="options">The run limits.</param>
    /// <param name="seed">Seed of the random sample.</param>
    /// <param name="warmUp">Whether the run begins with a warm-up: until <see cref="MeasureFrom"/>
    /// says where it ends, the loop's intervals count as the warm-up's.</param>
    public RunTaskWindow(string correlationPrefix, RunOptions options, int seed, bool warmUp = false)
    {
        _correlationPrefix = correlationPrefix + "-";
        _warmUpPrefix = LoadRun.WarmUpPrefixOf(correlationPrefix) + "-";
        _measuredFrom = warmUp ? long.MaxValue : long.MinValue;
        _maxKinds = options.MaxKindsPerSnapshot;
        _sampler = new TaskSampler(options.SlowestSamples, options.RandomSamples, seed);
        _retained = new RetainedTasks(options.MaxRetainedTasks, options.MaxRetainedSpans);
    }

    /// <summary>Records of this run's tasks (bounded), for a task's story.</summary>
    public RetainedTasks Retained => _retained;

    /// <summary>Where the run's warm-up ends (a <see cref="LoopClock"/> timestamp), once the run has started.</summary>
    public void MeasureFrom(long timestamp)
    {
        lock (_gate)
        {
            _measuredFrom = timestamp;
        }
    }

    public void OnRecord(TaskRecord record)
    {
        lock (_gate)
        {
            _overall.Add(record);
            KindOf(record.Kind).Add(record);
            if (_loopCount > 1)
            {
                (_intervalByLoop[record.LoopIndex] ??= new TaskKindAggregate(LoopNames.Of(record.LoopIndex))).Add(record);
            }

            _retained.Add(record);
            if (record.Tag is { } tag && tag.StartsWith(_correlationPrefix, StringComparison.Ordinal))
            {
                if (!tag.StartsWith(_warmUpPrefix, StringComparison.Ordinal))
                {
                    _runRequests.Add(record);
                    _intervalRequests.Add(record);
                    _runShares.Add(record.LoopIndex);
                    _intervalShares.Add(record.LoopIndex);
                }
                else if (record.CompletedTimestamp < _measuredFrom)
                {
                    // A warm-up interval shows its own requests; a late one never joins a measured interval.
                    _intervalRequests.Add(record);
                    _intervalShares.Add(record.LoopIndex);
                }
            }

            // Connection and accept tasks live as long as their sockets: not what "slowest" means.
            if (!record.Kind.StartsWith("server/", StringComparison.Ordinal))
            {
                _sampler.Offer(record);
            }
        }
    }

    public void OnInterval(LoopInterval interval, long startTimestamp, long endTimestamp)
    {
        lock (_gate)
        {
            // Busy and wall time summed over the loops: their ratio is the loops' mean utilization,
            // and the busy time is all the loops', which the service time per request is measured by.
            IReadOnlyList<LoopInterval> loops = interval.Loops.Count > 0 ? interval.Loops : [interval];
            var busyMs = loops.Sum(l => l.Utilization * l.DurationMs);
            var wallMs = loops.Sum(l => l.DurationMs);
            _latestLoop = interval;
            _loopCount = Math.Max(_loopCount, loops.Count);
            _intervalBusyMs += busyMs;
            _intervalLoopMs += wallMs;
            if (startTimestamp + ((endTimestamp - startTimestamp) / 2) < _measuredFrom)
            {
                return;
            }

            _busySeconds += busyMs / 1000.0;
            _wallSeconds += wallMs / 1000.0;
            _readyDepthMax = Math.Max(_readyDepthMax, interval.ReadyDepthMax);
            _slowSteps += interval.SlowStepCount;
            _timerLagP99Max = Math.Max(_timerLagP99Max, interval.TimerLagP99Ms);
            _timerLagMax = Math.Max(_timerLagMax, interval.TimerLagMaxMs);
            _blockers.Add(interval.SlowSteps);
        }
    }

    /// <summary>
    /// The interval's breakdown, sample and waiting prediction; starts the next interval. With a
    /// sweep step, the interval's requests also fold into that step's figures (a new step starts
    /// them afresh).
    /// </summary>
    public WindowInterval TakeInterval(double intervalSeconds, Arrivals arrivals, int? sweepStep = null)
    {
        lock (_gate)
        {
            var prediction = PredictLocked(_intervalRequests, _intervalShares, BusyMsOver(_intervalBusyMs, _intervalLoopMs, intervalSeconds), intervalSeconds, arrivals);
            var step = sweepStep is { } index ? FoldIntoStepLocked(index, intervalSeconds, arrivals) : null;
            _intervalRequests.Reset();
            _intervalShares.Reset();
            _intervalBusyMs = 0;
            _intervalLoopMs = 0;
            var breakdown = new TaskBreakdown(
                _overall.ToBreakdown(),
                _kinds.Values.Where(k => k.Count > 0).Select(k => k.ToBreakdown()).OrderByDescending(k => k.Count).ToArray())
            {
                Loops = _loopCount > 1 ? LoopBreakdownsLocked() : [],
            };
            // Where each sampled task sits in the run, so a trace export can lay tasks out in time.
            var samples = _sampler.TakeAndReset()
                .Select(s => ToSample(s.Record, s.Reason) with { CreatedAtMs = LoopClock.ToMilliseconds(s.Record.CreatedTimestamp - _openedAt) })
                .ToArray();
            _overall.Reset();
            foreach (var kind in _kinds.Values)
            {
                kind.Reset();
            }

            return new WindowInterval(breakdown, samples, _latestLoop, prediction, step);
        }
    }

    /// <summary>Each loop's tasks of the interval, in loop order (an empty breakdown for a loop that completed none); starts the next interval.</summary>
    private TaskKindBreakdown[] LoopBreakdownsLocked()
    {
        var breakdowns = new TaskKindBreakdown[_loopCount];
        for (var i = 0; i < _loopCount; i++)
        {
            var loop = _intervalByLoop[i] ??= new TaskKindAggregate(LoopNames.Of(i));
            breakdowns[i] = loop.ToBreakdown();
            loop.Reset();
        }

        return breakdowns;
    }

    private StepMeasure FoldIntoStepLocked(int index, double intervalSeconds, Arrivals arrivals)
    {
        if (_step != index)
        {
            _step = index;
            _stepRequests.Reset();
            _stepShares.Reset();
            _stepBusyMs = 0;
            _stepLoopMs = 0;
            _stepSeconds = 0;
        }

        var intervalWaitingP99 = _intervalRequests.WaitingPercentileMs(99);
        _stepRequests.Merge(_intervalRequests);
        _stepShares.Merge(_intervalShares);
        _stepBusyMs += _intervalBusyMs;
        _stepLoopMs += _intervalLoopMs;
        _stepSeconds += intervalSeconds;
        var stepBusyMs = BusyMsOver(_stepBusyMs, _stepLoopMs, _stepSeconds);
        return new StepMeasure(
            _stepRequests.Count,
            _stepRequests.WaitingFigures(),
            _stepRequests.AwakeFigures(),
            _stepSeconds <= 0 ? 0 : Math.Clamp(stepBusyMs / (_stepSeconds * 1000), 0, 1),
            PredictLocked(_stepRequests, _stepShares, stepBusyMs, _stepSeconds, arrivals),
            intervalWaitingP99);
    }

    /// <summary>The loops' busy time over a span of <paramref name="seconds"/>: the utilization of the
    /// loop intervals that arrived during it, else (none arrived yet) the latest loop interval's,
    /// times the loops.</summary>
    private double BusyMsOver(double busyMs, double loopMs, double seconds)
    {
        var utilization = loopMs > 0 ? busyMs / loopMs : _latestLoop?.Utilization ?? 0;
        return Math.Clamp(utilization, 0, 1) * seconds * 1000 * _loopCount;
    }

    /// <summary>Waiting percentile (ms) of the run's own request tasks so far.</summary>
    public double RequestWaitingPercentileMs(double percentile)
    {
        lock (_gate)
        {
            return _runRequests.WaitingPercentileMs(percentile);
        }
    }

    /// <summary>The waiting distribution of the run's own request tasks so far (microsecond buckets).</summary>
    public HistogramBucket[] RequestWaitingBuckets()
    {
        lock (_gate)
        {
            return _runRequests.WaitingBuckets();
        }
    }

    public TaskKindBreakdown RequestBreakdown()
    {
        lock (_gate)
        {
            return _runRequests.ToBreakdown();
        }
    }

    /// <summary>
    /// The run's loop.* threshold metrics so far (names from ThresholdMetrics.LoopMetricNames):
    /// the three times of the run's own request tasks, utilization in percent, queue and lag.
    /// A metric without data is left out, so its threshold reports "not available".
    /// </summary>
    public IReadOnlyDictionary<string, double> LoopMetrics()
    {
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        lock (_gate)
        {
            foreach (var time in (string[])["awake", "waiting", "asleep"])
            {
                foreach (var statistic in (string[])["p50", "p75", "p90", "p95", "p99", "p99.9", "max", "mean"])
                {
                    if (_runRequests.Statistic(time, statistic) is { } value)
                    {
                        metrics[$"loop.{time}.{statistic}"] = value;
                    }
                }
            }

            if (_wallSeconds > 0)
            {
                metrics["loop.utilization"] = 100 * _busySeconds / _wallSeconds;
                metrics["loop.readyQueue.max"] = _readyDepthMax;
                metrics["loop.slowSteps"] = _slowSteps;
                metrics["loop.timerLag.p99"] = _timerLagP99Max;
                metrics["loop.timerLag.max"] = _timerLagMax;
            }
        }

        return metrics;
    }

    /// <summary>Predicted vs measured mean waiting of the run's requests so far.</summary>
    public WaitingPrediction? Prediction(double seconds, Arrivals arrivals)
    {
        lock (_gate)
        {
            return PredictLocked(_runRequests, _runShares, _busySeconds * 1000, seconds, arrivals);
        }
    }

    public IReadOnlyList<BlockerKindTotals> Blockers()
    {
        lock (_gate)
        {
            return _blockers.Kinds;
        }
    }

    /// <summary>The single slow steps that caused the most waiting, worst first.</summary>
    public IReadOnlyList<SlowStepInfo> WorstBlocks()
    {
        lock (_gate)
        {
            return _blockers.Worst;
        }
    }

    public double RequestWaitingMeanMs()
    {
        lock (_gate)
        {
            return _runRequests.WaitingMeanMs;
        }
    }

    /// <summary>Mean loop utilization over the intervals seen, 0..1.</summary>
    public double MeanUtilization()
    {
        lock (_gate)
        {
            return _wallSeconds <= 0 ? 0 : _busySeconds / _wallSeconds;
        }
    }

    /// <summary>
    /// M/G/1 and Kingman from these requests' service times (awake + the loops' overhead per
    /// request) at the rate they arrived, beside their measured mean waiting; with several loops,
    /// one queue per loop at its share of the rate. Null without requests.
    /// </summary>
    private static WaitingPrediction? PredictLocked(TaskKindAggregate requests, LoopShares shares, double busyMs, double seconds, Arrivals arrivals)
    {
        if (requests.Count == 0 || seconds <= 0)
        {
            return null;
        }

        var (awakeMean, awakeStdDev) = requests.AwakeMoments();
        var (serviceMs, cv2) = ServiceTimeEstimate.From(awakeMean, awakeStdDev, busyMs, requests.Count);
        var rate = requests.Count / seconds;
        var rates = shares.RatesOver(seconds);
        var predicted = QueueingPrediction.PredictSpread(rates, serviceMs, cv2, arrivals == Arrivals.Poisson ? 1 : 0);
        return new WaitingPrediction(rate, serviceMs, cv2, predicted.Utilization, Finite(predicted.MeanWaitingMs), Finite(predicted.KingmanWaitingMs), requests.WaitingMeanMs)
        {
            Queues = Math.Max(1, rates.Length),
        };
    }

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;

    public static TaskSample ToSample(TaskRecord record, string reason) => new()
    {
        Id = record.Id,
        ParentId = record.ParentId,
        Name = record.Name,
        Kind = record.Kind,
        Loop = record.LoopIndex,
        CorrelationId = record.Tag,
        Outcome = record.Outcome.ToString(),
        LifetimeMs = LoopClock.ToMilliseconds(record.LifetimeTicks),
        AwakeMs = LoopClock.ToMilliseconds(record.AwakeTicks),
        WaitingMs = LoopClock.ToMilliseconds(record.WaitingTicks),
        AsleepMs = LoopClock.ToMilliseconds(record.AsleepTicks),
        TimerLatenessMs = LoopClock.ToMilliseconds(record.TimerLatenessTicks),
        Steps = record.Steps,
        LongestStepMs = LoopClock.ToMilliseconds(record.LongestStepTicks),
        Reason = reason,
        Timeline = record.Spans
            .Select(s => new TaskSpanInfo(
                s.State.ToString().ToLowerInvariant(),
                LoopClock.ToMilliseconds(s.Start - record.CreatedTimestamp),
                LoopClock.ToMilliseconds(s.End - s.Start)))
            .ToArray(),
        TimelineTruncated = record.SpansTruncated,
    };

    private TaskKindAggregate KindOf(string kind)
    {
        if (_kinds.TryGetValue(kind, out var aggregate))
        {
            return aggregate;
        }

        if (_kinds.Count >= _maxKinds)
        {
            kind = LoopTelemetry.OtherKinds;
            if (_kinds.TryGetValue(kind, out aggregate))
            {
                return aggregate;
            }
        }

        aggregate = new TaskKindAggregate(kind);
        _kinds[kind] = aggregate;
        return aggregate;
    }
}

/// <summary>What <see cref="RunTaskWindow.TakeInterval"/> yields for one interval.</summary>
internal sealed record WindowInterval(
    TaskBreakdown Tasks,
    IReadOnlyList<TaskSample> Samples,
    LoopInterval? Loop,
    WaitingPrediction? Prediction,
    StepMeasure? Step);

/// <summary>
/// A sweep step's loop-side figures so far, from the run's request tasks: waiting and awake
/// (exact percentiles over the whole step), utilization, the queueing prediction from the step's
/// own service time and rate, and the latest interval's waiting p99 (for the stop rule).
/// </summary>
internal sealed record StepMeasure(
    long Requests,
    StepFigures Waiting,
    StepFigures Awake,
    double Utilization,
    WaitingPrediction? Prediction,
    double IntervalWaitingP99Ms);

/// <summary>How the scenario's arrivals are spaced (the queueing models' arrival variability).</summary>
internal enum Arrivals
{
    Even,
    Poisson,
}
