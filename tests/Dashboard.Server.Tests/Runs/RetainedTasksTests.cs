using Dashboard.EventLoop;
using Dashboard.Server.Runs;

namespace Dashboard.Server.Tests.Runs;

public sealed class RetainedTasksTests
{
    private static TaskRecord Record(long id, long parent = 0, int spans = 3, string? name = null) => new()
    {
        Id = id,
        ParentId = parent,
        Name = name ?? $"t{id}",
        Kind = "server/request",
        Tag = $"run-{id}",
        Outcome = id % 2 == 0 ? TaskOutcome.RanToCompletion : TaskOutcome.Faulted,
        Error = id % 2 == 0 ? null : "InvalidOperationException: boom",
        CreatedTimestamp = id * 1_000,
        CompletedTimestamp = (id * 1_000) + (spans * 10),
        AwakeTicks = 11 * id,
        WaitingTicks = 12 * id,
        AsleepTicks = 13 * id,
        TimerLatenessTicks = 14 * id,
        FirstRunDelayTicks = 15 * id,
        Steps = (int)(id % 100) + 1,
        LongestStepTicks = 16 * id,
        Wakeups = (int)(id % 7),
        Spans = Enumerable.Range(0, spans)
            .Select(i => new TaskSpan((TaskState)(i % 3), (id * 1_000) + (i * 10), (id * 1_000) + ((i + 1) * 10)))
            .ToArray(),
        SpansTruncated = spans == 5,
    };

    private static void AssertSame(TaskRecord expected, TaskRecord? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected with { Spans = [] }, actual with { Spans = [] });
        Assert.Equal(expected.Spans, actual.Spans);
    }

    [Fact]
    public void ARecord_ComesBackWithEveryFigureAndItsTimeline()
    {
        var retained = new RetainedTasks(capacity: 10, spanCapacity: 100);
        TaskRecord[] records = [Record(1), Record(2, parent: 1, spans: 5), Record(3, parent: 1, spans: 0), Record(4, parent: 2)];
        foreach (var record in records)
        {
            retained.Add(record);
        }

        foreach (var record in records)
        {
            AssertSame(record, retained.Find(record.Id));
        }

        Assert.Equal([2L, 3], retained.ChildrenOf(1).Select(r => r.Id));
        AssertSame(records[3], Assert.Single(retained.ChildrenOf(2)));
        Assert.Null(retained.Find(99));
        Assert.Empty(retained.ChildrenOf(99));
    }

    [Fact]
    public void GrowingPastItsFirstSize_ThenWrapping_KeepsExactlyTheNewestRecords()
    {
        const int capacity = 3_000;
        var retained = new RetainedTasks(capacity, spanCapacity: capacity * 3);
        for (var id = 1; id <= 7_500; id++)
        {
            retained.Add(Record(id, parent: id % 10));
        }

        Assert.Null(retained.Find(4_500));
        AssertSame(Record(4_501, parent: 1), retained.Find(4_501));
        AssertSame(Record(6_000, parent: 0), retained.Find(6_000));
        AssertSame(Record(7_500, parent: 0), retained.Find(7_500));
        var children = retained.ChildrenOf(3);
        Assert.Equal(capacity / 10, children.Count);
        Assert.Equal(Enumerable.Range(0, capacity / 10).Select(i => 4_503L + (i * 10)), children.Select(c => c.Id));
    }

    [Fact]
    public void SpansOverwrittenByNewerTasks_ComeBackAsAnEmptyTimelineMarkedTruncated()
    {
        // Room for four tasks of three spans; the sixth overwrites the first two's spans.
        var retained = new RetainedTasks(capacity: 10, spanCapacity: 12);
        for (var id = 1; id <= 6; id++)
        {
            retained.Add(Record(id));
        }

        foreach (var id in new long[] { 1, 2 })
        {
            var lost = retained.Find(id)!;
            Assert.Empty(lost.Spans);
            Assert.True(lost.SpansTruncated);
            Assert.Equal(Record(id) with { Spans = [], SpansTruncated = true }, lost with { Spans = [] });
        }

        foreach (var id in new long[] { 3, 4, 5, 6 })
        {
            AssertSame(Record(id), retained.Find(id));
        }
    }

    [Fact]
    public void ATaskWithMoreSpansThanTheWholeBuffer_KeepsWhatFitsAndSaysSo()
    {
        var retained = new RetainedTasks(capacity: 10, spanCapacity: 2);
        retained.Add(Record(2, spans: 3));

        var kept = retained.Find(2)!;
        Assert.Equal(Record(2, spans: 3).Spans.Take(2), kept.Spans);
        Assert.True(kept.SpansTruncated);
    }

    [Fact]
    public void RepeatedNames_AreKeptAsOneString()
    {
        var retained = new RetainedTasks(capacity: 10, spanCapacity: 100);
        retained.Add(Record(2, name: string.Concat("GET ", "/w/io-bound")));
        retained.Add(Record(4, name: string.Concat("GET ", "/w/io-bound")));

        Assert.Same(retained.Find(2)!.Name, retained.Find(4)!.Name);
    }

    [Fact]
    public void NoCapacity_KeepsNothing()
    {
        var retained = new RetainedTasks(capacity: 0, spanCapacity: 0);
        retained.Add(Record(1));

        Assert.Null(retained.Find(1));
        Assert.Empty(retained.ChildrenOf(0));
    }
}
