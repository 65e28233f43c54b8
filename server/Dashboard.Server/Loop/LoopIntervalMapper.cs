using Dashboard.Contracts.Loop;
using Dashboard.EventLoop;

namespace Dashboard.Server.Loop;

/// <summary>Loop-side interval figures → the contract shape (milliseconds, plain numbers).</summary>
internal static class LoopIntervalMapper
{
    public static LoopInterval ToContract(LoopIntervalFigures figures) => new()
    {
        Sequence = figures.Sequence,
        Loop = figures.LoopIndex,
        At = figures.At,
        DurationMs = figures.Duration.TotalMilliseconds,
        Utilization = figures.Utilization,
        Steps = figures.Steps,
        StepsPerSecond = figures.StepsPerSecond,
        ReadyDepthMax = figures.ReadyDepthMax,
        ReadyDepthMean = figures.ReadyDepthMean,
        TimerCount = figures.TimerLag.Count,
        TimerLagP50Ms = figures.TimerLag.P50Ms,
        TimerLagP99Ms = figures.TimerLag.P99Ms,
        TimerLagMaxMs = figures.TimerLag.MaxMs,
        TasksAlive = figures.TasksAlive,
        SlowStepCount = figures.SlowStepCount,
        SlowSteps = figures.SlowSteps.Select(s => new SlowStepInfo(s.TaskId, s.TaskName, s.Kind, s.DurationMs, s.QueuedBehind)
        {
            VictimCount = s.Victims.Count,
            VictimWaitingMs = s.Victims.WaitingMs,
            VictimKinds = s.Victims.Kinds.Select(k => new VictimKindInfo(k.Kind, k.Count, k.WaitingMs)).ToArray(),
            Loop = s.LoopIndex,
        }).ToArray(),
    };
}
