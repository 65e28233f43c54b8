using Dashboard.EventLoop;
using Dashboard.LoopServer;
using Microsoft.Extensions.Options;

namespace Dashboard.Server.Loop;

/// <summary>
/// Owns the process's event loops: starts <c>LoopServer:Loops</c> of them (one by default) with
/// the host, starts more when a run asks for them (<see cref="EnsureLoops"/>, at most one per
/// core), and stops them all, with a deadline, after.
/// </summary>
/// <remarks>
/// Task ids are numbered with a stride of <see cref="Capacity"/> from each loop's index, so they
/// stay unique whichever loops start later, and an id names its loop (id mod capacity).
/// </remarks>
internal sealed partial class EventLoopHost : IHostedService, IAsyncDisposable
{
    private static readonly TimeSpan StopDeadline = TimeSpan.FromSeconds(5);
    private readonly Lock _gate = new();
    private readonly EventLoopOptions _options;
    private readonly ILogger<EventLoopHost> _logger;
    private volatile EventLoop.EventLoop[] _loops = [];
    private bool _started;
    private bool _stopped;

    public EventLoopHost(IOptions<EventLoopOptions> options, IOptions<LoopServerOptions> serverOptions, ILogger<EventLoopHost> logger)
    {
        _options = options.Value;
        _logger = logger;
        Capacity = Environment.ProcessorCount;
        EnsureLoops(serverOptions.Value.Loops);
    }

    /// <summary>Told of each loop started after the host's own (on the thread that asked for it, under the host's lock: be quick).</summary>
    public event Action<EventLoop.EventLoop>? LoopAdded;

    /// <summary>The most loops there can be: one per core.</summary>
    public int Capacity { get; }

    /// <summary>The loops so far, in index order.</summary>
    public IReadOnlyList<EventLoop.EventLoop> Loops => _loops;

    /// <summary>Whether every loop runs.</summary>
    public bool AllRunning => _loops.All(l => l.IsRunning);

    /// <summary>The loop that made the task with id <paramref name="taskId"/>, or null when that loop does not exist.</summary>
    public EventLoop.EventLoop? LoopOfTask(long taskId)
    {
        var loops = _loops;
        var index = EventLoop.EventLoop.IndexOfTask(taskId, Capacity);
        return index < loops.Length ? loops[index] : null;
    }

    /// <summary>Makes (and, once the host runs, starts) loops until there are <paramref name="count"/>.</summary>
    public void EnsureLoops(int count)
    {
        if (count < 1 || count > Capacity)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"expected 1..{Capacity} loops (one per core)");
        }

        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_stopped, this);
            while (_loops.Length < count)
            {
                var loop = new EventLoop.EventLoop(_options.ForLoop(_loops.Length, Capacity));
                _loops = [.. _loops, loop];
                if (_started)
                {
                    loop.Start();
                    LogStarted(_logger, loop.Options.Name);
                    LoopAdded?.Invoke(loop);
                }
            }
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            foreach (var loop in _loops)
            {
                loop.Start();
                LogStarted(_logger, loop.Options.Name);
            }

            _started = true;
        }

        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        EventLoop.EventLoop[] loops;
        lock (_gate)
        {
            _stopped = true;
            loops = _loops;
        }

        var reports = await Task.WhenAll(loops.Select(l => l.StopAsync(StopDeadline)));
        foreach (var (loop, report) in loops.Zip(reports))
        {
            foreach (var task in report.NeverAwaitedAtStop)
            {
                LogNeverAwaited(_logger, task.Name, task.Id, task.Kind, loop.Options.Name);
            }

            if (!report.AllTasksEnded)
            {
                LogStillAlive(_logger, report.StillAlive.Count, StopDeadline.TotalSeconds, loop.Options.Name);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var loop in _loops)
        {
            await loop.DisposeAsync();
        }
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Event loop '{Name}' started")]
    private static partial void LogStarted(ILogger logger, string name);

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "Task '{Name}' #{Id} ({Kind}) was never awaited and was still alive at shutdown of loop '{Loop}'")]
    private static partial void LogNeverAwaited(ILogger logger, string name, long id, string kind, string loop);

    [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "{Count} tasks were still alive {Seconds} s after loop '{Loop}' was asked to stop")]
    private static partial void LogStillAlive(ILogger logger, int count, double seconds, string loop);
}
