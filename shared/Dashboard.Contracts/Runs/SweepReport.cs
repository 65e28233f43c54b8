namespace Dashboard.Contracts.Runs;

/// <summary>
/// Where a sweep stands: its steps so far, the best case (highest rate within the waiting budget),
/// the knee (highest rate the loop kept up with) and the worst case (where saturation began and
/// how fast waiting and the backlog grew beyond it).
/// </summary>
public sealed record SweepReport
{
    /// <summary>"running", "saturated" (the stop rule ended it) or "completed" (it reached its last rate).</summary>
    public required string Status { get; init; }

    /// <summary>The waiting budget of the best case (ms of waiting p99).</summary>
    public required double BudgetMs { get; init; }

    /// <summary>Where the budget comes from, in words ("scenario" or "0.25 × mean service time 1.04 ms").</summary>
    public required string BudgetSource { get; init; }

    /// <summary>Waiting p99 of one interval that stops the sweep (ms).</summary>
    public required double StopWaitingP99Ms { get; init; }

    /// <summary>Intervals in a row of a growing backlog that stop the sweep.</summary>
    public required int StopGrowingIntervals { get; init; }

    /// <summary>Steps planned (the sweep may stop before the last).</summary>
    public required int PlannedSteps { get; init; }

    /// <summary>Steps measured so far, lowest rate first (the running step last, marked incomplete).</summary>
    public required IReadOnlyList<SweepStep> Steps { get; init; }

    /// <summary>The highest step whose waiting p99 stayed within the budget; null if none did.</summary>
    public SweepBestCase? Best { get; init; }

    /// <summary>Offered rate of the highest step the loop kept up with (achieved ≈ offered, backlog flat); null before one did.</summary>
    public double? KneeRate { get; init; }

    /// <summary>Where saturation began and how fast things grew beyond it; null while the loop keeps up.</summary>
    public SweepWorstCase? Worst { get; init; }

    /// <summary>Why the sweep stopped, in words, once the stop rule fired.</summary>
    public string? StopReason { get; init; }

    /// <summary>
    /// Seconds at the sweep's start counted in no step: its first interval, and the ones after it
    /// until answers came back (within the first step), while connections open and code compiles.
    /// </summary>
    public double WarmUpSeconds { get; init; }
}

/// <summary>One step of a sweep: the rate it offered and what the loop made of it.</summary>
public sealed record SweepStep
{
    public required int Index { get; init; }

    /// <summary>Requests per second the engine aimed at.</summary>
    public required double OfferedRate { get; init; }

    /// <summary>Requests per second that finished.</summary>
    public required double AchievedRate { get; init; }

    /// <summary>Seconds of the step measured so far.</summary>
    public required double Seconds { get; init; }

    /// <summary>False while the step is still running.</summary>
    public required bool Complete { get; init; }

    /// <summary>Requests of the run that completed on the loop during the step.</summary>
    public required long Requests { get; init; }

    /// <summary>Mean loop utilization during the step, 0..1.</summary>
    public required double Utilization { get; init; }

    /// <summary>Waiting of the run's request tasks (ms).</summary>
    public required StepFigures Waiting { get; init; }

    /// <summary>Awake time of the run's request tasks (ms).</summary>
    public required StepFigures Awake { get; init; }

    /// <summary>Corrected latency seen by the client (ms).</summary>
    public required StepFigures Latency { get; init; }

    /// <summary>Requests in flight at the end of the step's intervals, first and last.</summary>
    public required int BacklogStart { get; init; }

    public required int BacklogEnd { get; init; }

    /// <summary>Least-squares growth of the backlog over the step (requests per second).</summary>
    public required double BacklogGrowthPerSecond { get; init; }

    /// <summary>Least-squares growth of the intervals' waiting p99 over the step (ms per second).</summary>
    public required double WaitingGrowthMsPerSecond { get; init; }

    /// <summary>M/G/1 and Kingman predictions from this step's measured service time and rate.</summary>
    public WaitingPrediction? Prediction { get; init; }

    /// <summary>Waiting p99 within the sweep's budget.</summary>
    public required bool WithinBudget { get; init; }

    /// <summary>The loop did not keep up: achieved well below offered, or the backlog grew.</summary>
    public required bool Saturated { get; init; }
}

/// <summary>Mean and percentiles of one time over a sweep step (ms).</summary>
public sealed record StepFigures(double MeanMs, double P50Ms, double P99Ms);

/// <summary>The best case of a sweep: the highest rate whose waiting p99 stayed within the budget.</summary>
public sealed record SweepBestCase(double Rate, double Utilization, double WaitingP99Ms, double BudgetMs);

/// <summary>
/// The worst case of a sweep: the offered rate at which saturation began, and beyond it how fast
/// waiting (ms per second of run) and the backlog (requests per second) grew.
/// </summary>
public sealed record SweepWorstCase(
    double SaturationRate,
    double WaitingGrowthMsPerSecond,
    double BacklogGrowthPerSecond,
    double LatencyGrowthMsPerSecond);

/// <summary>
/// Answer of <c>GET /api/runs/{id}/prediction?rate=R</c>: the mean waiting the queueing models
/// predict at a chosen rate from the run's measured service time and arrival variability.
/// </summary>
public sealed record WhatIfPrediction(
    double Rate,
    double ServiceMeanMs,
    double ServiceCv2,
    double ArrivalCv2,
    double Utilization,
    double? PredictedMgOneMs,
    double? PredictedKingmanMs,
    string Assumptions)
{
    /// <summary>Loops predicted, each an independent queue with an equal share of the rate (as the run was spread); 1 for one loop.</summary>
    public int Queues { get; init; } = 1;
}
