namespace Dashboard.Server.Telemetry;

/// <summary>
/// Every meter and instrument the dashboard publishes, with its unit and meaning: the one copy the
/// meters, the README's table (checked by a test) and the exporters' views read.
/// </summary>
internal static class MetricNames
{
    public const string LoopMeter = "Loopdash.Loop";
    public const string RunsMeter = "Loopdash.Runs";
    public const string LoopServerMeter = LoopServer.Serving.LoopServerMetrics.MeterName;

    public const string LoopTag = "loopdash.loop";
    public const string KindTag = "loopdash.task.kind";
    public const string RunTag = "loopdash.run.id";
    public const string ScenarioTag = "loopdash.scenario";

    public static readonly MetricName Utilization = new(LoopMeter, "loopdash.loop.utilization", "1", "Share of the latest interval the loop spent running callbacks (0..1), per loop.");
    public static readonly MetricName ReadyDepth = new(LoopMeter, "loopdash.loop.ready_queue.depth", "{task}", "Mean ready-queue depth over the latest interval, per loop.");
    public static readonly MetricName ReadyDepthMax = new(LoopMeter, "loopdash.loop.ready_queue.max_depth", "{task}", "Deepest ready queue in the latest interval, per loop.");
    public static readonly MetricName TimerLag = new(LoopMeter, "loopdash.loop.timer.lag.p99", "s", "99th percentile of timer lateness (due to noticed) in the latest interval, per loop.");
    public static readonly MetricName Steps = new(LoopMeter, "loopdash.loop.steps", "{step}", "Callbacks the loop ran, per loop.");
    public static readonly MetricName SlowSteps = new(LoopMeter, "loopdash.loop.slow_steps", "{step}", "Steps longer than the slow-step threshold (blockers), per loop.");
    public static readonly MetricName TasksActive = new(LoopMeter, "loopdash.loop.tasks.active", "{task}", "Tasks alive on the loop now, per loop.");
    public static readonly MetricName TasksCompleted = new(LoopMeter, "loopdash.loop.tasks.completed", "{task}", "Tasks the loop completed since start, per loop.");
    public static readonly MetricName TaskAwake = new(LoopMeter, "loopdash.task.awake.duration", "s", "Time a completed task spent running on the loop, by kind and loop.");
    public static readonly MetricName TaskWaiting = new(LoopMeter, "loopdash.task.waiting.duration", "s", "Time a completed task spent ready but queued behind other work, by kind and loop.");
    public static readonly MetricName TaskAsleep = new(LoopMeter, "loopdash.task.asleep.duration", "s", "Time a completed task spent suspended on I/O or a timer, by kind and loop.");

    public static readonly MetricName RunRequests = new(RunsMeter, "loopdash.run.requests", "{request}", "Requests a run completed (successes and failures), by run and scenario; the warm-up left out.");
    public static readonly MetricName RunErrors = new(RunsMeter, "loopdash.run.errors", "{request}", "Requests that failed (error status, timeout, refused, reset), by run and scenario.");
    public static readonly MetricName RunDropped = new(RunsMeter, "loopdash.run.dropped", "{request}", "Arrivals the engine could not send (no connection free in time), by run and scenario.");
    public static readonly MetricName RunLatency = new(RunsMeter, "loopdash.run.latency", "s", "Corrected latency (from the intended send time: coordinated omission corrected), by run and scenario.");
    public static readonly MetricName RunSendLateness = new(RunsMeter, "loopdash.run.send_lateness", "s", "How late requests went out after their intended time, by run and scenario.");
    public static readonly MetricName RunsActive = new(RunsMeter, "loopdash.runs.active", "{run}", "Runs going now.");

    public static readonly MetricName LoopServerRequestDuration = new(LoopServerMeter, LoopServer.Serving.LoopServerMetrics.RequestDuration, "s", "The embedded loop server's requests, by method, status code, route and task kind (OpenTelemetry's HTTP convention).");

    public static IReadOnlyList<MetricName> All { get; } =
    [
        Utilization, ReadyDepth, ReadyDepthMax, TimerLag, Steps, SlowSteps, TasksActive, TasksCompleted, TaskAwake, TaskWaiting, TaskAsleep,
        RunRequests, RunErrors, RunDropped, RunLatency, RunSendLateness, RunsActive, LoopServerRequestDuration,
    ];

    /// <summary>Boundaries (seconds) for the loop's task times: a step is often microseconds.</summary>
    public static IReadOnlyList<double> TaskTimeBoundaries { get; } =
        [0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    /// <summary>Boundaries (seconds) for request latency and lateness: OpenTelemetry's advice for HTTP durations, with sub-millisecond ones in front.</summary>
    public static IReadOnlyList<double> LatencyBoundaries { get; } =
        [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10, 30, 60];
}

/// <summary>One instrument: its meter, name (OpenTelemetry's convention, or the loopdash. prefix), unit (UCUM) and meaning.</summary>
internal sealed record MetricName(string Meter, string Name, string Unit, string Description);
