using Dashboard.EventLoop;
using Microsoft.Extensions.Options;

namespace Dashboard.Server.Loop;

/// <summary>Owns the process's event loop: starts it with the host and stops it, with a deadline, after.</summary>
internal sealed partial class EventLoopHost(IOptions<EventLoopOptions> options, ILogger<EventLoopHost> logger) : IHostedService, IAsyncDisposable
{
    private static readonly TimeSpan StopDeadline = TimeSpan.FromSeconds(5);

    public EventLoop.EventLoop Loop { get; } = new(options.Value);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Loop.Start();
        LogStarted(logger, options.Value.Name);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var report = await Loop.StopAsync(StopDeadline);
        foreach (var task in report.NeverAwaitedAtStop)
        {
            LogNeverAwaited(logger, task.Name, task.Id, task.Kind);
        }

        if (!report.AllTasksEnded)
        {
            LogStillAlive(logger, report.StillAlive.Count, StopDeadline.TotalSeconds);
        }
    }

    public ValueTask DisposeAsync() => Loop.DisposeAsync();

    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Event loop '{Name}' started")]
    private static partial void LogStarted(ILogger logger, string name);

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "Task '{Name}' #{Id} ({Kind}) was never awaited and was still alive at shutdown")]
    private static partial void LogNeverAwaited(ILogger logger, string name, long id, string kind);

    [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "{Count} tasks were still alive {Seconds} s after the loop was asked to stop")]
    private static partial void LogStillAlive(ILogger logger, int count, double seconds);
}
