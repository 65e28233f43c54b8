using Dashboard.Contracts.Loop;

namespace Dashboard.Client.Tests;

/// <summary>Loop figures with distinctive values, so a test can find each one in the HTML.</summary>
internal static class LoopFixtures
{
    public static LoopInterval Interval(params SlowStepInfo[] slowSteps) => new()
    {
        Sequence = 42,
        At = new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.FromHours(2)),
        DurationMs = 500,
        Utilization = 0.4234,
        Steps = 6_170,
        StepsPerSecond = 12_340,
        ReadyDepthMax = 17,
        ReadyDepthMean = 3.456,
        TimerCount = 80,
        TimerLagP50Ms = 0.123,
        TimerLagP99Ms = 45.67,
        TimerLagMaxMs = 51.2,
        TasksAlive = 1_234,
        SlowStepCount = slowSteps.Length,
        SlowSteps = slowSteps,
    };

    public static TaskKindBreakdown Kind(string name, long count, double awakeSum = 10, double waitingSum = 30, double asleepSum = 60) => new()
    {
        Kind = name,
        Count = count,
        Faulted = 0,
        Cancelled = 0,
        Awake = new TimeFigures(awakeSum, 1.25, 1.0, 7.5, 9),
        Waiting = new TimeFigures(waitingSum, 3.5, 2.0, 88.8, 100),
        Asleep = new TimeFigures(asleepSum, 6.25, 6.0, 15.1, 20),
        Lifetime = new TimeFigures(awakeSum + waitingSum + asleepSum, 11, 9, 110, 130),
    };

    public static LoopStatus Status(LoopInterval? latest = null, params TaskKindBreakdown[] kinds) => new()
    {
        Running = true,
        TasksAlive = 1_234,
        TasksCreated = 100_000,
        TasksCompleted = 98_766,
        RecordsDropped = 0,
        Latest = latest,
        Kinds = kinds,
    };
}
