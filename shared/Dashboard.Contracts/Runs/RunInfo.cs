using System.Text.Json.Serialization;

namespace Dashboard.Contracts.Runs;

/// <summary>Where a run is in its life.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RunStatus>))]
public enum RunStatus
{
    Running,

    /// <summary>Every phase ran to its end.</summary>
    Completed,

    /// <summary>Stopped by a person (or the API) before the end.</summary>
    Stopped,

    /// <summary>A threshold marked abortOnFail failed during the run.</summary>
    ThresholdAborted,

    /// <summary>The run could not go on (its target failed, the host stopped).</summary>
    Failed,

    /// <summary>The process died while the run was going; marked at the next start.</summary>
    Aborted,

    /// <summary>
    /// The host shut down (Ctrl+C, SIGTERM) while the run was going: it was stopped, its requests
    /// in flight had the grace period to finish, and what it measured until then is kept, with the
    /// tasks still alive at the deadline (<see cref="RunInfo.Shutdown"/>).
    /// </summary>
    Interrupted,
}

/// <summary>A run as lists and the REST API show it: identity, state and key figures.</summary>
public sealed record RunInfo
{
    public required string Id { get; init; }

    public required string Scenario { get; init; }

    public string? Description { get; init; }

    public required RunStatus Status { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset? EndedAt { get; init; }

    public required double ElapsedSeconds { get; init; }

    /// <summary>Sum of the phases' durations, the warm-up included.</summary>
    public required double PlannedSeconds { get; init; }

    /// <summary>
    /// How long the scenario's warm-up runs (or ran) before the measured phases, in seconds; 0 without
    /// one. Snapshots of the warm-up carry <see cref="RunSnapshot.WarmUp"/>; the key figures, the
    /// verdict, the blockers and the thresholds leave it out.
    /// </summary>
    public double WarmUpSeconds { get; init; }

    /// <summary>Null while running (or without thresholds evaluated yet); true when every threshold passed.</summary>
    public bool? Passed { get; init; }

    /// <summary>Why the run ended the way it did, when that needs saying.</summary>
    public string? Message { get; init; }

    public required RunKeyFigures Key { get; init; }

    /// <summary>The target the load went to (the embedded loop server's address or an allow-listed URL).</summary>
    public string? Target { get; init; }

    /// <summary>Event loops the embedded loop server spread this run's connections over; null when the target was another server.</summary>
    public int? Loops { get; init; }

    /// <summary>For a run the host's shutdown cut off (<see cref="RunStatus.Interrupted"/>): the grace period and what was still alive at its end.</summary>
    public GracefulShutdownReport? Shutdown { get; init; }

    /// <summary>The design series this run belongs to (a scenario with <c>designs</c>); null for a run of its own.</summary>
    public RunSeriesMember? Series { get; init; }

    /// <summary>
    /// The host's resident memory when the run ended (its thread pool's threads included; a process
    /// pool's workers are apart, in <see cref="ProcessPool"/>); null while it runs and for older runs.
    /// </summary>
    public long? HostMemoryBytes { get; init; }

    /// <summary>What the host's process pool did during the run; null when it ran no <c>process</c> step.</summary>
    public RunProcessPool? ProcessPool { get; init; }

    /// <summary>The run read in plain words (healthy, saturated, blocked), with the figures it rests on.</summary>
    public RunVerdict? Verdict { get; init; }

    /// <summary>Predicted vs measured mean waiting of the run's requests so far.</summary>
    public WaitingPrediction? Prediction { get; init; }

    /// <summary>The blockers that caused the most waiting, worst first.</summary>
    public IReadOnlyList<BlockerSummary> Blockers { get; init; } = [];

    /// <summary>The single slow steps that caused the most waiting, with their victims, worst first.</summary>
    public IReadOnlyList<Loop.SlowStepInfo> WorstBlocks { get; init; } = [];

    /// <summary>The sweep's steps, best and worst case, for a scenario with a sweep phase.</summary>
    public SweepReport? Sweep { get; init; }

    /// <summary>
    /// For a run on agents: each agent by name with its share and what it measured (the run's own
    /// figures are the agents' merged). Null for a run of this dashboard's own engine.
    /// </summary>
    public IReadOnlyList<RunAgent>? Agents { get; init; }
}

/// <summary>One agent's part in a run on agents: its share, its state, and its own figures.</summary>
public sealed record RunAgent
{
    public required string Name { get; init; }

    public required string Host { get; init; }

    /// <summary><see cref="RunAgentStates"/>: running, done, lost or failed.</summary>
    public required string State { get; init; }

    /// <summary>Its share of the load (0..1): of every rate, user count and connection count.</summary>
    public required double Share { get; init; }

    /// <summary>Requests it completed, the warm-up left out.</summary>
    public long Requests { get; init; }

    /// <summary>The rate it achieved (completed requests per second) over its measured time.</summary>
    public double ThroughputPerSecond { get; init; }

    /// <summary>Failures as a fraction of its requests.</summary>
    public double ErrorRate { get; init; }

    /// <summary>Its corrected latency p99 (of its latest interval while running, of its whole share once done); null before its first answer.</summary>
    public double? LatencyP99Ms { get; init; }

