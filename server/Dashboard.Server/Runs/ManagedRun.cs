using Dashboard.Contracts.Runs;
using Dashboard.Contracts.Scenarios;
using Dashboard.Load.Engine;
using Dashboard.Load.Statistics;
using Dashboard.Load.Thresholds;
using Dashboard.Load.Scenarios;
using Dashboard.Server.Analysis;
using Dashboard.Server.Sweeps;

namespace Dashboard.Server.Runs;

/// <summary>
/// One run as the dashboard holds it: its load (<see cref="IRunLoad"/>: the engine's run, or agents'), the run's window on the
/// loop, its recent snapshots (bounded) and, once ended, its summary. Thread-safe.
/// </summary>
internal sealed class ManagedRun
{
    private readonly Lock _gate = new();
    private readonly Queue<RunSnapshot> _history = new();
    private readonly int _historyLimit;
    private readonly IReadOnlyList<ThresholdExpression> _thresholds;
    private readonly TimeProvider _time;
    private readonly TaskCompletionSource<RunInfo> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IRunLoad? _load;
    private RunStatus _status = RunStatus.Running;
    private RunSummary? _summary;
    private string? _message;
    private DateTimeOffset? _endedAt;
    private long _sequence;
    private long _requests;
    private long _failures;
    private RunSnapshot? _latest;
    private string? _interruption;
    private GracefulShutdownReport? _shutdown;
    private RunProcessPool? _processPool;
    private long? _hostMemoryBytes;
    private readonly SweepTracker? _sweep;

    /// <param name="plannedSeconds">The measured phases' duration.</param>
    /// <param name="warmUpSeconds">The warm-up's before them (0 without one).</param>
    /// <param name="loops">Loops the embedded server spread the run's connections over; null for a URL target.</param>
    public ManagedRun(string id, ScenarioDefinition scenario, double plannedSeconds, string target, RunTaskWindow window, RunOptions options, TimeProvider time, SweepPlan? sweep = null, double warmUpSeconds = 0, int? loops = null)
    {
        Loops = loops;
        // A warm-up before the sweep has done what the sweep's own warm-up is for.
        _sweep = sweep is null ? null : new SweepTracker(sweep, warmedUp: warmUpSeconds > 0);
        Id = id;
        Scenario = scenario;
        WarmUpSeconds = warmUpSeconds;
        PlannedSeconds = warmUpSeconds + plannedSeconds;
        Target = target;
        Window = window;
        _historyLimit = options.SnapshotHistory;
        _time = time;
        StartedAt = time.GetUtcNow();
        _thresholds = ParseThresholds(scenario);
    }

    public string Id { get; }

    public ScenarioDefinition Scenario { get; }

    /// <summary>The warm-up and the phases, in seconds.</summary>
    public double PlannedSeconds { get; }

    /// <summary>The scenario's warm-up, in seconds (0 without one).</summary>
    public double WarmUpSeconds { get; }

    public string Target { get; }

    /// <summary>Loops the embedded server spread the run's connections over; null for a URL target.</summary>
    public int? Loops { get; }

    /// <summary>The design series this run belongs to; null for a run of its own.</summary>
    public RunSeriesMember? Series { get; init; }

    public RunTaskWindow Window { get; }

    /// <summary>Completes with the final info once the run has ended and drained.</summary>
    public Task<RunInfo> Ended => _ended.Task;

    public DateTimeOffset StartedAt { get; }

    public RunSummary? Summary
    {
        get
        {
            lock (_gate)
            {
                return _summary;
            }
        }
    }

    public bool IsRunning
    {
        get
        {
            lock (_gate)
            {
                return _status == RunStatus.Running;
            }
        }
    }

    public void Attach(IRunLoad load)
    {
        Window.MeasureFrom(load.MeasuredFromTimestamp);
        lock (_gate)
        {
            _load = load;
        }
    }

