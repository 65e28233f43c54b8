using System.Threading.Channels;
using Dashboard.Contracts.Runs;
using Dashboard.Server.Configuration;
using Dashboard.Server.Runs;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Dashboard.Server.Live;

/// <summary>Limits of live delivery (configuration section "Live").</summary>
internal sealed class LiveOptions
{
    /// <summary>Snapshots queued per subscriber; when full the oldest is dropped and counted.</summary>
    public int SubscriberBuffer { get; set; } = 32;

    /// <summary>Connections subscribed at once.</summary>
    public int MaxSubscribers { get; set; } = 1_000;

    /// <summary>Runs one connection may follow at once.</summary>
    public int MaxRunsPerSubscriber { get; set; } = 16;

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        OptionRules.Range(errors, "Live", nameof(SubscriberBuffer), SubscriberBuffer, 1, 10_000);
        OptionRules.Range(errors, "Live", nameof(MaxSubscribers), MaxSubscribers, 1, 100_000);
        OptionRules.Range(errors, "Live", nameof(MaxRunsPerSubscriber), MaxRunsPerSubscriber, 1, 1_000);
        return errors;
    }
}

/// <summary>
/// Who follows which run, each with a bounded queue and a pump: the run's reporting thread only
/// does non-blocking writes, so a slow browser loses its oldest snapshots (counted and told),
/// and never slows the run or the other subscribers.
/// </summary>
internal sealed class RunSubscriptions : IHostedService
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Subscriber> _subscribers = new(StringComparer.Ordinal);
    private readonly IHubContext<RunsHub, IRunsHubClient> _hub;
    private readonly IRunEvents _runs;
    private readonly LiveOptions _options;

    public RunSubscriptions(IHubContext<RunsHub, IRunsHubClient> hub, IRunEvents runs, IOptions<LiveOptions> options)
    {
        _hub = hub;
        _runs = runs;
        _options = options.Value;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _runs.SnapshotPublished += OnSnapshot;
        _runs.RunChanged += OnRunChanged;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _runs.SnapshotPublished -= OnSnapshot;
        _runs.RunChanged -= OnRunChanged;
        lock (_gate)
        {
            foreach (var subscriber in _subscribers.Values)
            {
                subscriber.Queue.Writer.TryComplete();
            }

            _subscribers.Clear();
        }

        return Task.CompletedTask;
    }

    public void Add(string connectionId, string runId)
    {
        lock (_gate)
        {
            if (!_subscribers.TryGetValue(connectionId, out var subscriber))
            {
                if (_subscribers.Count >= _options.MaxSubscribers)
                {
                    throw new HubException($"the dashboard already serves {_options.MaxSubscribers} live subscribers (Live:MaxSubscribers)");
                }

                subscriber = new Subscriber(connectionId, _options.SubscriberBuffer);
                _subscribers[connectionId] = subscriber;
                _ = PumpAsync(subscriber);
            }

            if (!subscriber.Runs.Contains(runId) && subscriber.Runs.Count >= _options.MaxRunsPerSubscriber)
            {
                throw new HubException($"runId: this connection already follows {_options.MaxRunsPerSubscriber} runs (Live:MaxRunsPerSubscriber); unsubscribe one first");
            }

            subscriber.Runs.Add(runId);
        }
    }

    public void Remove(string connectionId, string runId)
    {
        lock (_gate)
        {
            if (_subscribers.TryGetValue(connectionId, out var subscriber))
            {
                subscriber.Runs.Remove(runId);
            }
        }
    }

    public void RemoveConnection(string connectionId)
    {
        lock (_gate)
        {
            if (_subscribers.Remove(connectionId, out var subscriber))
            {
                subscriber.Queue.Writer.TryComplete();
            }
        }
    }

    /// <summary>Dropped snapshots of a connection so far (for tests and diagnostics).</summary>
    public long DroppedFor(string connectionId)
    {
        lock (_gate)
        {
            return _subscribers.TryGetValue(connectionId, out var subscriber) ? Interlocked.Read(ref subscriber.Dropped) : 0;
        }
    }

    internal void OnSnapshot(RunSnapshot snapshot)
    {
        lock (_gate)
        {
            foreach (var subscriber in _subscribers.Values)
            {
                if (subscriber.Runs.Contains(snapshot.RunId))
                {
                    subscriber.Queue.Writer.TryWrite(snapshot); // never blocks: drop-oldest
                }
            }
        }
    }

    private void OnRunChanged(RunInfo info) =>
        _ = _hub.Clients.All.RunChanged(info).ContinueWith(static t => _ = t.Exception, TaskScheduler.Default);

    private async Task PumpAsync(Subscriber subscriber)
    {
        var client = _hub.Clients.Client(subscriber.ConnectionId);
        long reported = 0;
        try
        {
            await foreach (var snapshot in subscriber.Queue.Reader.ReadAllAsync())
            {
                await client.Snapshot(snapshot);
                var dropped = Interlocked.Read(ref subscriber.Dropped);
                if (dropped != reported)
                {
                    reported = dropped;
                    await client.Dropped(snapshot.RunId, dropped);
                }
            }
        }
        catch (Exception)
        {
            // The connection went away mid-send; its queue is removed on disconnect.
        }
    }

    private sealed class Subscriber
    {
        public long Dropped;

        public Subscriber(string connectionId, int buffer)
        {
            ConnectionId = connectionId;
            Queue = Channel.CreateBounded<RunSnapshot>(
                new BoundedChannelOptions(buffer) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
                _ => Interlocked.Increment(ref Dropped));
        }

        public string ConnectionId { get; }

        public HashSet<string> Runs { get; } = new(StringComparer.Ordinal);

        public Channel<RunSnapshot> Queue { get; }
    }
}
