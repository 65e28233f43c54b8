using System.Diagnostics;
using Dashboard.Contracts.Runs;
using Dashboard.EventLoop;
using Dashboard.Server.Runs;

namespace Dashboard.Server.Telemetry;

/// <summary>
/// Runs as OpenTelemetry traces (source <see cref="SourceName"/>): a run is one activity from its
/// start to its end, and each interval's sampled tasks (the slowest and a few at random, as on the
/// run page) are its children, each with one child per awake / waiting / asleep span, at the times
/// they happened. The same tasks as the Chrome trace file, for Jaeger or Aspire beside the rest of a
/// user's system; the task's correlation id finds the request that made it. Costs nothing while no
/// tracer listens.
/// </summary>
internal sealed class RunTracer : IHostedService, IDisposable
{
    public const string SourceName = "Loopdash.Runs";

    private readonly ActivitySource _source = new(SourceName);
    private readonly RunManager _runs;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, TracedRun> _traced = new(StringComparer.Ordinal); // runs going: at most Runs:MaxConcurrentRuns

    public RunTracer(RunManager runs) => _runs = runs;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _runs.RunChanged += OnRunChanged;
        _runs.SnapshotPublished += OnSnapshot;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _runs.RunChanged -= OnRunChanged;
        _runs.SnapshotPublished -= OnSnapshot;
        TracedRun[] left;
        lock (_gate)
        {
            left = [.. _traced.Values];
            _traced.Clear();
        }

        foreach (var run in left)
        {
            run.Activity.SetTag("loopdash.run.status", "host stopping");
            run.Activity.Stop();
        }

        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _runs.RunChanged -= OnRunChanged;
        _runs.SnapshotPublished -= OnSnapshot;
        _source.Dispose();
    }

    internal void OnRunChanged(RunInfo info)
    {
        if (!_source.HasListeners())
        {
            return;
        }

        TracedRun? run;
        lock (_gate)
        {
            if (!_traced.TryGetValue(info.Id, out run))
            {
                run = Begin(info);
                if (run is null)
                {
                    return;
                }

                _traced[info.Id] = run;
            }

            if (info.Status == RunStatus.Running)
            {
                return;
            }

            _traced.Remove(info.Id);
        }

        End(run.Activity, info);
    }

    internal void OnSnapshot(RunSnapshot snapshot)
    {
        TracedRun? run;
        lock (_gate)
        {
            if (snapshot.Samples.Count == 0 || !_traced.TryGetValue(snapshot.RunId, out run))
            {
                return;
            }
        }

        foreach (var task in snapshot.Samples)
        {
            if (task.CreatedAtMs is { } createdAtMs)
            {
                TraceTask(run, task, run.OpenedAt.AddMilliseconds(createdAtMs));
            }
        }
    }

    /// <summary>The run's activity, a root of its own trace (not a child of the request that started it), begun when its window opened.</summary>
    private TracedRun? Begin(RunInfo info)
    {
        var opened = _runs.Find(info.Id) is { } managed
            ? DateTimeOffset.UtcNow - LoopClock.ToTimeSpan(LoopClock.Now - managed.Window.OpenedAt)
            : info.StartedAt;
        var current = Activity.Current;
        Activity.Current = null;
        try
        {
            var activity = _source.StartActivity($"run {info.Scenario}", ActivityKind.Internal, default(ActivityContext), startTime: opened);
            if (activity is null)
            {
                return null;
            }

            activity.SetTag(MetricNames.RunTag, info.Id);
            activity.SetTag(MetricNames.ScenarioTag, info.Scenario);
            activity.SetTag("loopdash.run.target", info.Target);
            return new TracedRun(activity, opened);
        }
        finally
        {
            Activity.Current = current;
        }
    }

    private static void End(Activity activity, RunInfo info)
    {
        activity.SetTag("loopdash.run.status", info.Status.ToString());
        activity.SetTag("loopdash.run.requests", info.Key.Requests);
        activity.SetTag("loopdash.run.latency.p99_ms", info.Key.LatencyP99Ms);
        activity.SetTag("loopdash.run.waiting.p99_ms", info.Key.WaitingP99Ms);
        if (info.Passed is { } passed)
        {
            activity.SetTag("loopdash.run.passed", passed);
        }

        if (info.Status is RunStatus.Failed or RunStatus.Aborted || info.Passed == false)
        {
            activity.SetStatus(ActivityStatusCode.Error, info.Message ?? "thresholds failed");
        }

        if (info.EndedAt is { } ended)
        {
            activity.SetEndTime(ended.UtcDateTime);
        }

        activity.Stop();
    }

    /// <summary>A sampled task and its spans, children of the run, laid out where they happened.</summary>
    private void TraceTask(TracedRun run, TaskSample task, DateTimeOffset created)
    {
        var current = Activity.Current;
        try
        {
            using var activity = _source.StartActivity($"task {task.Kind}", ActivityKind.Internal, run.Activity.Context, startTime: created);
            if (activity is null)
            {
                return;
            }

            activity.SetTag("loopdash.task.id", task.Id);
            activity.SetTag("loopdash.task.name", task.Name);
            activity.SetTag(MetricNames.KindTag, task.Kind);
            activity.SetTag(MetricNames.LoopTag, task.Loop);
            activity.SetTag("loopdash.task.sample", task.Reason);
            activity.SetTag("loopdash.task.outcome", task.Outcome);
            activity.SetTag("loopdash.task.awake_ms", task.AwakeMs);
            activity.SetTag("loopdash.task.waiting_ms", task.WaitingMs);
            activity.SetTag("loopdash.task.asleep_ms", task.AsleepMs);
            activity.SetTag("loopdash.correlation_id", task.CorrelationId);
            if (task.Outcome != nameof(TaskOutcome.RanToCompletion))
            {
                activity.SetStatus(ActivityStatusCode.Error, task.Outcome);
            }

            foreach (var span in task.Timeline)
            {
                var start = created.AddMilliseconds(span.StartMs);
                using var part = _source.StartActivity(span.State, ActivityKind.Internal, activity.Context, startTime: start);
                part?.SetEndTime(start.AddMilliseconds(span.DurationMs).UtcDateTime);
            }

            activity.SetEndTime(created.AddMilliseconds(task.LifetimeMs).UtcDateTime);
        }
        finally
        {
            Activity.Current = current;
        }
    }

    private sealed record TracedRun(Activity Activity, DateTimeOffset OpenedAt);
}
