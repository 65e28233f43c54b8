using System.Diagnostics;
using System.Threading.Channels;
using Dashboard.Contracts.Scenarios;
using Dashboard.Load.Statistics;

namespace Dashboard.Load.Engine;

/// <summary>
/// One running load test, started by <see cref="LoadEngine.StartAsync(ScenarioDefinition, LoadRunOptions?, CancellationToken)"/>.
/// Read live statistics from <see cref="Intervals"/> (or the callback in <see cref="LoadRunOptions"/>),
/// steer it with <see cref="SetRate"/> / <see cref="SetCopies"/>, end it with <see cref="Stop"/>,
/// and await <see cref="Completion"/> for the <see cref="RunSummary"/>.
/// </summary>
/// <remarks>
/// <see cref="Completion"/> always yields a summary, whether the run completed, was stopped,
/// cancelled or aborted by a threshold (see <see cref="RunSummary.Outcome"/>); it faults only on
/// a bug in the engine. All members are safe to call from any thread.
/// </remarks>
public sealed partial class LoadRun : IAsyncDisposable
{
    private readonly RunContext _context;
    private readonly LoadDriver _driver;
    private readonly IntervalReporter _reporter;
    private readonly double _maxRate;
    private int _outcome = -1;
    private string? _outcomeMessage;
    private bool _finished;

    /// <summary>The run's id (given in <see cref="LoadRunOptions.RunId"/> or drawn).</summary>
    public string RunId { get; }

    /// <summary>Every request carries <c>X-Correlation-Id: {CorrelationPrefix}-{12-digit sequence}</c>.</summary>
    public string CorrelationPrefix { get; }

    /// <summary>The warm-up's requests carry <c>X-Correlation-Id: {WarmUpCorrelationPrefix}-{sequence}</c>
    /// (<see cref="CorrelationPrefix"/> followed by <c>-warmup</c>), so whoever matches a run's
    /// requests by their id can leave the warm-up out.</summary>
    public string WarmUpCorrelationPrefix => WarmUpPrefixOf(CorrelationPrefix);

    /// <summary>Where the warm-up ends and measuring begins, as a <see cref="Stopwatch"/> timestamp
    /// (the start itself without a warm-up).</summary>
    public long MeasuredFromTimestamp => _context.MeasuredFrom;

    /// <summary>The warm-up's correlation prefix for a run's prefix: the one rule both ends match on.</summary>
    public static string WarmUpPrefixOf(string correlationPrefix) => correlationPrefix + "-warmup";

    /// <summary>True while the warm-up runs (before the measured phases).</summary>
    public bool WarmingUp => _driver.Phase.WarmUp;

    /// <summary>The scenario being run.</summary>
    public ScenarioDefinition Scenario { get; }

    /// <summary>The seed of Poisson arrivals and the request mix.</summary>
    public int Seed { get; }

    /// <summary>Wall-clock time of the start.</summary>
    public DateTimeOffset StartedAt { get; private set; }

    /// <summary>Statistics per interval, in order. Bounded: when nobody reads, the oldest are
    /// dropped. Completes after the last (partial) interval.</summary>
    public ChannelReader<IntervalStatistics> Intervals => _reporter.Reader;

    /// <summary>The summary, once the run has ended and requests in flight have drained.</summary>
    public Task<RunSummary> Completion { get; private set; } = null!;

    /// <summary>Index of the running phase (−1 while draining after the last).</summary>
    public int CurrentPhaseIndex => _driver.Phase.Index;

    /// <summary>Name of the running phase: inject, rampingInject, keepConstant, rampingConstant, pause, or drain.</summary>
    public string CurrentPhase => _driver.Phase.Name;

    /// <summary>The arrival rate aimed at now (open-model phases), else null.</summary>
    public double? TargetRate => _driver.Phase.RateNow;

    /// <summary>The virtual users aimed at now (closed-model phases), else null.</summary>
    public int? TargetCopies => _driver.Phase.Copies;

    /// <summary>Requests queued for a connection or on the wire.</summary>
    public int InFlight => _context.InFlight;

    /// <summary>Seconds since the start (the warm-up included).</summary>
    public double ElapsedSeconds => _driver.StartTimestamp == 0
        ? 0
        : (double)(Stopwatch.GetTimestamp() - _driver.StartTimestamp) / Stopwatch.Frequency;

    /// <summary>Changes the arrival rate (requests per second) for the rest of the current open-model phase.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The rate is negative, not finite or above the engine's limit.</exception>
    /// <exception cref="InvalidOperationException">The current phase is not open-model, or the run is warming up.</exception>
    public void SetRate(double rate)
    {
        if (RateOutOfRange(rate) is { } message)
        {
            throw new ArgumentOutOfRangeException(nameof(rate), rate, message);
        }

        _driver.SetRate(rate);
    }

    /// <summary>Why <see cref="SetRate"/> would refuse this rate now, in its own words; null when it would take it.</summary>
    public string? RateRefusal(double rate) => RateOutOfRange(rate) ?? _driver.ChangeRefusal(rate: true);

    /// <summary>Why <see cref="SetCopies"/> would refuse this count now, in its own words; null when it would take it.</summary>
    public string? CopiesRefusal(int copies) => CopiesOutOfRange(copies) ?? _driver.ChangeRefusal(rate: false);

    private string? RateOutOfRange(double rate) =>
        !double.IsFinite(rate) || rate < 0 || rate > _maxRate ? $"expected a rate from 0 to {_maxRate} requests per second" : null;

    private string? CopiesOutOfRange(int copies) =>
        copies < 0 || copies > _context.Plan.Connections
            ? $"expected 0 to {_context.Plan.Connections} users (one connection each; the scenario has {_context.Plan.Connections} connections)"
            : null;

    /// <summary>Changes the virtual-user count for the rest of the current closed-model phase.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The count is negative or above the run's connections.</exception>
    /// <exception cref="InvalidOperationException">The current phase is not closed-model, or the run is warming up.</exception>
    public void SetCopies(int copies)
    {
        if (CopiesOutOfRange(copies) is { } message)
        {
            throw new ArgumentOutOfRangeException(nameof(copies), copies, message);
        }

        _driver.SetCopies(copies);
    }

    /// <summary>Stops sending: no new arrivals or user iterations, queued requests are abandoned,
    /// requests on the wire get up to the request timeout to answer. Idempotent.</summary>
    public void Stop() => EndEarly(RunOutcome.Stopped, "stopped on request");

    /// <summary>Ends the run early as completed, for a reason of the run's own (a sweep that found
    /// saturation has done its job): stops sending like <see cref="Stop"/>, and the summary's
    /// outcome is <see cref="RunOutcome.Completed"/> with <paramref name="reason"/> as its message.</summary>
    public void Finish(string reason) => EndEarly(RunOutcome.Completed, reason);

    /// <summary>Stops the run and waits for its summary.</summary>
    public async ValueTask DisposeAsync()
    {
        Stop();
        await Completion.ConfigureAwait(false);
    }

    private void EndEarly(RunOutcome outcome, string message)
    {
        if (Volatile.Read(ref _finished))
        {
            return;
        }

        if (Interlocked.CompareExchange(ref _outcome, (int)outcome, -1) == -1)
        {
            _outcomeMessage = message;
        }

        _context.RequestStop();
        _driver.Interrupt();
    }
}
