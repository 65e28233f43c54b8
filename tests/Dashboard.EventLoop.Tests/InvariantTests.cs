using Dashboard.EventLoop;

namespace Dashboard.EventLoop.Tests;

public sealed class InvariantTests
{
    [Fact]
    public async Task RandomMixOfThousandsOfTasks_EveryTaskSumsToItsLifetimeExactly()
    {
        await using var harness = new LoopHarness();
        var random = new Random(20261123);
        var roots = new List<LoopTask>();
        const int RootCount = 1_500;
        for (var i = 0; i < RootCount; i++)
        {
            var seed = random.Next();
            roots.Add(harness.Loop.Spawn($"root-{i}", $"mix-{i % 7}", ct => RandomBody(harness.Loop, new Random(seed), depth: 0, ct)));
        }

        foreach (var root in roots)
        {
            try
            {
                await root.Completion.Within("the end of loop task root", TimeSpan.FromSeconds(60));
            }
            catch (Exception) when (root.IsCompleted)
            {
                // Faults and cancellations are part of the mix.
            }
        }

        await harness.WaitUntilRecorded((int)harness.Loop.TasksCreated);
        Assert.True(harness.Records.Count >= RootCount * 2, $"expected children too, got {harness.Records.Count} records");
        foreach (var record in harness.Records)
        {
            Assert.True(record.AwakeTicks >= 0 && record.WaitingTicks >= 0 && record.AsleepTicks >= 0, record.ToString());
            Assert.Equal(record.LifetimeTicks, record.AwakeTicks + record.WaitingTicks + record.AsleepTicks);
            Assert.True(record.Spans.Count > 0);
        }

        Assert.Contains(harness.Records, r => r.Outcome == TaskOutcome.Faulted);
        Assert.Contains(harness.Records, r => r.Outcome == TaskOutcome.Cancelled);
        Assert.Equal(0, harness.Loop.LiveTaskCount);
    }

    private static async Task RandomBody(EventLoop loop, Random random, int depth, CancellationToken cancellationToken)
    {
        var steps = random.Next(1, 6);
        for (var s = 0; s < steps; s++)
        {
            switch (random.Next(depth < 2 ? 9 : 6))
            {
                case 0:
                    LoopHarness.Spin(TimeSpan.FromMicroseconds(random.Next(1, 60)));
                    break;
                case 1:
                    await loop.Sleep(TimeSpan.FromMilliseconds(random.Next(0, 4)));
                    break;
                case 2:
                    await loop.Yield();
                    break;
                case 3:
                    await loop.RunInExecutor(() => LoopHarness.Spin(TimeSpan.FromMicroseconds(random.Next(1, 200))));
                    break;
                case 4:
                    if (random.Next(12) == 0)
                    {
                        throw new InvalidOperationException("planned failure");
                    }

                    break;
                case 5:
                    if (random.Next(12) == 0)
                    {
                        var self = EventLoop.CurrentTask!;
                        self.Cancel();
                        await loop.Yield(); // cancellation surfaces at the next loop await
                    }

                    break;
                default:
                    var seedA = random.Next();
                    var seedB = random.Next();
                    var a = loop.Spawn("child-a", "child", ct => RandomBody(loop, new Random(seedA), depth + 1, ct));
                    var b = loop.Spawn("child-b", "child", ct => RandomBody(loop, new Random(seedB), depth + 1, ct));
                    if (random.Next(3) == 0)
                    {
                        break; // fire and forget
                    }

                    try
                    {
                        await Task.WhenAll(a.Completion, b.Completion);
                    }
                    catch (Exception) when (!cancellationToken.IsCancellationRequested)
                    {
                        // A failed child does not fail the parent in this mix.
                    }

                    break;
            }
        }
    }
}
