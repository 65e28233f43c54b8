using Dashboard.Client.Live;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Client.Tests.Live;

public sealed class LiveFeedTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);
    private readonly FakeTimeProvider _time = new();
    private int _reads;

    [Fact]
    public void Changed_WithoutSubscribers_ReadsNothingUntilAskedForTheView()
    {
        using var feed = Feed();

        for (var i = 0; i < 10; i++)
        {
            feed.Changed();
            _time.Advance(Interval);
        }

        Assert.Equal(0, _reads);
        Assert.Equal(1, feed.Current);
        Assert.Equal(1, feed.Current);
        feed.Changed();
        Assert.Equal(2, feed.Current);
    }

    [Fact]
    public void Changed_ManyTimesWithinOneInterval_ReadsOnceAndCallsEachSubscriberOnce()
    {
        using var feed = Feed();
        _ = feed.Current;
        var first = new List<int>();
        var second = new List<int>();
        using var a = feed.Subscribe(v => Record(first, v));
        using var b = feed.Subscribe(v => Record(second, v));

        for (var i = 0; i < 10; i++)
        {
            feed.Changed();
            _time.Advance(TimeSpan.FromMilliseconds(40));
        }

        Assert.Empty(first);
        _time.Advance(Interval);

        Assert.Equal([2], first);
        Assert.Equal([2], second);
        Assert.Equal(2, _reads);
    }

    [Fact]
    public void Changed_AfterAQuietInterval_IsDeliveredAtOnce()
    {
        using var feed = Feed();
        _ = feed.Current;
        var seen = new List<int>();
        using var subscription = feed.Subscribe(v => Record(seen, v));
        _time.Advance(Interval * 3);

        feed.Changed();

        Assert.Equal([2], seen);
    }

    [Fact]
    public void Subscription_Disposed_GetsNoMoreCallsAndCostsNoRead()
    {
        using var feed = Feed();
        _ = feed.Current;
        var seen = new List<int>();
        var subscription = feed.Subscribe(v => Record(seen, v));

        subscription.Dispose();
        subscription.Dispose();
        feed.Changed();
        _time.Advance(Interval * 2);

        Assert.Empty(seen);
        Assert.Equal(0, feed.SubscriberCount);
        Assert.Equal(1, _reads);
    }

    [Fact]
    public void Subscriber_ThatThrowsDisposed_DoesNotStopTheOthers()
    {
        using var feed = Feed();
        var seen = new List<int>();
        using var broken = feed.Subscribe(_ => throw new ObjectDisposedException("circuit"));
        using var working = feed.Subscribe(v => Record(seen, v));
        _time.Advance(Interval);

        feed.Changed();

        Assert.Equal([1], seen);
    }

    [Fact]
    public void Constructor_IntervalNotPositive_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new LiveFeed<object>(_ => new object(), TimeSpan.Zero, _time));

    private LiveFeed<object> Feed() => new(_ => ++_reads, Interval, _time);

    private static Task Record(List<int> seen, object view)
    {
        lock (seen)
        {
            seen.Add((int)view);
        }

        return Task.CompletedTask;
    }
}
