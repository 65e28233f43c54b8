using System.Diagnostics;
using Dashboard.EventLoop;

namespace Dashboard.Browser.Tests;

/// <summary>
/// Some honest work for the loop so the page's figures move: tasks that compute on the loop
/// (awake), sleep on a loop timer (asleep) and queue behind each other (waiting), with an
/// occasional step long enough to count as slow. Bounded in task count and in time.
/// </summary>
internal static class LoopWorkload
{
    private static readonly TimeSpan BatchEvery = TimeSpan.FromMilliseconds(10);

    public static async Task<int> RunAsync(EventLoop.EventLoop loop, string kind, TimeSpan duration, int maxTasks)
    {
        var spawned = new List<LoopTask>(maxTasks);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration && spawned.Count < maxTasks)
        {
            for (var i = 0; i < 4 && spawned.Count < maxTasks; i++)
            {
                var n = spawned.Count;
                // Every 40th task blocks the loop for 25 ms: a slow step (the threshold is 20 ms).
                var block = n % 40 == 39 ? TimeSpan.FromMilliseconds(25) : TimeSpan.FromMilliseconds(0.3);
                spawned.Add(loop.Spawn($"{kind}-{n}", kind, async _ =>
                {
                    Spin(block);
                    await loop.Sleep(TimeSpan.FromMilliseconds(15));
                    Spin(TimeSpan.FromMilliseconds(0.2));
                }));
            }

            await Task.Delay(BatchEvery);
        }

        await Task.WhenAll(spawned.Select(t => t.Completion)).Within("the end of every task", TimeSpan.FromSeconds(30));
        return spawned.Count;
    }

    private static void Spin(TimeSpan duration)
    {
        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < until)
        {
            Thread.SpinWait(16);
        }
    }
}
