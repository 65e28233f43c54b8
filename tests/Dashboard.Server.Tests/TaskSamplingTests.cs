using Dashboard.EventLoop;
using Dashboard.Server.Runs;

namespace Dashboard.Server.Tests;

public sealed class TaskSamplingTests
{
    private static TaskRecord Record(long id, long lifetime, long parent = 0) => new()
    {
        Id = id,
        ParentId = parent,
        Name = $"t{id}",
        Kind = "k",
        Outcome = TaskOutcome.RanToCompletion,
        CreatedTimestamp = 0,
        CompletedTimestamp = lifetime,
        AwakeTicks = lifetime,
        WaitingTicks = 0,
        AsleepTicks = 0,
    };

    [Fact]
    public void Sampler_KeepsTheSlowestAndDistinctRandomOnes()
    {
        var sampler = new TaskSampler(slowest: 3, random: 4, seed: 1);
        for (var i = 1; i <= 1_000; i++)
        {
            sampler.Offer(Record(i, lifetime: i * 10));
        }

        var sample = sampler.TakeAndReset();

        Assert.Equal([1000L, 999, 998], sample.Where(s => s.Reason == "slowest").Select(s => s.Record.Id));
        Assert.InRange(sample.Count(s => s.Reason == "random"), 1, 4);
        Assert.Equal(sample.Count, sample.Select(s => s.Record.Id).Distinct().Count());
        Assert.Empty(sampler.TakeAndReset());
    }

    [Fact]
    public void RetainedTasks_IsARingThatForgetsTheOldestAndTheirChildLinks()
    {
        var retained = new RetainedTasks(capacity: 3, spanCapacity: 100);
        retained.Add(Record(1, 5));
        retained.Add(Record(2, 5, parent: 1));
        retained.Add(Record(3, 5, parent: 1));
        Assert.Equal([2L, 3], retained.ChildrenOf(1).Select(r => r.Id));

        retained.Add(Record(4, 5));
        retained.Add(Record(5, 5));

        Assert.Null(retained.Find(1));
        Assert.Null(retained.Find(2));
        Assert.Equal([3L], retained.ChildrenOf(1).Select(r => r.Id));
        Assert.NotNull(retained.Find(5));
    }
}
