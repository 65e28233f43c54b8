using Dashboard.Contracts.Runs;
using Dashboard.Contracts.Scenarios;
using Dashboard.Load.Statistics;

namespace Dashboard.Server.Distributed;

/// <summary>One agent's part in a run on agents, as the coordinator follows it (mutated under the run's lock).</summary>
internal sealed class RunParticipant(string name, string instance, string host, double share, ScenarioDefinition scenario, double? clockOffsetMs)
{
    public string Name { get; } = name;

    public string Instance { get; } = instance;

    public string Host { get; } = host;

    /// <summary>Its share of the load, 0..1.</summary>
    public double Share { get; } = share;

    /// <summary>Its scenario: the run's with its share of every rate, user count and connection.</summary>
    public ScenarioDefinition Scenario { get; } = scenario;

    public double? ClockOffsetMs { get; } = clockOffsetMs;

    public string State { get; set; } = RunAgentStates.Running;

    public string? Message { get; set; }

    public int Intervals { get; set; }

    /// <summary>Requests and failures it reported, the warm-up left out.</summary>
    public long Requests { get; set; }

    public long Failures { get; set; }

    /// <summary>Measured seconds it reported, the warm-up left out.</summary>
    public double MeasuredSeconds { get; set; }

    /// <summary>Its latest interval's figures.</summary>
    public LoadStatistics? Latest { get; set; }

    /// <summary>Its own whole share's figures, once it said it ended.</summary>
    public ShareEnded? Ended { get; set; }

    public bool Active => State == RunAgentStates.Running;

    public RunAgent ToContract()
    {
        var whole = Ended?.Load;
        var seconds = Ended is { DurationSeconds: > 0 } ended ? ended.DurationSeconds : MeasuredSeconds;
        var requests = whole?.Requests ?? Requests;
        var failures = whole?.Failures ?? Failures;
        return new RunAgent
        {
            Name = Name,
            Host = Host,
            State = State,
            Share = Share,
            Requests = requests,
            ThroughputPerSecond = seconds > 0 ? requests / seconds : 0,
            ErrorRate = requests > 0 ? (double)failures / requests : 0,
            LatencyP99Ms = (whole ?? Latest) is { Latency.Count: > 0 } figures ? figures.Latency.P99 : null,
            SendLatenessP99Ms = (whole ?? Latest) is { SendLateness.Count: > 0 } sent ? sent.SendLateness.P99 : null,
            ClockOffsetMs = ClockOffsetMs,
            Intervals = Intervals,
            Message = Message,
        };
    }
}
