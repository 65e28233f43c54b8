using System.Text.Json.Serialization;
using Dashboard.EventLoop.Metrics;
using Dashboard.Load.Thresholds;

namespace Dashboard.Load.Statistics;

/// <summary>How a run ended.</summary>
public enum RunOutcome
{
    /// <summary>Every phase ran to its end, or the run finished early by its own rule
    /// (<see cref="Engine.LoadRun.Finish"/>, with the reason in the message).</summary>
    Completed,

    /// <summary><see cref="Engine.LoadRun.Stop"/> was called.</summary>
    Stopped,

    /// <summary>The run's cancellation token fired; requests in flight were cut off.</summary>
    Cancelled,

    /// <summary>A threshold with <c>abortOnFail</c> failed during the run.</summary>
    ThresholdAborted,
}

/// <summary>The whole-run result.</summary>
public sealed record RunSummary
{
    public string RunId { get; init; } = "";

    /// <summary>The prefix of every request's X-Correlation-Id (followed by "-" and a 12-digit sequence).</summary>
    public string CorrelationPrefix { get; init; } = "";

    public string Scenario { get; init; } = "";

    public RunOutcome Outcome { get; init; }

    /// <summary>Why the run ended early, when it did.</summary>
    public string? OutcomeMessage { get; init; }

    public DateTimeOffset StartedAt { get; init; }

    /// <summary>How long the measured run lasted (from the warm-up's end, drain included).</summary>
    public double DurationSeconds { get; init; }

    /// <summary>How long the warm-up ran before it (0 without one).</summary>
    public double WarmUpSeconds { get; init; }

    /// <summary>The warm-up's own figures, counted in nothing else (null without a warm-up): what the
    /// cold start cost.</summary>
    public LoadStatistics? WarmUp { get; init; }

    /// <summary>The seed used for Poisson arrivals and the request mix (give it to repeat the run).</summary>
    public int Seed { get; init; }

    public int Intervals { get; init; }

    /// <summary>The measured run's figures (the warm-up left out).</summary>
    public LoadStatistics Load { get; init; } = new();

    public IReadOnlyList<ThresholdResult> Thresholds { get; init; } = [];

    /// <summary>Things worth knowing about the measurement itself (clamped latencies, a detached callback …).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Every threshold passed (true when there are none).</summary>
    public bool Passed => Thresholds.All(t => t.Passed);

    /// <summary>Whole-run corrected latency in microseconds, for distribution charts.</summary>
    [JsonIgnore]
    public LogLinearHistogram? LatencyHistogram { get; init; }

    /// <summary>Whole-run raw latency in microseconds.</summary>
    [JsonIgnore]
    public LogLinearHistogram? RawLatencyHistogram { get; init; }
}
