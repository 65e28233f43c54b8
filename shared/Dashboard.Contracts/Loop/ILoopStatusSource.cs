namespace Dashboard.Contracts.Loop;

/// <summary>
/// Where the loop's live figures come from, so the pages can read them without referencing the
/// host (the host's loop telemetry implements it; tests pass a fake).
/// </summary>
public interface ILoopStatusSource
{
    /// <summary>The latest interval and the per-kind breakdown since start (what <c>GET /api/loop</c> answers).</summary>
    LoopStatus Status();

    /// <summary>The recent intervals, oldest first (what <c>GET /api/loop/intervals</c> answers).</summary>
    IReadOnlyList<LoopInterval> RecentIntervals();
}
