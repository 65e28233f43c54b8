using Dashboard.Contracts.Loop;
using Dashboard.Contracts.Runs;
using Dashboard.Server.Live;
using Dashboard.Server.Runs;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Dashboard.Server.Tests.Live;

public sealed class RunSubscriptionsTests
{
    [Fact]
    public async Task SlowSubscriber_DropsItsOldestSnapshotsAndIsToldWithoutSlowingThePublisher()
    {
        var slow = new GatedClient();
        var subscriptions = new RunSubscriptions(new FakeHubContext(slow), new NoEvents(), Options.Create(new LiveOptions { SubscriberBuffer = 4 }));
        subscriptions.Add("conn-1", "run-1");

        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 1; i <= 100; i++)
        {
            subscriptions.OnSnapshot(Snapshot("run-1", i));
            subscriptions.OnSnapshot(Snapshot("other-run", i)); // not followed: never queued
        }

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), "publishing must not wait for a slow subscriber");
        Assert.InRange(subscriptions.DroppedFor("conn-1"), 95, 96); // one may already be in the send

        slow.Gate.SetResult();
        await Waits.Until(() => slow.DropNotices.Count > 0, "the slow subscriber's notice of dropped snapshots", TimeSpan.FromSeconds(10));
        Assert.Equal(subscriptions.DroppedFor("conn-1"), slow.DropNotices.Last());
        Assert.Equal(100, slow.Snapshots.Last().Sequence); // the newest always arrive
        Assert.All(slow.Snapshots, s => Assert.Equal("run-1", s.RunId));
        await subscriptions.StopAsync(CancellationToken.None);
    }

    [Fact]
    public void TooManyRunsForOneConnection_IsRefusedNamingTheSetting()
    {
        var subscriptions = new RunSubscriptions(new FakeHubContext(new GatedClient()), new NoEvents(), Options.Create(new LiveOptions { MaxRunsPerSubscriber = 1 }));
        subscriptions.Add("conn-1", "run-1");

        var error = Assert.Throws<HubException>(() => subscriptions.Add("conn-1", "run-2"));
        Assert.Contains("Live:MaxRunsPerSubscriber", error.Message);
    }

    private static RunSnapshot Snapshot(string runId, long sequence) => new()
    {
        RunId = runId,
        Sequence = sequence,
        At = DateTimeOffset.UnixEpoch,
        ElapsedSeconds = sequence * 0.5,
        IntervalSeconds = 0.5,
        Progress = 0,
        Phase = "inject",
        Load = new LoadFigures { Corrected = LatencyFigures.Empty, Raw = LatencyFigures.Empty },
        Tasks = new TaskBreakdown(
            new TaskKindBreakdown { Kind = "(all tasks)", Count = 0, Faulted = 0, Cancelled = 0, Awake = Zero, Waiting = Zero, Asleep = Zero, Lifetime = Zero },
            []),
        Samples = [],
        Thresholds = [],
    };

    private static readonly TimeFigures Zero = new(0, 0, 0, 0, 0);

    private sealed class NoEvents : IRunEvents
    {
        public event Action<RunSnapshot>? SnapshotPublished { add { } remove { } }

        public event Action<RunInfo>? RunChanged { add { } remove { } }

        public event Action<ManagedRun, Dashboard.Load.Statistics.IntervalStatistics>? IntervalMeasured { add { } remove { } }
    }

    /// <summary>A browser that does not read until the gate opens.</summary>
    private sealed class GatedClient : IRunsHubClient
    {
        public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public List<RunSnapshot> Snapshots { get; } = [];

        public List<long> DropNotices { get; } = [];

        public Task History(string runId, IReadOnlyList<RunSnapshot> snapshots) => Task.CompletedTask;

        public async Task Snapshot(RunSnapshot snapshot)
        {
            await Gate.Task;
            lock (Snapshots)
            {
                Snapshots.Add(snapshot);
            }
        }

        public Task RunChanged(RunInfo run) => Task.CompletedTask;

        public Task Dropped(string runId, long count)
        {
            lock (DropNotices)
            {
                DropNotices.Add(count);
            }

            return Task.CompletedTask;
        }
    }

    private sealed class FakeHubContext(IRunsHubClient client) : IHubContext<RunsHub, IRunsHubClient>
    {
        public IHubClients<IRunsHubClient> Clients { get; } = new FakeClients(client);

        public IGroupManager Groups => throw new NotSupportedException();
    }

    private sealed class FakeClients(IRunsHubClient client) : IHubClients<IRunsHubClient>
    {
        public IRunsHubClient All => client;

        public IRunsHubClient AllExcept(IReadOnlyList<string> excludedConnectionIds) => client;

        public IRunsHubClient Client(string connectionId) => client;

        public IRunsHubClient Clients(IReadOnlyList<string> connectionIds) => client;

        public IRunsHubClient Group(string groupName) => client;

        public IRunsHubClient GroupExcept(string groupName, IReadOnlyList<string> excludedConnectionIds) => client;

        public IRunsHubClient Groups(IReadOnlyList<string> groupNames) => client;

        public IRunsHubClient User(string userId) => client;

        public IRunsHubClient Users(IReadOnlyList<string> userIds) => client;
    }
}
