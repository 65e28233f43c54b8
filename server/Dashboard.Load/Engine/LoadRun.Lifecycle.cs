using System.Diagnostics;
using System.Net;
using Dashboard.Contracts.Scenarios;
using Dashboard.Load.Http;
using Dashboard.Load.Scenarios;
using Dashboard.Load.Statistics;
using Dashboard.Load.Thresholds;

namespace Dashboard.Load.Engine;

public sealed partial class LoadRun
{
    private const int MaxPrefixChars = 32;

    private readonly LoadEngineOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly HttpConnection[] _connections;
    private readonly ConnectionWorker[] _workers;
    private readonly ILoopMetricsSource? _loopMetrics;
    private readonly CancellationTokenSource _reporterStop = new();
    private Timer? _watchdog;

    internal LoadRun(
        ScenarioDefinition scenario, LoadPlan plan, LoadEngineOptions options, LoadRunOptions runOptions, EndPoint endPoint, TimeProvider timeProvider)
    {
        _options = options;
        _timeProvider = timeProvider;
        _maxRate = options.MaxRate;
        _loopMetrics = runOptions.LoopMetrics;
        Scenario = scenario;
        RunId = runOptions.RunId ?? Guid.NewGuid().ToString("N")[..12];
        CorrelationPrefix = Sanitize(RunId);
        Seed = plan.Seed ?? Random.Shared.Next();

        RequestTemplate[] templates = plan.Kinds.Select(k => RequestTemplate.Create(k, plan.Origin.Authority, CorrelationPrefix)).ToArray();
        RequestTemplate[] warmUpTemplates = plan.Kinds.Select(k => RequestTemplate.Create(k, plan.Origin.Authority, WarmUpCorrelationPrefix)).ToArray();
        int sendBufferBytes = Math.Max(templates.Max(t => t.Length), warmUpTemplates.Max(t => t.Length));
        long highestMicroseconds = (long)options.HighestTrackableLatency.TotalMicroseconds;
        _context = new RunContext(plan, templates, warmUpTemplates, new StatisticsRecorder(plan.Kinds.Count, highestMicroseconds));
        _connections = new HttpConnection[plan.Connections];
        _workers = new ConnectionWorker[plan.Connections];
        for (int i = 0; i < plan.Connections; i++)
        {
            _connections[i] = new HttpConnection(endPoint, plan.RequestTimeout, sendBufferBytes, options.ReceiveBufferBytes);
            _workers[i] = new ConnectionWorker(_context, _connections[i], unchecked(Seed + 1 + i));
        }

        _driver = new LoadDriver(_context, options.SchedulerSpinThreshold, Seed);
        _reporter = new IntervalReporter(
            _context,
            _driver,
            options.IntervalChannelCapacity,
            highestMicroseconds,
            runOptions.OnInterval,
            runOptions.LoopMetrics,
            message => EndEarly(RunOutcome.ThresholdAborted, message));
    }

    internal async Task StartAsync(CancellationToken cancellationToken)
    {
        // The watchdog runs from the first connect, so a silent host cannot stall the start.
        TimeSpan period = TimeSpan.FromTicks(Math.Clamp(_context.Plan.RequestTimeout.Ticks / 8, TimeSpan.TicksPerMillisecond * 5, TimeSpan.TicksPerMillisecond * 100));
        _watchdog = new Timer(_ => CheckTimeouts(), null, period, period);

        // Connect first, as wrk does, so the first arrivals do not pay for the handshakes.
        await Task.WhenAll(_connections.Select(c => c.WarmUpAsync())).ConfigureAwait(false);

        StartedAt = _timeProvider.GetUtcNow();
        long start = Stopwatch.GetTimestamp();
        _context.BeginAt(start);
        Task[] workers = _workers.Select(w => Task.Run(w.RunAsync)).ToArray();
        _driver.Start(start);
        Task reporter = _reporter.RunAsync(_reporterStop.Token);
        CancellationTokenRegistration registration = cancellationToken.Register(Cancel);
        Completion = RunToEndAsync(start, workers, reporter, registration);
    }

