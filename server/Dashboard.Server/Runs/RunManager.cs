using System.Security.Cryptography;
using Dashboard.Contracts.Runs;
using Dashboard.Load;
using Dashboard.Load.Engine;
using Dashboard.Load.Scenarios;
using Dashboard.Load.Statistics;
using Dashboard.Load.Thresholds;
using Dashboard.LoopServer;
using Dashboard.LoopServer.Workloads.Processes;
using Dashboard.Server.Distributed;
using Dashboard.Server.Loop;
using Microsoft.Extensions.Options;

namespace Dashboard.Server.Runs;

/// <summary>
/// Starts, steers and keeps runs: validates scenarios, points embedded targets at the loop
/// server, joins each run to the loop's telemetry, publishes a snapshot per interval, and keeps
/// a bounded set of recent runs in memory.
/// </summary>
internal sealed partial class RunManager(
    LoopServerHost loopServer,
    LoopTelemetry telemetry,
    LoopSpread spread,
    ProcessPoolHost processPool,
    AgentRuns agentRuns,
    IOptions<LoopServerOptions> loopServerOptions,
    IOptions<RunOptions> options,
    IOptions<LoadEngineOptions> engineOptions,
    TimeProvider time,
    ILogger<RunManager> logger) : IRunEvents, IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly List<ManagedRun> _runs = []; // oldest first
    private LoadEngine? _engine;

    /// <summary>Raised on the engine's reporting thread after each interval. Handlers must be quick.</summary>
    public event Action<RunSnapshot>? SnapshotPublished;

    /// <summary>
    /// Raised on the engine's reporting thread with each interval's own figures and histograms,
    /// before its snapshot (exporters: metrics, latency logs). Handlers must be quick and must not throw.
    /// </summary>
    public event Action<ManagedRun, IntervalStatistics>? IntervalMeasured;

    /// <summary>Raised when a run starts or ends.</summary>
    public event Action<RunInfo>? RunChanged;

    private LoadEngine Engine
    {
        get
        {
            lock (_gate)
            {
                // Built on first use: the embedded target is wherever the loop server actually listens.
                return _engine ??= new LoadEngine(EngineOptionsFor(loopServer.BaseAddress), time);
            }
        }
    }

    public ScenarioValidationResult Validate(string json) => Engine.Validator.Parse(json);

    /// <summary>
    /// Starts a run; for a scenario with <c>designs</c>, starts its series (the first design's run,
    /// returned, and the others after it, one by one).
    /// </summary>
    public async Task<ManagedRun> StartAsync(ScenarioValidationResult validated, CancellationToken cancellationToken = default)
    {
        if (!validated.IsValid)
        {
            throw new ScenarioValidationException(validated.Errors);
        }

        return validated.Scenario!.Designs is { Count: > 0 }
            ? await StartSeriesAsync(validated.Scenario, cancellationToken)
            : await StartOneAsync(validated, null, cancellationToken);
    }

    private async Task<ManagedRun> StartOneAsync(ScenarioValidationResult validated, RunSeriesMember? series, CancellationToken cancellationToken)
    {
        var scenario = validated.Scenario!;
        var id = NewRunId();
        var plan = LoadPlanBuilder.Build(scenario, Engine.Options);
        var planned = plan.TotalDuration.TotalSeconds;
        var target = scenario.Target?.Url ?? loopServer.BaseAddress.ToString();
        int? loops = scenario.Target?.Url is null ? scenario.Loops ?? loopServerOptions.Value.Loops : null;
        var window = new RunTaskWindow(id, options.Value, seed: id.GetHashCode(StringComparison.Ordinal), warmUp: plan.WarmUp > TimeSpan.Zero);
        var run = new ManagedRun(id, scenario, planned, target, window, options.Value, time, plan.Sweep, plan.WarmUp.TotalSeconds, loops) { Series = series };
        lock (_gate)
        {
            if (_runs.Count(r => r.IsRunning) >= options.Value.MaxConcurrentRuns)
            {
                throw new RunCapacityException($"{options.Value.MaxConcurrentRuns} runs are already going (Runs:MaxConcurrentRuns); stop one first.");
            }

            _runs.Add(run);
            TrimFinished();
        }

        // The run's connections are opened by the engine after this: the spread applies to all of them.
        var subscription = new Subscriptions(telemetry.Observe(window), loops is { } count ? spread.Use(count) : null);
        IRunLoad load;
        void OnInterval(IntervalStatistics interval)
        {
            IntervalMeasured?.Invoke(run, interval);
            Publish(run.OnInterval(interval));
        }

        try
        {
            // A scenario for agents never runs on this dashboard's own engine in their place.
            load = scenario.Agents is not null
                ? await agentRuns.StartAsync(id, scenario, loopServer.BaseAddress, plan.Interval, plan.WarmUp, plan.WarmUp + plan.TotalDuration, OnInterval, window.LoopMetrics, cancellationToken)
                : new LocalRunLoad(await Engine.StartAsync(validated, new LoadRunOptions
                {
                    RunId = id,
                    LoopMetrics = new LoopMetricsSource(window.LoopMetrics),
                    OnInterval = OnInterval,
                }, cancellationToken));
        }
        catch (Exception ex)
        {
            subscription.Dispose();
            var failed = run.Fail($"could not start: {ex.Message}");
            RunChanged?.Invoke(failed);
            if (ex is AgentRunRefusedException refused)
            {
                throw new ScenarioValidationException(refused.Errors.Select(e => new ScenarioError(e.Path, e.Message)).ToArray());
            }

            throw;
        }

        run.Attach(load);
        LogStarted(logger, id, scenario.Name, target);
        RunChanged?.Invoke(run.Info());
        // The pool's totals now: at the end the run keeps what the pool did meanwhile.
        var poolMark = scenario.Target?.Url is null ? processPool.Mark() : null;
        _ = WatchAsync(run, load, subscription, poolMark);
        return run;
    }

    public IReadOnlyList<RunInfo> List()
    {
        lock (_gate)
        {
            return _runs.Select(r => r.Info()).Reverse().ToArray();
        }
    }

    /// <summary>The runs going now.</summary>
    public IReadOnlyList<ManagedRun> Running()
    {
        lock (_gate)
        {
            return _runs.Where(r => r.IsRunning).ToArray();
        }
    }

    /// <summary>Tells every listener (the recorder, the pages) the run's info again, after something was added to it.</summary>
    public void Announce(ManagedRun run) => RunChanged?.Invoke(run.Info());

    public ManagedRun? Find(string id)
    {
        lock (_gate)
        {
            return _runs.FirstOrDefault(r => r.Id == id);
        }
    }

    public async ValueTask DisposeAsync()
    {
        ManagedRun[] running;
        lock (_gate)
        {
            running = _runs.Where(r => r.IsRunning).ToArray();
        }

        foreach (var run in running)
        {
            run.Stop();
        }

        var deadline = time.GetUtcNow() + TimeSpan.FromSeconds(10);
        while (running.Any(r => r.IsRunning) && time.GetUtcNow() < deadline)
        {
            await Task.Delay(20);
        }
    }

    /// <summary>What a run holds while it lives: its telemetry subscription and its loop spread.</summary>
    private sealed class Subscriptions(IDisposable telemetry, IDisposable? spread) : IDisposable
    {
        public void Dispose()
        {
            telemetry.Dispose();
            spread?.Dispose();
        }
    }

    private async Task WatchAsync(ManagedRun run, IRunLoad load, IDisposable subscription, ProcessPoolFigures? poolMark)
    {
        RunInfo info;
        try
        {
            var summary = await load.Completion;
            run.AttachEndMemory(Environment.WorkingSet, poolMark is null ? null : processPool.Since(poolMark));

            info = run.Complete(summary);
        }
        catch (Exception ex)
        {
            info = run.Fail($"the engine failed: {ex.Message}");
        }
        finally
        {
            subscription.Dispose();
            if (load is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync();
            }
        }

        LogEnded(logger, run.Id, info.Status.ToString(), info.Passed);
        RunChanged?.Invoke(info);
    }

    private void Publish(RunSnapshot snapshot)
    {
        try
        {
            SnapshotPublished?.Invoke(snapshot);
        }
        catch (Exception ex)
        {
            // A subscriber's failure must never stop the run's reporting.
            LogPublishFailed(logger, snapshot.RunId, ex.Message);
        }
    }

    /// <summary>Keeps at most Runs:MaxRunsInMemory runs; the oldest finished ones go first, never a running one.</summary>
    private void TrimFinished()
    {
        while (_runs.Count > options.Value.MaxRunsInMemory)
        {
            var oldest = _runs.FirstOrDefault(r => !r.IsRunning);
            if (oldest is null)
            {
                return;
            }

            _runs.Remove(oldest);
        }
    }

    private LoadEngineOptions EngineOptionsFor(Uri loopServerAddress)
    {
        var configured = engineOptions.Value;
        configured.LoopServerAddress = loopServerAddress;
        return configured;
    }

    private string NewRunId() =>
        $"{time.GetUtcNow():yyyyMMdd-HHmmss}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}";

    [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "Run {RunId} started: scenario '{Scenario}' against {Target}")]
    private static partial void LogStarted(ILogger logger, string runId, string scenario, string target);

    [LoggerMessage(EventId = 201, Level = LogLevel.Information, Message = "Run {RunId} ended: {Status}, thresholds passed: {Passed}")]
    private static partial void LogEnded(ILogger logger, string runId, string status, bool? passed);

    [LoggerMessage(EventId = 202, Level = LogLevel.Warning, Message = "A snapshot subscriber of run {RunId} failed: {Message}")]
    private static partial void LogPublishFailed(ILogger logger, string runId, string message);
}

/// <summary>What live delivery listens to: a snapshot per run interval, and run starts and ends.</summary>
internal interface IRunEvents
{
    event Action<RunSnapshot>? SnapshotPublished;

    /// <summary>Each interval's own figures and histograms, on the engine's reporting thread, before its snapshot.</summary>
    event Action<ManagedRun, IntervalStatistics>? IntervalMeasured;

    event Action<RunInfo>? RunChanged;
}

/// <summary>Refusal to start a run beyond Runs:MaxConcurrentRuns.</summary>
internal sealed class RunCapacityException(string message) : InvalidOperationException(message);
