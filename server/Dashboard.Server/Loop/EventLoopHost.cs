using Dashboard.EventLoop;
using Dashboard.LoopServer;
using Microsoft.Extensions.Options;

namespace Dashboard.Server.Loop;

/// <summary>
/// Owns the process's event loops (<c>LoopServer:Loops</c>, one by default): starts them with the
/// host and stops them, with a deadline, after.
/// </summary>
internal sealed partial class EventLoopHost : IHostedService, IAsyncDisposable
{
    private static readonly TimeSpan StopDeadline = TimeSpan.FromSeconds(5);
    private readonly ILogger<EventLoopHost> _logger;

    public EventLoopHost(IOptions<EventLoopOptions> options, IOptions<LoopServerOptions> serverOptions, ILogger<EventLoopHost> logger)
    {
        _logger = logger;
        var count = serverOptions.Value.Loops;
        Loops = Enumerable.Range(0, count).Select(i => new EventLoop.EventLoop(options.Value.ForLoop(i, count))).ToArray();
    }

    /// <summary>The loops, in index order (task ids name their loop: <see cref="EventLoop.EventLoop.IndexOfTask"/>).</summary>
    public IReadOnlyList<EventLoop.EventLoop> Loops { get; }

    /// <summary>Whether every loop runs.</summary>
    public bool AllRunning => Loops.All(l => l.IsRunning);

    /// <summary>The loop that made the task with id <paramref name="taskId"/>.</summary>
    public EventLoop.EventLoop LoopOfTask(long taskId) => Loops[EventLoop.EventLoop.IndexOfTask(taskId, Loops.Count)];

    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var loop in Loops)
        {
            loop.Start();
            LogStarted(_logger, loop.Options.Name);
        }

        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var reports = await Task.WhenAll(Loops.Select(l => l.StopAsync(StopDeadline)));
        foreach (var (loop, report) in Loops.Zip(reports))
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
        foreach (var loop in Loops)
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