    /// <summary>Builds the interval's snapshot from the engine's figures and the loop window; keeps it in the history.</summary>
    public RunSnapshot OnInterval(IntervalStatistics interval)
    {
        int? step;
        bool warmUp;
        lock (_gate)
        {
            // The scenario's warm-up belongs to no sweep step (the steps start after it).
            step = interval.WarmUp ? null : _sweep?.StepOf(interval);
            warmUp = step is not null && _sweep!.TakeWarmUp(interval);
        }

        var (tasks, samples, loop, prediction, measure) = Window.TakeInterval(interval.DurationSeconds, ArrivalsOf(Scenario), warmUp ? null : step);
        var thresholds = interval.WarmUp
            ? _thresholds.Select(t => new ThresholdState(t.Text, null, null, NotJudgedInWarmUp)).ToArray()
            : _thresholds
                .Select(t => ThresholdEvaluator.Evaluate(t, interval.Load, Window.LoopMetrics()))
                .Select(r => new ThresholdState(r.Expression, r.Actual is null ? null : r.Passed, r.Actual, r.Message))
                .ToArray();
        RunSnapshot published;
        string? sweepStopped = null;
        lock (_gate)
        {
            // The warm-up interval counts nowhere in the sweep (SweepTracker.TakeWarmUp).
            if (!warmUp && _sweep is not null && step is { } index && measure is not null && _sweep.Observe(index, interval, measure))
            {
                sweepStopped = _sweep.StopReason;
            }
            else if (step is null && !interval.WarmUp)
            {
                _sweep?.ObserveOutside(interval);
            }

            if (!interval.WarmUp)
            {
                _requests += interval.Load.Requests;
                _failures += interval.Load.Failures;
            }

            var elapsed = interval.StartSeconds + interval.DurationSeconds;
            var snapshot = new RunSnapshot
            {
                RunId = Id,
                Sequence = ++_sequence,
                At = _time.GetUtcNow(),
                ElapsedSeconds = elapsed,
                IntervalSeconds = interval.DurationSeconds,
                Progress = PlannedSeconds <= 0 ? 1 : Math.Clamp(elapsed / PlannedSeconds, 0, 1),
                // The page, the progress line and the CSV all say the warm-up's phases are the warm-up's.
                Phase = interval.WarmUp ? "warm-up: " + interval.Phase : interval.Phase,
                TargetRate = interval.TargetRate,
                TargetUsers = interval.TargetCopies,
                Load = RunFigureMapper.ToLoadFigures(interval.Load, interval.InFlight),
                Loop = loop,
                Tasks = tasks,
                Samples = samples,
                Thresholds = thresholds,
                Prediction = prediction,
                Sweep = _sweep?.Report(),
                WarmUp = interval.WarmUp,
            };
            _history.Enqueue(snapshot);
            while (_history.Count > _historyLimit)
            {
                _history.Dequeue();
            }

            _latest = snapshot;
            published = snapshot;
        }

        if (sweepStopped is not null)
        {
            // The sweep found saturation: its job is done, so the run ends as completed.
            CurrentLoad()?.Finish($"Sweep stopped at saturation. {sweepStopped}");
        }

        return published;
    }

    public IReadOnlyList<RunSnapshot> History()
    {
        lock (_gate)
        {
            return _history.ToArray();
        }
    }

    /// <summary>Records how the run ended; returns the final info.</summary>
    public RunInfo Complete(RunSummary summary)
    {
        lock (_gate)
        {
            _sweep?.Close();
            _summary = summary;
            if (_status == RunStatus.Interrupted)
            {
                // Cut off at shutdown already: keep that ending, with the engine's summary.
                return Info();
            }

            _endedAt = _time.GetUtcNow();
            _message = summary.Outcome == RunOutcome.Stopped && _interruption is not null ? _interruption : summary.OutcomeMessage;
            _status = summary.Outcome switch
            {
                RunOutcome.Completed => RunStatus.Completed,
                RunOutcome.Stopped when _interruption is not null => RunStatus.Interrupted,
                RunOutcome.Stopped => RunStatus.Stopped,
                RunOutcome.ThresholdAborted => RunStatus.ThresholdAborted,
                _ => RunStatus.Failed,
            };
        }

        var info = Info();
        _ended.TrySetResult(info);
        return info;
    }

    public RunInfo Fail(string message)
    {
        lock (_gate)
        {
            _sweep?.Close();
            _status = RunStatus.Failed;
            _message = message;
            _endedAt = _time.GetUtcNow();
        }

        var info = Info();
        _ended.TrySetResult(info);
        return info;
    }

    public void Stop() => CurrentLoad()?.Stop();

    /// <summary>Stops the run because the host is shutting down: it ends <see cref="RunStatus.Interrupted"/>, saying <paramref name="reason"/>.</summary>
    public void Interrupt(string reason)
    {
        lock (_gate)
        {
            _interruption = reason;
        }

        Stop();
    }

    /// <summary>Ends an interrupted run that is still going (its engine did not end in time), as interrupted.</summary>
    public void CutOff()
    {
        lock (_gate)
        {
            if (_status != RunStatus.Running || _interruption is null)
            {
                return;
            }

            _sweep?.Close();
            _status = RunStatus.Interrupted;
            _message = _interruption;
            _endedAt = _time.GetUtcNow();
        }

        _ended.TrySetResult(Info());
    }

    /// <summary>What the run cost in memory at its end: the host's resident memory and what the process pool did (kept in its record).</summary>
    public void AttachEndMemory(long hostMemoryBytes, RunProcessPool? processPool)
    {
        lock (_gate)
        {
            _hostMemoryBytes = hostMemoryBytes;
            _processPool = processPool;
        }
    }

    /// <summary>What the shutdown that interrupted the run left alive (kept in its record).</summary>
    public void AttachShutdown(GracefulShutdownReport report)
    {
        lock (_gate)
        {
            _shutdown = report;
        }
    }

    /// <summary>Applies a new rate or user count; returns the problems (field path and expectation), if any.</summary>
    public IReadOnlyList<FieldError> Change(RunChange change) => Judge(change, apply: true);

    /// <summary>The problems <see cref="Change"/> would answer now, without changing anything (a form checking as you type).</summary>
    public IReadOnlyList<FieldError> Check(RunChange change) => Judge(change, apply: false);

