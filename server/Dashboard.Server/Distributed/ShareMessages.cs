using Dashboard.Contracts.Runs;
using Dashboard.Load.Statistics;
using Dashboard.Server.Storage;

namespace Dashboard.Server.Distributed;

/// <summary>
/// Coordinator → one agent, request on <see cref="AgentSubjects.Start"/>: run this share of run
/// <see cref="RunId"/> (a scenario's JSON) from <see cref="StartAt"/> on the agent's own clock.
/// <see cref="LoopServer"/> is where the dashboard's embedded loop server is, for a workload or
/// inline target; the agent runs it only if it allows that origin.
/// </summary>
internal sealed record ShareOffer(string RunId, string Coordinator, string Scenario, string? LoopServer, DateTimeOffset StartAt) : IAgentMessage
{
    public const int MaxScenarioChars = 64 * 1024;

    public string? Problem() =>
        AgentSubjects.NameProblem(RunId) is { } run ? $"runId: {run}"
        : AgentWire.TextProblem(nameof(Coordinator), Coordinator)
        ?? (string.IsNullOrEmpty(Scenario) || Scenario.Length > MaxScenarioChars ? $"scenario: expected a scenario's JSON of at most {MaxScenarioChars} characters"
        : LoopServer is not null && !Uri.TryCreate(LoopServer, UriKind.Absolute, out _) ? $"loopServer: expected an absolute http:// address, got \"{LoopServer}\""
        : null);
}

/// <summary>An agent's answer to an offer or a change: accepted, or refused with the reason and the scenario's problems.</summary>
internal sealed record ShareAnswer(bool Accepted, string? Problem = null, IReadOnlyList<FieldError>? Errors = null) : IAgentMessage
{
    string? IAgentMessage.Problem() => Accepted || !string.IsNullOrEmpty(Problem) ? null : "problem: a refusal says why";
}

/// <summary>Coordinator → one agent, request on <see cref="AgentSubjects.Change"/>: its share of a new rate or user count.</summary>
internal sealed record ShareChange(string RunId, double? Rate, int? Users) : IAgentMessage
{
    public string? Problem() =>
        AgentSubjects.NameProblem(RunId) is { } run ? $"runId: {run}"
        : Rate is null && Users is null ? "expected a rate or users"
        : Rate is { } rate && !(rate >= 0 && double.IsFinite(rate)) ? $"rate: expected a number ≥ 0, got {rate}"
        : Users < 0 ? $"users: expected ≥ 0, got {Users}"
        : null;
}

/// <summary>Coordinator → one agent on <see cref="AgentSubjects.Stop"/>: stop your share of this run.</summary>
internal sealed record ShareStop(string RunId, string Reason) : IAgentMessage
{
    public string? Problem() => AgentSubjects.NameProblem(RunId) is { } run ? $"runId: {run}" : AgentWire.TextProblem(nameof(Reason), Reason);
}

/// <summary>
/// Agent → coordinator on <see cref="AgentSubjects.Intervals"/>: one interval of its share, with
/// its histograms (<see cref="LatencyIntervalCodec"/>, base64 in the JSON), which merge exactly.
/// </summary>
internal sealed record ShareInterval(string RunId, string Agent, string Instance, IntervalStatistics Interval, string Corrected, string Raw, string Lateness, IReadOnlyList<string> Kinds) : IAgentMessage
{
    public static ShareInterval Of(string runId, string agent, string instance, IntervalStatistics interval)
    {
        var histograms = interval.Histograms;
        return new ShareInterval(
            runId,
            agent,
            instance,
            interval with { Histograms = null },
            Encode(histograms?.Corrected),
            Encode(histograms?.Raw),
            Encode(histograms?.SendLateness),
            histograms?.Kinds.Select(k => Encode(k)).ToArray() ?? []);
    }

    public string? Problem() =>
        AgentSubjects.NameProblem(RunId) is { } run ? $"runId: {run}"
        : AgentSubjects.NameProblem(Agent) is { } agent ? $"agent: {agent}"
        : AgentWire.TextProblem(nameof(Instance), Instance)
        ?? (Interval is null ? "interval: expected the interval's figures"
        : Interval.Index is < 0 or > 10_000_000 ? $"interval.index: expected 0..10000000, got {Interval.Index}"
        : !(Interval.DurationSeconds >= 0 && Interval.DurationSeconds <= 3_600) ? $"interval.durationSeconds: expected 0..3600, got {Interval.DurationSeconds}"
        : Interval.Load is null ? "interval.load: expected the interval's load figures"
        : Interval.Load.Requests < 0 || Interval.Load.Sent < 0 || Interval.Load.Failures < 0 ? "interval.load: expected counts ≥ 0"
        : Kinds is null || Kinds.Count > 64 ? "kinds: expected at most 64 histograms"
        : null);

    /// <summary>The histograms back; throws <see cref="InvalidDataException"/> when they do not decode.</summary>
    public IntervalHistograms Histograms() => new(Decode(Corrected), Decode(Raw), Decode(Lateness)) { Kinds = Kinds.Select(Decode).ToArray() };

    private static string Encode(IReadOnlyList<Dashboard.EventLoop.Metrics.HistogramBucket>? buckets) =>
        Convert.ToBase64String(LatencyIntervalCodec.Encode(buckets ?? []));

    private static Dashboard.EventLoop.Metrics.HistogramBucket[] Decode(string text)
    {
        try
        {
            return LatencyIntervalCodec.Decode(Convert.FromBase64String(text ?? ""));
        }
        catch (FormatException ex)
        {
            throw new InvalidDataException("a histogram is not base64", ex);
        }
    }
}

/// <summary>Agent → coordinator on <see cref="AgentSubjects.Ended"/>: its share ended (how, and its own whole figures).</summary>
internal sealed record ShareEnded(string RunId, string Agent, string Instance, RunOutcome Outcome, string? Message, LoadStatistics? Load, double DurationSeconds, IReadOnlyList<string>? Warnings) : IAgentMessage
{
    public string? Problem() =>
        AgentSubjects.NameProblem(RunId) is { } run ? $"runId: {run}"
        : AgentSubjects.NameProblem(Agent) is { } agent ? $"agent: {agent}"
        : AgentWire.TextProblem(nameof(Instance), Instance)
        ?? (Message is { Length: > 4_000 } ? "message: expected at most 4000 characters" : null);
}

/// <summary>Coordinator → every agent on <see cref="AgentSubjects.Coordinator"/>: alive (an agent whose share's coordinator falls silent stops it).</summary>
internal sealed record CoordinatorBeat(string Instance) : IAgentMessage
{
    public string? Problem() => AgentWire.TextProblem(nameof(Instance), Instance);
}
