using Dashboard.Contracts.Loop;
using Dashboard.EventLoop;
using Microsoft.Extensions.Options;

namespace Dashboard.Server.Loop;

/// <summary>
/// The loops' consumer in the host: drains completed-task records and interval figures off each
/// loop's bounded channels (so no loop ever waits on it) into fixed-size aggregates. Observers get
/// every loop's records, and the intervals of the whole group (<see cref="LoopIntervalGroups"/>).
/// </summary>
internal sealed class LoopTelemetry(EventLoopHost host, IOptions<LoopTelemetryOptions> options, LoopServerHost server, ProcessPoolHost processPool) : BackgroundService, ILoopStatusSource
{
    /// <summary>Where kinds past a table's limit are counted: the kinds tables, the run window and the meters.</summary>
    internal const string OtherKinds = "(other kinds)";
    private readonly Lock _gate = new();
    private readonly Dictionary<string, TaskKindAggregate> _kinds = new(StringComparer.Ordinal);
    private readonly Queue<LoopInterval> _recent = new();
    private readonly LoopIntervalGroups _groups = new(host.Capacity, host.Loops.Count);
    private readonly LoopInterval?[] _latestOfLoop = new LoopInterval?[host.Capacity];
    private readonly TaskKindAggregate?[] _tasksOfLoop = new TaskKindAggregate?[host.Capacity];
    private readonly Dictionary<string, TaskKindAggregate>?[] _kindsOfLoop = new Dictionary<string, TaskKindAggregate>?[host.Capacity];
    private readonly List<Task> _consumers = [];
    private CancellationToken _stopping;
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
        var loops = host.Loops;
        var connections = server.Server?.OpenConnectionsByLoop;
        var requests = server.Server?.RequestsByLoop;
        var pool = processPool.Status(); // reads the workers' memory: outside the lock
        lock (_gate)
        {
            return new LoopStatus
            {
                Running = host.AllRunning,
                TasksAlive = loops.Sum(l => l.LiveTaskCount),
                TasksCreated = loops.Sum(l => l.TasksCreated),
                TasksCompleted = loops.Sum(l => l.TasksCompleted),
                RecordsDropped = loops.Sum(l => l.RecordsDropped),
                Latest = _recent.Count == 0 ? null : _recent.Last(),
                Kinds = _kinds.Values.Select(k => k.ToBreakdown()).OrderByDescending(k => k.Count).ToArray(),
                Server = server.Status(),
                Loops = loops.Select((loop, i) => new LoopThreadStatus
                {
                    Index = i,
                    Name = loop.Options.Name,
                    Running = loop.IsRunning,
                    TasksAlive = loop.LiveTaskCount,
                    TasksCreated = loop.TasksCreated,
                    TasksCompleted = loop.TasksCompleted,
                    OpenConnections = connections?[i] ?? 0,
                    Requests = requests?[i] ?? 0,
                    Latest = _latestOfLoop[i],
                    Tasks = _tasksOfLoop[i]?.ToBreakdown(),
                    Kinds = _kindsOfLoop[i] is { } kinds ? [.. kinds.Values.Select(k => k.ToBreakdown()).OrderByDescending(k => k.Count)] : [],
                }).ToArray(),
                ProcessPool = pool,
                ThreadPoolQueued = ThreadPool.PendingWorkItemCount,
                ThreadPoolThreads = ThreadPool.ThreadCount,
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

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        lock (_gate)
        {
            _stopping = stoppingToken;
            host.LoopAdded += Consume;
            foreach (var loop in host.Loops)
            {
                Consume(loop);
            }
        }

        try
        {
            // Loops may start while this waits: wait again until no consumer is left running.
            while (true)
            {
                Task[] consumers;
                lock (_gate)
                {
                    consumers = [.. _consumers];
                }

                await Task.WhenAll(consumers);
                lock (_gate)
                {
                    if (_consumers.Count == consumers.Length)
                    {
                        return;
                    }
                }
            }
        }
        finally
        {
            host.LoopAdded -= Consume;
        }
    }

    /// <summary>Starts draining <paramref name="loop"/>'s records and intervals (once per loop).</summary>
    private void Consume(EventLoop.EventLoop loop)
    {
        lock (_gate)
        {
            if (_consumers.Count / 2 > loop.Index)
            {
                return;
            }

            _groups.LoopCount = loop.Index + 1;
            _consumers.Add(ConsumeRecords(loop, _stopping));
            _consumers.Add(ConsumeIntervals(loop, _stopping));
        }
    }

    private async Task ConsumeRecords(EventLoop.EventLoop loop, CancellationToken stoppingToken)
    {
        var reader = loop.CompletedTasks;
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken))
            {
                lock (_gate)
                {
                    while (reader.TryRead(out var record))
                    {
                        KindOf(record.Kind).Add(record);
                        (_tasksOfLoop[record.LoopIndex] ??= new TaskKindAggregate("(all tasks)")).Add(record);
                        if (_groups.LoopCount > 1)
                        {
                            KindOfLoop(record.LoopIndex, record.Kind).Add(record);
                        }

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

    private async Task ConsumeIntervals(EventLoop.EventLoop loop, CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var figures in loop.Intervals.ReadAllAsync(stoppingToken))
            {
                var interval = LoopIntervalMapper.ToContract(figures);
                lock (_gate)
                {
                    _latestOfLoop[figures.LoopIndex] = interval;
                    foreach (var group in _groups.Add(interval, figures.StartTimestamp, figures.EndTimestamp))
                    {
                        _recent.Enqueue(group.Interval);
                        foreach (var observer in _observers)
                        {
                            observer.OnInterval(group.Interval, group.StartTimestamp, group.EndTimestamp);
                        }
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

    /// <summary>A kind's aggregate on one loop (only kept while several loops run: with one, the kinds table is that loop's).</summary>
    private TaskKindAggregate KindOfLoop(int loop, string kind) =>
        KindIn(_kindsOfLoop[loop] ??= new Dictionary<string, TaskKindAggregate>(StringComparer.Ordinal), kind, options.Value.MaxKindsPerLoop);

    private TaskKindAggregate KindOf(string kind) => KindIn(_kinds, kind, options.Value.MaxKinds);

    /// <summary>A kind's aggregate in <paramref name="kinds"/>; past <paramref name="max"/> kinds, new ones fold into "(other kinds)".</summary>
    private static TaskKindAggregate KindIn(Dictionary<string, TaskKindAggregate> kinds, string kind, int max)
    {
        if (kinds.TryGetValue(kind, out var aggregate))
        {
            return aggregate;
        }

        if (kinds.Count >= max)
        {
            kind = OtherKinds;
            if (kinds.TryGetValue(kind, out aggregate))
            {
                return aggregate;
            }
        }

        aggregate = new TaskKindAggregate(kind);
        kinds[kind] = aggregate;
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