    private IReadOnlyList<FieldError> Judge(RunChange change, bool apply)
    {
        var load = CurrentLoad();
        if (load is null || !IsRunning)
        {
            return [new FieldError("", $"run {Id} is not running")];
        }

        if (change.Rate is null && change.Users is null)
        {
            return [new FieldError("", "expected a body with \"rate\" (requests per second) or \"users\" (virtual users)")];
        }

        var errors = new List<FieldError>();
        if (change.Rate is not null && load.CurrentPhase == "sweep")
        {
            // The sweep owns the rate: a hand-set one would file figures under the wrong step.
            return [new FieldError("rate", "the run is sweeping: each step sets the rate; stop the run, or wait for the sweep to end")];
        }

        if (change.Rate is { } rate)
        {
            if (apply)
            {
                Apply(errors, "rate", () => load.SetRate(rate));
            }
            else if (load.RateRefusal(rate) is { } refusal)
            {
                errors.Add(new FieldError("rate", refusal));
            }
        }

        if (change.Users is { } users)
        {
            if (apply)
            {
                Apply(errors, "users", () => load.SetCopies(users));
            }
            else if (load.CopiesRefusal(users) is { } refusal)
            {
                errors.Add(new FieldError("users", refusal));
            }
        }

        return errors;
    }

    public RunInfo Info()
    {
        lock (_gate)
        {
            var summary = _summary;
            var whole = summary?.Load;
            var latest = _latest;
            var requests = whole?.Requests ?? _requests;
            var elapsed = summary is not null ? summary.WarmUpSeconds + summary.DurationSeconds : _load?.ElapsedSeconds ?? 0;
            var measured = Math.Max(0, elapsed - WarmUpSeconds);
            return new RunInfo
            {
                Id = Id,
                Scenario = Scenario.Name,
                Description = Scenario.Description,
                Status = _status,
                StartedAt = StartedAt,
                EndedAt = _endedAt,
                ElapsedSeconds = elapsed,
                PlannedSeconds = PlannedSeconds,
                WarmUpSeconds = WarmUpSeconds,
                Passed = summary?.Passed,
                Message = _message,
                Target = Target,
                Loops = Loops,
                Shutdown = _shutdown,
                ProcessPool = _processPool,
                HostMemoryBytes = _hostMemoryBytes,
                Series = Series,
                Verdict = Verdict(whole),
                Prediction = Window.Prediction(measured, ArrivalsOf(Scenario)),
                Blockers = Window.Blockers().Take(5).Select(b => new BlockerSummary(
                    b.Kind, b.Steps, b.MeanHeldMs, b.Victims, b.VictimWaitingMs, b.MeanWaitingPerVictimMs, b.VictimKinds)
                {
                    Loop = b.Loop,
                }).ToArray(),
                WorstBlocks = Window.WorstBlocks(),
                Sweep = _sweep?.Report(),
                Agents = _load?.Agents(),
                Key = new RunKeyFigures
                {
                    Requests = requests,
                    ThroughputPerSecond = whole?.Throughput ?? (measured > 0 ? requests / measured : 0),
                    ErrorRate = whole is not null ? whole.ErrorRate / 100 : (requests > 0 ? (double)_failures / requests : 0),
                    LatencyP50Ms = whole?.Latency.P50 ?? latest?.Load.Corrected.P50Ms ?? 0,
                    LatencyP99Ms = whole?.Latency.P99 ?? latest?.Load.Corrected.P99Ms ?? 0,
                    WaitingP99Ms = Window.RequestWaitingPercentileMs(99),
                    LoopUtilization = Window.MeanUtilization(),
                },
            };
        }
    }

    /// <summary>The plain-words reading of the run so far (caller holds the lock).</summary>
    private RunVerdict Verdict(LoadStatistics? whole) => VerdictBuilder.Build(VerdictInputs.From(
        _history,
        whole,
        new LoopVerdictFigures(Window.MeanUtilization(), Window.RequestWaitingMeanMs(), Window.RequestWaitingPercentileMs(99), Window.Blockers()),
        _sweep?.Report()));

    private const string NotJudgedInWarmUp = "warming up: not judged (the warm-up counts in no threshold)";

    private static Arrivals ArrivalsOf(ScenarioDefinition scenario) =>
        string.Equals(scenario.Arrivals, ArrivalModes.Poisson, StringComparison.OrdinalIgnoreCase) ? Arrivals.Poisson : Arrivals.Even;

    private IRunLoad? CurrentLoad()
    {
        lock (_gate)
        {
            return _load;
        }
    }

    private static void Apply(List<FieldError> errors, string field, Action change)
    {
        try
        {
            change();
        }
        catch (ArgumentOutOfRangeException ex)
        {
            errors.Add(new FieldError(field, ex.Message.Split(" (Parameter")[0]));
        }
        catch (InvalidOperationException ex)
        {
            errors.Add(new FieldError(field, ex.Message));
        }
    }

    private static ThresholdExpression[] ParseThresholds(ScenarioDefinition scenario) =>
        (scenario.Thresholds ?? [])
            .Select(t => ThresholdExpression.TryParse(t.Expression, t.AbortOnFail, out var expression, out _) ? expression : null)
            .OfType<ThresholdExpression>()
            .ToArray();
}