    private async Task<RunSummary> RunToEndAsync(long start, Task[] workers, Task reporter, CancellationTokenRegistration registration)
    {
        try
        {
            await _driver.Completion.ConfigureAwait(false);
            _context.Queue.Writer.TryComplete();
            Task all = Task.WhenAll(workers);

            // Requests scheduled before the end are still sent, for a while; then the queue is
            // given up and what is on the wire gets its timeout; then it is cut off.
            TimeSpan queueBudget = _options.MaxDrainTime < _context.Plan.RequestTimeout ? _options.MaxDrainTime : _context.Plan.RequestTimeout;
            if (!await FinishesWithin(all, queueBudget).ConfigureAwait(false))
            {
                _context.StopQueuedWork();
                if (!await FinishesWithin(all, _context.Plan.RequestTimeout + TimeSpan.FromSeconds(1)).ConfigureAwait(false))
                {
                    AbortConnections();
                    await all.ConfigureAwait(false);
                }
            }

            await _reporterStop.CancelAsync().ConfigureAwait(false);
            await reporter.ConfigureAwait(false);
            _reporter.Finish();
            return BuildSummary(start);
        }
        finally
        {
            Volatile.Write(ref _finished, true);
            await registration.DisposeAsync().ConfigureAwait(false);
            if (_watchdog is not null)
            {
                await _watchdog.DisposeAsync().ConfigureAwait(false);
            }

            AbortConnections();
            _driver.Dispose();
            _reporterStop.Dispose();
        }
    }

    private RunSummary BuildSummary(long start)
    {
        // The measured run starts where the warm-up ends (a run stopped during it measured nothing).
        long now = Stopwatch.GetTimestamp();
        long measuredFrom = Math.Min(Math.Max(start, _context.MeasuredFrom), now);
        double seconds = (double)(now - measuredFrom) / Stopwatch.Frequency;
        double warmUpSeconds = (double)(measuredFrom - start) / Stopwatch.Frequency;
        LoadAccumulator totals = _reporter.Totals;
        string[] kindNames = _context.Plan.Kinds.Select(k => k.Name).ToArray();
        LoadStatistics load = StatisticsBuilder.Build(totals, seconds, kindNames);
        var warnings = new List<string>(_reporter.Warnings);
        if (totals.Corrected.ClampedCount > 0)
        {
            warnings.Add($"{totals.Corrected.ClampedCount} latencies above {_options.HighestTrackableLatency} were recorded as that value (LoadEngineOptions.HighestTrackableLatency).");
        }

        IReadOnlyDictionary<string, double>? loop = null;
        if (_loopMetrics is not null && _context.Plan.Thresholds.Any(t => ThresholdMetrics.IsLoopMetric(t.Metric)))
        {
            try
            {
                loop = _loopMetrics.GetLoopMetrics();
            }
            catch (Exception ex)
            {
                warnings.Add($"The loop metrics source failed: {ex.GetType().Name}: {ex.Message}");
            }
        }

        RunOutcome outcome = _outcome < 0 ? RunOutcome.Completed : (RunOutcome)_outcome;
        return new RunSummary
        {
            RunId = RunId,
            CorrelationPrefix = CorrelationPrefix,
            Scenario = _context.Plan.Name,
            Outcome = outcome,
            OutcomeMessage = _outcome < 0 ? null : _outcomeMessage,
            StartedAt = StartedAt,
            DurationSeconds = seconds,
            WarmUpSeconds = warmUpSeconds,
            WarmUp = warmUpSeconds > 0 ? StatisticsBuilder.Build(_reporter.WarmUpTotals, warmUpSeconds, kindNames) : null,
            Seed = Seed,
            Intervals = _reporter.Intervals,
            Load = load,
            Thresholds = ThresholdEvaluator.Evaluate(_context.Plan.Thresholds, load, loop),
            Warnings = warnings,
            LatencyHistogram = totals.Corrected,
            RawLatencyHistogram = totals.Raw,
        };
    }

    private void Cancel()
    {
        EndEarly(RunOutcome.Cancelled, "cancelled");
        AbortConnections();
    }

    private void AbortConnections()
    {
        foreach (HttpConnection connection in _connections)
        {
            connection.Abort();
        }
    }

    private void CheckTimeouts()
    {
        long now = Stopwatch.GetTimestamp();
        foreach (HttpConnection connection in _connections)
        {
            connection.CheckTimeout(now);
        }
    }

    private static async Task<bool> FinishesWithin(Task task, TimeSpan budget)
    {
        if (task.IsCompleted)
        {
            return true;
        }

        using var timeout = new CancellationTokenSource(budget);
        Task winner = await Task.WhenAny(task, Task.Delay(Timeout.Infinite, timeout.Token)).ConfigureAwait(false);
        return winner == task;
    }

    private static string Sanitize(string runId)
    {
        var chars = runId.Take(MaxPrefixChars)
            .Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_')
            .ToArray();
        return chars.Length == 0 ? "run" : new string(chars);
    }
}
