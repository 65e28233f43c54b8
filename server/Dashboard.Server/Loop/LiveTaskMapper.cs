using Dashboard.Contracts.Loop;
using Dashboard.EventLoop;

namespace Dashboard.Server.Loop;

/// <summary>A live task as the loop describes it → the contract shape (milliseconds, state in words).</summary>
internal static class LiveTaskMapper
{
    public static LiveTask ToContract(LiveTaskInfo task) => new(
        task.Id,
        task.ParentId,
        task.Name,
        task.Kind,
        task.Tag,
        task.State.ToString().ToLowerInvariant(),
        LoopClock.ToMilliseconds(task.AgeTicks),
        LoopClock.ToMilliseconds(task.AwakeTicks),
        LoopClock.ToMilliseconds(task.WaitingTicks),
        LoopClock.ToMilliseconds(task.AsleepTicks),
        task.Steps,
        task.Children)
    {
        Loop = task.LoopIndex,
    };
}