    /// <summary>How late it sent its requests, p99: an agent that cannot keep up sends late.</summary>
    public double? SendLatenessP99Ms { get; init; }

    /// <summary>Its clock minus the coordinator's when the run started (its start time was moved by it).</summary>
    public double? ClockOffsetMs { get; init; }

    /// <summary>Intervals it reported; a lost agent's missing ones are missing from the merged figures, not counted as zero.</summary>
    public int Intervals { get; init; }

    /// <summary>Why it is lost or failed, or how it ended.</summary>
    public string? Message { get; init; }
}

/// <summary>The states of <see cref="RunAgent.State"/>.</summary>
public static class RunAgentStates
{
    public const string Running = "running";

    public const string Done = "done";

    /// <summary>It stopped heartbeating during the run: what it sent until then counts, the rest is missing.</summary>
    public const string Lost = "lost";

    /// <summary>It refused its share or its engine failed.</summary>
    public const string Failed = "failed";
}

/// <summary>One kind of blocker over a run: its slow steps, how long they held the loop, and their victims.</summary>
public sealed record BlockerSummary(
    string Kind,
    int Steps,
    double MeanHeldMs,
    long Victims,
    double VictimWaitingMs,
    double MeanWaitingPerVictimMs,
    IReadOnlyDictionary<string, double> WaitingByVictimKind)
{
    /// <summary>The loop these blocks held; with several loops a kind has a row per loop it blocked.</summary>
    public int Loop { get; init; }
}

/// <summary>
/// What a graceful shutdown left behind: the loop server stopped accepting, requests in flight had
/// <see cref="GraceSeconds"/> to finish, and these tasks were still alive at the deadline (fire-and-forget
/// children included; the server's own accept and connection tasks left out).
/// </summary>
public sealed record GracefulShutdownReport
{
    public required double GraceSeconds { get; init; }

    /// <summary>Requests the loop server was serving when the shutdown began.</summary>
    public required long RequestsInFlightAtStart { get; init; }

    /// <summary>Requests it was still serving at the deadline.</summary>
    public required long RequestsInFlightAtDeadline { get; init; }

    /// <summary>Tasks alive on the loops at the deadline.</summary>
    public required int TasksAlive { get; init; }

    /// <summary>The oldest of them (at most <c>LoopServer:MaxShutdownTasksListed</c>).</summary>
    public required IReadOnlyList<Loop.LiveTask> Tasks { get; init; }
}

/// <summary>The handful of figures a run list shows.</summary>
public sealed record RunKeyFigures
{
    public long Requests { get; init; }

    public double ThroughputPerSecond { get; init; }

    /// <summary>Failures as a fraction (0..1) of the requests that ended.</summary>
    public double ErrorRate { get; init; }

    public double LatencyP50Ms { get; init; }

    public double LatencyP99Ms { get; init; }

    /// <summary>Waiting p99 of the request tasks on the loop (ms).</summary>
    public double WaitingP99Ms { get; init; }

    /// <summary>Mean loop utilization over the run, 0..1.</summary>
    public double LoopUtilization { get; init; }
}

/// <summary>Body of <c>PATCH /api/runs/{id}</c> and of the hub's change call: a new rate or user count.</summary>
public sealed record RunChange
{
    /// <summary>New arrival rate (requests/s) for the current open-model phase.</summary>
    public double? Rate { get; init; }

    /// <summary>New virtual-user count for the current closed-model phase.</summary>
    public int? Users { get; init; }
}

/// <summary>What <c>POST /api/runs</c> answers (201).</summary>
public sealed record RunCreated(string Id, string Location, string LiveHub)
{
    /// <summary>For a scenario with <c>designs</c>: the series this first run starts (<c>GET /api/series/{id}</c>).</summary>
    public string? Series { get; init; }
}

/// <summary>A 400 answer: every problem with its field path.</summary>
public sealed record ValidationProblem(string Title, IReadOnlyList<FieldError> Errors);

/// <summary>One problem: the JSON path of the field and what was expected.</summary>
public sealed record FieldError(string Path, string Message);

/// <summary>
/// A run read in plain words. Kind is "healthy", "saturated", "blocked" or "no-data"; Text names
/// the figures it rests on, which Figures holds by name.
/// </summary>
public sealed record RunVerdict(string Kind, string Text, IReadOnlyDictionary<string, double> Figures);

/// <summary>
/// Predicted mean waiting beside the measured one for an interval or a run: M/G/1
/// (Pollaczek–Khinchine) and Kingman's G/G/1, from the measured service time on the loop.
/// The predictions are null when utilization is 1 or more: there is no steady state, waiting
/// grows without bound (JSON has no number for infinity).
/// </summary>
public sealed record WaitingPrediction(
    double ArrivalsPerSecond,
    double ServiceMeanMs,
    double ServiceCv2,
    double Utilization,
    double? PredictedMgOneMs,
    double? PredictedKingmanMs,
    double MeasuredMeanMs)
{
    /// <summary>
    /// Loops predicted, each as an independent M/G/1 queue fed by its share of the requests (a
    /// connection stays on its loop, so a ready task never moves to an idle one); 1 for one loop.
    /// Utilization and the predictions are then the loops' own, weighted by their shares.
    /// </summary>
    public int Queues { get; init; } = 1;
}
