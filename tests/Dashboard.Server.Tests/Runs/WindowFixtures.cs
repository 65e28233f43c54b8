using Dashboard.Contracts.Loop;
using Dashboard.EventLoop;

namespace Dashboard.Server.Tests.Runs;

/// <summary>Records and loop intervals for the tests of a run's window on the loops.</summary>
internal static class WindowFixtures
{
    public static readonly long Ms = LoopClock.FromTimeSpan(TimeSpan.FromMilliseconds(1));

    /// <summary>A request task of the given correlation id that waited <paramref name="waitingMs"/> and ran 0.1 ms, on <paramref name="loop"/>.</summary>
    public static TaskRecord Request(string correlationId, double completedMs, double waitingMs, int loop = 0)
    {
        long waiting = (long)(waitingMs * Ms);
        long awake = Ms / 10;
        long completed = (long)(completedMs * Ms);
        return new TaskRecord
        {
            Id = (completed * 2) + loop,
            ParentId = 0,
            LoopIndex = loop,
            Name = "GET /w/hello",
            Kind = "hello",
            Tag = correlationId,
            Outcome = TaskOutcome.RanToCompletion,
            CreatedTimestamp = completed - waiting - awake,
            CompletedTimestamp = completed,
            AwakeTicks = awake,
            WaitingTicks = waiting,
            AsleepTicks = 0,
        };
    }

    /// <summary>A 500 ms loop interval at <paramref name="utilization"/>, with one slow step of <paramref name="slowStepMs"/> if given.</summary>
    public static LoopInterval Interval(double utilization, double? slowStepMs = null, int? loop = null) => new()
    {
        Sequence = 1,
        Loop = loop,
        At = DateTimeOffset.UnixEpoch,
        DurationMs = 500,
        Utilization = utilization,
        Steps = 100,
        StepsPerSecond = 200,
        ReadyDepthMax = 3,
        ReadyDepthMean = 1,
        TimerCount = 0,
        TimerLagP50Ms = 0,
        TimerLagP99Ms = 0,
        TimerLagMaxMs = 0,
        TasksAlive = 1,
        SlowStepCount = slowStepMs is null ? 0 : 1,
        SlowSteps = slowStepMs is { } ms ? [new SlowStepInfo(7, "connection", "server/connection", ms, 3) { VictimCount = 3, VictimWaitingMs = 60 }] : [],
    };
}
