using Dashboard.EventLoop;

namespace Dashboard.EventLoop.Tests;

public sealed class LoopTasksTests
{
    [Fact]
    public async Task GatherAsync_ChildrenEndingOutOfOrder_AnswersTheResultsInOrder()
    {
        await using var harness = new LoopHarness();
        var loop = harness.Loop;

        var parent = loop.Spawn("parent", "gather", async _ =>
        {
            var children = new[] { 30, 10, 20 }
                .Select((ms, i) => loop.Spawn($"child-{i}", "gather/child", async _ =>
                {
                    await loop.Sleep(TimeSpan.FromMilliseconds(ms));
                    return i;
                }))
                .ToList();
            return await LoopTasks.GatherAsync(children);
        });

        var results = await parent.Completion.Within("the end of loop task parent", TimeSpan.FromSeconds(10));
        Assert.Equal([0, 1, 2], results);
    }

    [Fact]
    public async Task GatherAsync_Failures_WaitsForEveryChildThenRethrowsTheFirstInOrder()
    {
        await using var harness = new LoopHarness();
        var loop = harness.Loop;
        var lastEnded = false;

        var parent = loop.Spawn("parent", "gather", async _ =>
        {
            var children = new List<LoopTask>
            {
                loop.Spawn("first", "gather/child", async _ =>
                {
                    await loop.Sleep(TimeSpan.FromMilliseconds(20));
                    throw new InvalidOperationException("first in order");
                }),
                loop.Spawn("second", "gather/child", _ => throw new InvalidOperationException("first in time")),
                loop.Spawn("last", "gather/child", async _ =>
                {
                    await loop.Sleep(TimeSpan.FromMilliseconds(40));
                    lastEnded = true;
                }),
            };
            try
            {
                await LoopTasks.GatherAsync(children);
                return "no failure";
            }
            catch (InvalidOperationException ex)
            {
                // Read on the loop thread, where the last child set it: no race.
                return $"{ex.Message}; last ended: {lastEnded}";
            }
        });

        Assert.Equal("first in order; last ended: True", await parent.Completion.Within("the end of loop task parent", TimeSpan.FromSeconds(10)));
    }
}
