using Dashboard.Contracts.Runs;
using Dashboard.Load.Statistics;
using Dashboard.Server.Analysis;
using Dashboard.Server.Runs;

namespace Dashboard.Server.Sweeps;

/// <summary>
/// One sweep step as its intervals arrive: client-side sums (finished requests, latency) and
/// trends (backlog, waiting p99, latency p99) in fixed memory, plus the loop-side figures of the
/// latest <see cref="StepMeasure"/>.
/// </summary>
internal sealed class SweepStepProgress(int index, double offeredRate)
{
    private long _finished;
    private long _successes;
    private double _latencyMeanSum;
    private double _latencyP50Sum;
    private double _latencyP99Max;
    private RunningSlope _backlog;
    private RunningSlope _waitingP99;
    private RunningSlope _latencyP99;
    private StepMeasure? _measure;

    public int Index { get; } = index;

    public double OfferedRate { get; } = offeredRate;

    public double Seconds { get; private set; }

    public int Intervals { get; private set; }

    public int BacklogStart { get; private set; }

    public int BacklogEnd { get; private set; }

    public bool Complete { get; set; }

    /// <summary>The stop rule fired during this step.</summary>
    public bool Stopped { get; set; }

    public RunningSlope BacklogTrend => _backlog;

    public RunningSlope WaitingTrend => _waitingP99;

    public RunningSlope LatencyTrend => _latencyP99;

    public double AchievedRate => Seconds <= 0 ? 0 : _finished / Seconds;

    public StepMeasure? Measure => _measure;

    public void Add(IntervalStatistics interval, StepMeasure measure)
    {
        var end = interval.StartSeconds + interval.DurationSeconds;
        if (Intervals == 0)
        {
            BacklogStart = interval.InFlight;
        }

        Intervals++;
        Seconds += interval.DurationSeconds;
        BacklogEnd = interval.InFlight;
        _finished += interval.Load.Requests;
        var latency = interval.Load.Latency;
        _successes += latency.Count;
        _latencyMeanSum += latency.Mean * latency.Count;
        _latencyP50Sum += latency.P50 * latency.Count;
        if (latency.Count > 0)
        {
            _latencyP99Max = Math.Max(_latencyP99Max, latency.P99);
            _latencyP99.Add(end, latency.P99);
        }

        _backlog.Add(end, interval.InFlight);
        _waitingP99.Add(end, measure.IntervalWaitingP99Ms);
        _measure = measure;
    }

    /// <summary>Arrivals outran completions: the stop rule fired here, the backlog grew past noise at
    /// a share of the offered rate, or (once complete) too few of the offered requests finished.</summary>
    public bool Saturated =>
        Stopped
        || (Intervals >= 2 && _backlog.Slope >= SweepRules.SaturatedBacklogPerSecond(OfferedRate)
            && BacklogEnd - BacklogStart >= SweepRules.BacklogNoiseRequests)
        || (Complete && AchievedRate < SweepRules.KeptUpShare * OfferedRate);

    public SweepStep ToStep(double budgetMs) => new()
    {
        Index = Index,
        OfferedRate = OfferedRate,
        AchievedRate = AchievedRate,
        Seconds = Seconds,
        Complete = Complete,
        Requests = _measure?.Requests ?? 0,
        Utilization = _measure?.Utilization ?? 0,
        Waiting = _measure?.Waiting ?? new StepFigures(0, 0, 0),
        Awake = _measure?.Awake ?? new StepFigures(0, 0, 0),
        Latency = _successes == 0
            ? new StepFigures(0, 0, 0)
            : new StepFigures(_latencyMeanSum / _successes, _latencyP50Sum / _successes, _latencyP99Max),
        BacklogStart = BacklogStart,
        BacklogEnd = BacklogEnd,
        BacklogGrowthPerSecond = _backlog.Slope,
        WaitingGrowthMsPerSecond = _waitingP99.Slope,
        Prediction = _measure?.Prediction,
        WithinBudget = _measure is { Requests: > 0 } m && m.Waiting.P99Ms <= budgetMs,
        Saturated = Saturated,
    };
}
