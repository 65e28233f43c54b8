using Dashboard.EventLoop.Metrics;

namespace Dashboard.EventLoop;

/// <summary>
/// Accumulates one interval of loop figures on the loop thread and turns it into a
/// <see cref="LoopIntervalFigures"/>. Fixed memory: a histogram and a capped slow-step list.
/// </summary>
internal sealed class LoopFiguresCollector
{
    // Timer lag in microseconds, up to a minute.
    private readonly LogLinearHistogram _timerLagMicros = new(60_000_000);
    private readonly List<SlowStep> _slowSteps = [];
    private readonly int _maxSlowSteps;
    private readonly int _loopIndex;
    private long _sequence;
    private long _intervalStart;
    private long _busy;
    private long _steps;
    private int _depthMax;
    private double _depthWeighted;
    private long _depthSampleAt;
    private int _depthSample;
    private int _slowStepCount;
    private long _callbackErrors;

    public LoopFiguresCollector(int maxSlowSteps, int loopIndex, long start)
    {
        _maxSlowSteps = maxSlowSteps;
        _loopIndex = loopIndex;
        _intervalStart = start;
        _depthSampleAt = start;
    }

    public long IntervalStart => _intervalStart;

    /// <summary>Ready-queue depth at the start of a pass; weighted by how long it stood.</summary>
    public void SampleDepth(long now, int depth)
    {
        _depthWeighted += (double)_depthSample * (now - _depthSampleAt);
        _depthSampleAt = now;
        _depthSample = depth;
        if (depth > _depthMax)
        {
            _depthMax = depth;
        }
    }

    public void AddPass(long busyTicks, int steps)
    {
        _busy += busyTicks;
        _steps += steps;
    }

    public void AddTimerLag(long lagTicks) => _timerLagMicros.Record(Math.Max(0, (long)LoopClock.ToMicroseconds(lagTicks)));

    public void AddCallbackError() => _callbackErrors++;

    /// <summary>Whether a slow step will be kept whole (so its victims are worth counting).</summary>
    public bool KeepsNextSlowStep => _slowSteps.Count < _maxSlowSteps;

    public void AddSlowStep(LoopTask? task, long start, long duration, int queuedBehind, Victims victims)
    {
        _slowStepCount++;
        if (_slowSteps.Count < _maxSlowSteps)
        {
            _slowSteps.Add(new SlowStep(task?.Id ?? 0, task?.Name ?? "(loop callback)", task?.Kind ?? "loop", LoopClock.ToMilliseconds(duration), start, queuedBehind, victims)
            {
                LoopIndex = _loopIndex,
            });
        }
    }

    /// <summary>Closes the interval at <paramref name="now"/> and starts the next one.</summary>
    public LoopIntervalFigures Complete(long now, DateTimeOffset wallNow, LoopCounters counters)
    {
        SampleDepth(now, _depthSample);
        var wall = Math.Max(1, now - _intervalStart);
        var figures = new LoopIntervalFigures
        {
            Sequence = ++_sequence,
            LoopIndex = _loopIndex,
            At = wallNow,
            StartTimestamp = _intervalStart,
            EndTimestamp = now,
            Utilization = Math.Clamp((double)_busy / wall, 0, 1),
            BusyTicks = _busy,
            Steps = _steps,
            StepsPerSecond = _steps * (double)LoopClock.Frequency / wall,
            ReadyDepthMax = _depthMax,
            ReadyDepthMean = _depthWeighted / wall,
            TimerLag = new TimerLagFigures(
                _timerLagMicros.Count,
                _timerLagMicros.Count == 0 ? 0 : _timerLagMicros.Mean / 1000.0,
                _timerLagMicros.ValueAtPercentile(50) / 1000.0,
                _timerLagMicros.ValueAtPercentile(99) / 1000.0,
                _timerLagMicros.Count == 0 ? 0 : _timerLagMicros.Max / 1000.0),
            TasksAlive = counters.Alive,
            TasksCreated = counters.Created,
            TasksCompleted = counters.Completed,
            TasksFaulted = counters.Faulted,
            TasksCancelled = counters.Cancelled,
            SlowStepCount = _slowStepCount,
            SlowSteps = _slowSteps.ToArray(),
            RecordsDropped = counters.RecordsDropped,
            CallbackErrors = _callbackErrors,
        };

        _intervalStart = now;
        _busy = 0;
        _steps = 0;
        _depthMax = _depthSample;
        _depthWeighted = 0;
        _slowStepCount = 0;
        _slowSteps.Clear();
        _callbackErrors = 0;
        _timerLagMicros.Reset();
        return figures;
    }
}

/// <summary>Cumulative task counters at the end of an interval.</summary>
internal readonly record struct LoopCounters(int Alive, long Created, long Completed, long Faulted, long Cancelled, long RecordsDropped);
