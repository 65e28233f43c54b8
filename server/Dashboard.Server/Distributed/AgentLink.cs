using Dashboard.Load;
using Dashboard.Server.History;
using Microsoft.Extensions.Options;
using NATS.Client.Core;

namespace Dashboard.Server.Distributed;

/// <summary>
/// The agent's side of the broker: connects at start (or fails the start, naming the broker),
/// announces itself and its capacity, heartbeats every <see cref="DistributedOptions.HeartbeatInterval"/>,
/// announces again when a coordinator asks, answers clock pings, and says goodbye when stopped.
/// </summary>
internal sealed partial class AgentLink(
    IOptions<DistributedOptions> distributed,
    IOptions<AgentOptions> agent,
    IOptions<LoadEngineOptions> engine,
    RunEnvironment environment,
    TimeProvider time,
    ILoggerFactory loggers,
    ILogger<AgentLink> log) : IHostedService, IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly string _instance = Guid.NewGuid().ToString("N");
    private NatsConnection? _connection;

    // Set when the broker is lost, so the client's "opened" at the first connect is not taken for a return.
    private volatile bool _lost;
    private Task _work = Task.CompletedTask;

    public string Name => agent.Value.EffectiveName;

    /// <summary>This process's instance id (new at each start).</summary>
    public string Instance => _instance;

    /// <summary>The broker connection, once started.</summary>
    public NatsConnection? Connection => _connection;

    /// <summary>What the agent runs now, in its heartbeats ("run ID"); null when idle.</summary>
    public string? Running { get; set; }

    /// <summary>What this agent tells the coordinator about itself.</summary>
    public AgentAnnouncement Announcement
    {
        get
        {
            var options = engine.Value;
            var targets = new[] { LoadEngineOptions.OriginOf(options.LoopServerAddress) }
                .Concat(options.AllowedTargetOrigins.Select(o => LoadEngineOptions.OriginOf(new Uri(o))))
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .ToArray();
            return new AgentAnnouncement(Name, _instance, Environment.MachineName, environment.AppVersion, Environment.ProcessorCount, options.MaxConnections, targets);
        }
    }

    /// <summary>The broker's address, without credentials.</summary>
    public string Broker => NatsAddress.Parse(distributed.Value.Nats ?? "").Display;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = distributed.Value;
        if (!settings.Enabled)
        {
            throw new BrokerUnavailableException("an agent needs a broker: expected --nats nats://HOST:4222 (or Distributed:Nats)");
        }

        var connection = await NatsConnector.ConnectAsync(settings, $"loopdash-agent-{Name}", loggers, cancellationToken);
        _connection = connection;
        connection.ConnectionDisconnected += (_, _) =>
        {
            _lost = true;
            LogBrokerLost(Broker);
            return ValueTask.CompletedTask;
        };
        connection.ConnectionOpened += async (_, _) =>
        {
            if (!_lost)
            {
                return;
            }

            _lost = false;
            LogBrokerBack(Broker);
            // A coordinator that restarted meanwhile has forgotten us.
            await PublishAsync(AgentSubjects.Announce, Announcement);
        };

        // Subscribed before the first announcement, so a discover that answers it is not missed.
        var discover = await connection.SubscribeCoreAsync<byte[]>(AgentSubjects.Discover, cancellationToken: cancellationToken);
        var clock = await connection.SubscribeCoreAsync<byte[]>(AgentSubjects.Clock(Name), cancellationToken: cancellationToken);
        await connection.PingAsync(cancellationToken);
        await PublishAsync(AgentSubjects.Announce, Announcement);
        _work = Task.WhenAll(
            AnswerDiscoverAsync(discover, _stopping.Token),
            AnswerClockAsync(clock, _stopping.Token),
            HeartbeatAsync(settings.HeartbeatInterval, _stopping.Token));
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_connection is { } connection && connection.ConnectionState == NatsConnectionState.Open)
        {
            await PublishAsync(AgentSubjects.Leave, new AgentFarewell(Name, _instance));
            await connection.PingAsync(cancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(2), cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        await _stopping.CancelAsync();
        await _work.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    public async ValueTask DisposeAsync()
    {
        _stopping.Dispose();
        if (_connection is { } connection)
        {
            await connection.DisposeAsync();
        }
    }

    private Task AnswerDiscoverAsync(INatsSub<byte[]> subscription, CancellationToken stopping) =>
        NatsMessaging.ReadAllAsync(subscription, _ => PublishAsync(AgentSubjects.Announce, Announcement), stopping);

    private Task AnswerClockAsync(INatsSub<byte[]> subscription, CancellationToken stopping) =>
        NatsMessaging.ReadAllAsync(subscription, async message =>
        {
            if (message.ReplyTo is null)
            {
                return;
            }

            try
            {
                await message.ReplyAsync(AgentWire.Encode(new ClockReading(_instance, time.GetUtcNow())), cancellationToken: stopping);
            }
            catch (NatsException)
            {
                // The broker went away; the coordinator asks again.
            }
        }, stopping);

    private async Task HeartbeatAsync(TimeSpan interval, CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping))
            {
                await PublishAsync(AgentSubjects.Heartbeat, new AgentHeartbeat(Name, _instance, time.GetUtcNow(), Running));
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    /// <summary>Disconnected, the message is lost; the heartbeats resume on reconnect, and an announcement follows it.</summary>
    private async Task PublishAsync<T>(string subject, T message)
        where T : IAgentMessage
    {
        if (_connection is { } connection)
        {
            await NatsMessaging.TryPublishAsync(connection, subject, message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the NATS broker at {Broker}; reconnecting")]
    private partial void LogBrokerLost(string broker);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The NATS broker at {Broker} is back")]
    private partial void LogBrokerBack(string broker);
}
