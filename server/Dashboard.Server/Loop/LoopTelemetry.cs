using Dashboard.Contracts.Loop;
using Dashboard.EventLoop;
using Microsoft.Extensions.Options;

namespace Dashboard.Server.Loop;

/// <summary>
/// The loop's consumer in the host: drains completed-task records and interval figures off the
/// loop's bounded channels (so the loop never waits on it) into fixed-size aggregates.
/// </summary>
internal sealed class LoopTelemetry(EventLoopHost host, IOptions<LoopTelemetryOptions> options, LoopServerHost server) : BackgroundService, ILoopStatusSource
{
    private const string OtherKinds = "(other kinds)";
    private readonly Lock _gate = new();
    private readonly Dictionary<string, TaskKindAggregate> _kinds = new(StringComparer.Ordinal);
    private readonly Queue<LoopInterval> _recent = new();
    private ILoopObserver[] _observers = [];

    /// <summary>Feeds <paramref name="observer"/> until the returned handle is disposed.</summary>
    public IDisposable Observe(ILoopObserver observer)
    {
        lock (_gate)
        {
            _observers = [.. _observers, observer];
        }

        return new Subscription(this, observer);
    }

    public LoopStatus Status()
    {
        var loop = host.Loop;
        lock (_gate)
        {
            return new LoopStatus
            {
                Running = loop.IsRunning,
                TasksAlive = loop.LiveTaskCount,
                TasksCreated = loop.TasksCreated,
                TasksCompleted = loop.TasksCompleted,
                RecordsDropped = loop.RecordsDropped,
                Latest = _recent.Count == 0 ? null : _recent.Last(),
                Kinds = _kinds.Values.Select(k => k.ToBreakdown()).OrderByDescending(k => k.Count).ToArray(),
                Server = server.Status(),
            };
        }
    }

    public IReadOnlyList<LoopInterval> RecentIntervals()
    {
        lock (_gate)
        {
            return _recent.ToArray();
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(ConsumeRecords(stoppingToken), ConsumeIntervals(stoppingToken));

    private async Task ConsumeRecords(CancellationToken stoppingToken)
    {
        var reader = host.Loop.CompletedTasks;
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken))
            {
                lock (_gate)
                {
                    while (reader.TryRead(out var record))
                    {
                        KindOf(record.Kind).Add(record);
                        foreach (var observer in _observers)
                        {
                            observer.OnRecord(record);
                        }
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task ConsumeIntervals(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var figures in host.Loop.Intervals.ReadAllAsync(stoppingToken))
            {
                var interval = LoopIntervalMapper.ToContract(figures);
                lock (_gate)
                {
                    _recent.Enqueue(interval);
                    foreach (var observer in _observers)
                    {
                        observer.OnInterval(interval, figures.StartTimestamp, figures.EndTimestamp);
                    }

                    while (_recent.Count > options.Value.RecentIntervals)
                    {
                        _recent.Dequeue();
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private TaskKindAggregate KindOf(string kind)
    {
        if (_kinds.TryGetValue(kind, out var aggregate))
        {
            return aggregate;
        }

        if (_kinds.Count >= options.Value.MaxKinds)
        {
            kind = OtherKinds;
            if (_kinds.TryGetValue(kind, out aggregate))
            {
                return aggregate;
            }
        }

        aggregate = new TaskKindAggregate(kind);
        _kinds[kind] = aggregate;
        return aggregate;
    }

    private sealed class Subscription(LoopTelemetry telemetry, ILoopObserver observer) : IDisposable
    {
        public void Dispose()
        {
            lock (telemetry._gate)
            {
                telemetry._observers = telemetry._observers.Where(o => !ReferenceEquals(o, observer)).ToArray();
            }
        }
    }
}
