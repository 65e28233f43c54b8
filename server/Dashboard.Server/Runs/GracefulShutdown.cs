using Dashboard.Contracts.Loop;
using Dashboard.Contracts.Runs;
using Dashboard.EventLoop;
using Dashboard.LoopServer;
using Dashboard.Server.Loop;
using Microsoft.Extensions.Options;

namespace Dashboard.Server.Runs;

/// <summary>
/// The first thing the host does when it is asked to stop (Ctrl+C, SIGTERM): the loop server stops
/// accepting, every running run is stopped and marked interrupted, requests in flight get
/// <c>LoopServer:ShutdownGracePeriod</c> to finish, the tasks still alive then are listed in the
/// log and kept in each interrupted run's record, and then they are cancelled (the server closes
/// its connections), so the runs end with what they measured before the recorder writes its last
/// rows and the loops stop. Registered after every service it needs, so the host stops it first.
/// </summary>
internal sealed partial class GracefulShutdown(
    RunManager runs,
    LoopServerHost loopServer,
    EventLoopHost loops,
    IOptions<LoopServerOptions> options,
    TimeProvider time,
    ILogger<GracefulShutdown> logger) : IHostedService
{
    /// <summary>Said by every run the shutdown cuts off.</summary>
    public const string Reason = "The host shut down (Ctrl+C or SIGTERM) while the run was going; what it measured until then is kept.";

    // Tasks listed by name in the log; the run's record keeps up to LoopServer:MaxShutdownTasksListed.
    private const int LoggedTasks = 20;
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan QueryDeadline = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan RunsEndWithin = TimeSpan.FromSeconds(5);

    private readonly Lock _gate = new();
    private Task? _stopping;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Once: a host stopped twice (a test host's stop, then its dispose) shares the first stop.</summary>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return _stopping ??= ShutDownAsync(cancellationToken);
        }
    }

    private async Task ShutDownAsync(CancellationToken cancellationToken)
    {
        var grace = options.Value.ShutdownGracePeriod;
        var server = loopServer.Server;
        var interrupted = runs.Running();
        var inFlightAtStart = server?.RequestsInFlight ?? 0;
        LogStopping(logger, interrupted.Count, inFlightAtStart, grace.TotalSeconds);
        server?.StopAccepting();
        foreach (var run in interrupted)
        {
            run.Interrupt(Reason);
        }

        // Until the runs have ended and the server has answered what it was serving, or the grace period is over.
        var deadline = time.GetUtcNow() + grace;
        try
        {
            while (time.GetUtcNow() < deadline
                && (interrupted.Any(r => r.IsRunning) || (server?.RequestsInFlight ?? 0) > 0))
            {
                await Task.Delay(PollEvery, time, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            // The host's own shutdown timeout came first: report what is alive now.
        }

        var report = await ReportAsync(grace, inFlightAtStart, server?.RequestsInFlight ?? 0);
        Log(report);
        foreach (var run in interrupted)
        {
            run.AttachShutdown(report);
        }

        // What outlived the grace period is cancelled now, so the runs' engines see their last
        // requests end (answered 503 or cut) and the runs end with what they measured.
        if (server is not null)
        {
            await server.StopAsync(RunsEndWithin);
        }

        var until = time.GetUtcNow() + RunsEndWithin;
        while (interrupted.Any(r => r.IsRunning) && time.GetUtcNow() < until && !cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(PollEvery, time, CancellationToken.None);
        }

        foreach (var run in interrupted)
        {
            // A run whose engine did not end in time is ended here, so it is never left "running".
            run.CutOff();
            runs.Announce(run);
        }
    }

    /// <summary>The tasks alive on every loop now, the oldest first, without the server's own accept and connection tasks.</summary>
    private async Task<GracefulShutdownReport> ReportAsync(TimeSpan grace, long inFlightAtStart, long inFlightNow)
    {
        var alive = new List<LiveTaskInfo>();
        foreach (var loop in loops.Loops.Where(l => l.IsRunning))
        {
            try
            {
                alive.AddRange((await loop.GetLiveTasksAsync().WaitAsync(QueryDeadline)).Where(t => !t.Kind.StartsWith("server/", StringComparison.Ordinal)));
            }
            catch (Exception ex) when (ex is TimeoutException or ObjectDisposedException or InvalidOperationException)
            {
                LogLoopUnanswered(logger, loop.Options.Name, ex.Message);
            }
        }

        return new GracefulShutdownReport
        {
            GraceSeconds = grace.TotalSeconds,
            RequestsInFlightAtStart = inFlightAtStart,
            RequestsInFlightAtDeadline = inFlightNow,
            TasksAlive = alive.Count,
            Tasks = alive.OrderByDescending(t => t.AgeTicks).Take(options.Value.MaxShutdownTasksListed).Select(LiveTaskMapper.ToContract).ToArray(),
        };
    }

    private void Log(GracefulShutdownReport report)
    {
        if (report.TasksAlive == 0)
        {
            LogAllEnded(logger, report.GraceSeconds);
            return;
        }

        LogStillAlive(logger, report.TasksAlive, report.GraceSeconds, report.RequestsInFlightAtDeadline);
        foreach (var task in report.Tasks.Take(LoggedTasks))
        {
            LogAliveTask(logger, task.Name, task.Id, task.Kind, LoopNames.Of(task.Loop), task.State, task.AgeMs, task.ParentId);
        }

        if (report.TasksAlive > LoggedTasks)
        {
            LogMoreAlive(logger, report.TasksAlive - LoggedTasks);
        }
    }

    [LoggerMessage(EventId = 230, Level = LogLevel.Information, Message = "Shutting down: the loop server stops accepting; {Runs} running run(s) interrupted; {InFlight} request(s) in flight get {Seconds} s to finish")]
    private static partial void LogStopping(ILogger logger, int runs, long inFlight, double seconds);

    [LoggerMessage(EventId = 231, Level = LogLevel.Information, Message = "Every task ended within the {Seconds} s grace period")]
    private static partial void LogAllEnded(ILogger logger, double seconds);

    [LoggerMessage(EventId = 232, Level = LogLevel.Warning, Message = "{Count} task(s) still alive at the end of the {Seconds} s grace period ({InFlight} request(s) unanswered); they are cancelled with the loops")]
    private static partial void LogStillAlive(ILogger logger, int count, double seconds, long inFlight);

    [LoggerMessage(EventId = 233, Level = LogLevel.Warning, Message = "Still alive: '{Name}' #{Id} ({Kind}) on {Loop}, {State}, {AgeMs:0} ms old, child of #{ParentId}")]
    private static partial void LogAliveTask(ILogger logger, string name, long id, string kind, string loop, string state, double ageMs, long parentId);

    [LoggerMessage(EventId = 234, Level = LogLevel.Warning, Message = "… and {Count} more task(s) still alive")]
    private static partial void LogMoreAlive(ILogger logger, int count);

    [LoggerMessage(EventId = 235, Level = LogLevel.Warning, Message = "Loop '{Loop}' did not list its tasks at shutdown: {Reason}")]
    private static partial void LogLoopUnanswered(ILogger logger, string loop, string reason);
}
