using System.Diagnostics;
using Microsoft.Extensions.Options;
using NATS.Client.Core;

namespace Dashboard.Server.Distributed;

/// <summary>
/// The coordinator's side of the broker: connects (retrying while the broker is down, saying why
/// on the agents page and in the health check), listens to the agents' announcements, heartbeats
/// and farewells, asks them to announce themselves when it starts, measures their clocks, and
/// marks the silent ones lost. Does nothing when <c>Distributed:Nats</c> is not set.
/// </summary>
internal sealed partial class CoordinatorLink(
    AgentDirectory directory,
    IOptions<DistributedOptions> options,
    TimeProvider time,
    ILoggerFactory loggers,
    ILogger<CoordinatorLink> log) : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);
    private NatsConnection? _connection;

    /// <summary>This coordinator's instance id, new at each start: an agent stops a share whose coordinator's beat stops.</summary>
    public string Instance { get; } = Guid.NewGuid().ToString("N");

    // Set when the broker is lost, so the client's "opened" at the first connect is not taken for a return.
    private volatile bool _lost;
    private long _lastDiscoverTimestamp;

    /// <summary>The broker connection once made (null before, and without a broker).</summary>
    public INatsConnection? Connection => Volatile.Read(ref _connection);

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (Interlocked.Exchange(ref _connection, null) is { } connection)
        {
            await connection.DisposeAsync();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }

        var connection = await ConnectAsync(settings, stoppingToken);
        if (connection is null)
        {
            return;
        }

        var display = directory.Broker!;
        connection.ConnectionDisconnected += (_, _) =>
        {
            _lost = true;
            directory.Disconnected($"lost the NATS broker at {display}; reconnecting");
            LogBrokerLost(display);
            return ValueTask.CompletedTask;
        };
        connection.ConnectionOpened += async (_, _) =>
        {
            if (!_lost)
            {
                return;
            }

            _lost = false;
            directory.Connected();
            // Agents that lost the broker too may have been forgotten meanwhile.
            await DiscoverAsync(connection, force: true, stoppingToken);
        };
        directory.Connected();
        LogConnected(display);

        var announce = ListenAsync<AgentAnnouncement>(connection, AgentSubjects.Announce, (a, _) =>
        {
            directory.Announced(a);
            return Task.CompletedTask;
        }, stoppingToken);
        var heartbeat = ListenAsync<AgentHeartbeat>(connection, AgentSubjects.Heartbeat, async (h, ct) =>
        {
            if (!directory.Heartbeat(h))
            {
                // An agent we do not know (we restarted, or it was forgotten): ask it who it is.
                await DiscoverAsync(connection, force: false, ct);
            }
        }, stoppingToken);
        var leave = ListenAsync<AgentFarewell>(connection, AgentSubjects.Leave, (f, _) =>
        {
            directory.Left(f);
            return Task.CompletedTask;
        }, stoppingToken);

        // The subscriptions are made before the agents are asked, so no answer is missed.
        await connection.PingAsync(stoppingToken);
        await DiscoverAsync(connection, force: true, stoppingToken);
        var watch = WatchAsync(connection, settings, stoppingToken);
        await Task.WhenAll(announce, heartbeat, leave, watch);
    }

    private async Task<NatsConnection?> ConnectAsync(DistributedOptions settings, CancellationToken stoppingToken)
    {
        string? lastProblem = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var connection = await NatsConnector.ConnectAsync(settings, "loopdash-coordinator", loggers, stoppingToken);
                Volatile.Write(ref _connection, connection);
                return connection;
            }
            catch (BrokerUnavailableException ex)
            {
                directory.Disconnected(ex.Message);
                if (ex.Message != lastProblem)
                {
                    // Once per kind of failure, not every retry.
                    LogBrokerUnavailable(ex.Message);
                    lastProblem = ex.Message;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return null;
            }

            try
            {
                await Task.Delay(RetryDelay, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return null;
            }
        }

        return null;
    }

    /// <summary>Reads one subject until stopped; a message that fails its checks is refused (counted, reason kept) and the rest go on.</summary>
    private async Task ListenAsync<T>(NatsConnection connection, string subject, Func<T, CancellationToken, Task> handle, CancellationToken stoppingToken)
        where T : class, IAgentMessage
    {
        try
        {
            await foreach (var message in connection.SubscribeAsync<byte[]>(subject, cancellationToken: stoppingToken))
            {
                var decoded = AgentWire.Decode<T>(message.Data ?? [], out var problem);
                if (decoded is null)
                {
                    directory.Refused(subject, problem!);
                    continue;
                }

                await handle(decoded, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Every heartbeat interval: marks silent agents lost, forgets old ones, and asks the due clocks.</summary>
    private async Task WatchAsync(NatsConnection connection, DistributedOptions settings, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(settings.HeartbeatInterval, time);
        try
        {
            do
            {
                directory.Sweep();
                if (connection.ConnectionState == NatsConnectionState.Open)
                {
                    await BeatAsync(connection, stoppingToken);
                    await Task.WhenAll(directory.ClockPingsDue().Select(name => AskClockAsync(connection, name, settings, stoppingToken)));
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>The broker gone, a beat is lost: agents wait CoordinatorTimeout before giving up.</summary>
    private Task BeatAsync(NatsConnection connection, CancellationToken stoppingToken) =>
        NatsMessaging.TryPublishAsync(connection, AgentSubjects.Coordinator, new CoordinatorBeat(Instance), stoppingToken);

    private async Task AskClockAsync(NatsConnection connection, string name, DistributedOptions settings, CancellationToken stoppingToken)
    {
        var askedAt = time.GetUtcNow();
        var started = Stopwatch.GetTimestamp();
        try
        {
            var reply = await connection.RequestAsync<byte[], byte[]>(
                AgentSubjects.Clock(name),
                [],
                replyOpts: new NatsSubOpts { Timeout = settings.LostAfter },
                cancellationToken: stoppingToken);
            var roundTrip = Stopwatch.GetElapsedTime(started);
            var reading = AgentWire.Decode<ClockReading>(reply.Data ?? [], out var problem);
            if (reading is null)
            {
                directory.Refused(AgentSubjects.Clock(name), problem!);
                return;
            }

            directory.ClockMeasured(name, reading.Instance, askedAt, roundTrip, reading.At);
        }
        catch (Exception ex) when (ex is NatsException or TimeoutException or OperationCanceledException)
        {
            // No answer: the heartbeats decide whether it is lost; the next ping tries again.
        }
    }

    /// <summary>Asks every agent to announce itself; unforced, at most once per heartbeat interval (many unknown heartbeats ask once).</summary>
    private async Task DiscoverAsync(NatsConnection connection, bool force, CancellationToken stoppingToken)
    {
        var last = Interlocked.Read(ref _lastDiscoverTimestamp);
        if (!force && last != 0 && Stopwatch.GetElapsedTime(last) < options.Value.HeartbeatInterval)
        {
            return;
        }

        Interlocked.Exchange(ref _lastDiscoverTimestamp, Stopwatch.GetTimestamp());
        try
        {
            await connection.PublishAsync(AgentSubjects.Discover, Array.Empty<byte>(), cancellationToken: stoppingToken);
        }
        catch (Exception ex) when (ex is NatsException or OperationCanceledException)
        {
            // The broker went away; its return asks again.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Coordinating agents through the NATS broker at {Broker}")]
    private partial void LogConnected(string broker);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Agents unavailable: {Problem}. Retrying; local runs are not affected")]
    private partial void LogBrokerUnavailable(string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the NATS broker at {Broker}; reconnecting")]
    private partial void LogBrokerLost(string broker);
}
