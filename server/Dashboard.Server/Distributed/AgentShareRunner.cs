using System.Threading.Channels;
using Dashboard.Contracts.Runs;
using Dashboard.Load;
using Dashboard.Load.Engine;
using Dashboard.Load.Scenarios;
using Dashboard.Load.Statistics;
using Microsoft.Extensions.Options;
using NATS.Client.Core;

namespace Dashboard.Server.Distributed;

/// <summary>
/// The agent's work: takes a share of a run when a coordinator offers one (one share at a time),
/// refuses a target outside this agent's own allow-list whoever asks, starts it at the offered
/// time on its own engine, sends each interval's figures and histograms, applies changes and
/// stops, and stops by itself when the share's coordinator falls silent for
/// <see cref="DistributedOptions.CoordinatorTimeout"/>.
/// </summary>
internal sealed partial class AgentShareRunner(
    AgentLink link,
    IOptions<LoadEngineOptions> engine,
    IOptions<DistributedOptions> distributed,
    TimeProvider time,
    ILogger<AgentShareRunner> log) : IHostedService, IAsyncDisposable
{
    /// <summary>Intervals waiting to be sent; past it (the broker gone for minutes) the oldest are dropped and counted.</summary>
    public const int OutboxCapacity = 1_024;

    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _work = [];
    private Share? _share;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var connection = link.Connection ?? throw new InvalidOperationException("the agent's link has not connected");
        var start = await connection.SubscribeCoreAsync<byte[]>(AgentSubjects.Start(link.Name), cancellationToken: cancellationToken);
        var change = await connection.SubscribeCoreAsync<byte[]>(AgentSubjects.Change(link.Name), cancellationToken: cancellationToken);
        var stop = await connection.SubscribeCoreAsync<byte[]>(AgentSubjects.Stop(link.Name), cancellationToken: cancellationToken);
        var beats = await connection.SubscribeCoreAsync<byte[]>(AgentSubjects.Coordinator, cancellationToken: cancellationToken);
        var token = _stopping.Token;
        _work.Add(NatsMessaging.ReadAllAsync(start, m => OnStartAsync(connection, m), token));
        _work.Add(NatsMessaging.ReadAllAsync(change, OnChangeAsync, token));
        _work.Add(NatsMessaging.ReadAllAsync(stop, OnStop, token));
        _work.Add(NatsMessaging.ReadAllAsync(beats, OnBeat, token));
        _work.Add(WatchCoordinatorAsync(token));
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Current() is { } share)
        {
            // Started or still waiting for its start time: either way it ends now, and says so.
            share.Stop($"agent {link.Name} was stopped (Ctrl+C or SIGTERM)");
            await share.Ended.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        await _stopping.CancelAsync();
        await Task.WhenAll(_work).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    public ValueTask DisposeAsync()
    {
        _stopping.Dispose();
        return ValueTask.CompletedTask;
    }

    private Share? Current()
    {
        lock (_gate)
        {
            return _share;
        }
    }

    private async Task OnStartAsync(NatsConnection connection, NatsMsg<byte[]> message)
    {
        var offer = AgentWire.Decode<ShareOffer>(message.Data ?? [], out var problem);
        if (offer is null)
        {
            await ReplyAsync(message, new ShareAnswer(false, $"refused: {problem}"));
            return;
        }

        var (share, answer) = Prepare(offer);
        if (share is null)
        {
            LogRefused(offer.RunId, answer.Problem ?? "");
            await ReplyAsync(message, answer);
            return;
        }

        lock (_gate)
        {
            if (_share is { } busy)
            {
                answer = new ShareAnswer(false, $"busy with run {busy.Offer.RunId}: an agent runs one share at a time");
                share = null;
            }
            else
            {
                _share = share;
            }
        }

        await ReplyAsync(message, answer);
        if (share is not null)
        {
            link.Running = $"run {offer.RunId}";
            // Watched by StopAsync through the share's Ended, so the list of work stays four long.
            _ = RunAsync(connection, share);
        }
    }

    /// <summary>The share checked against this agent's own rules: its allow-list, its engine's limits, the offer's start time.</summary>
    private (Share? Share, ShareAnswer Answer) Prepare(ShareOffer offer)
    {
        var options = engine.Value;
        if (offer.LoopServer is { } loopServer)
        {
            var address = new Uri(loopServer);
            var origin = LoadEngineOptions.OriginOf(address);
            if (!link.Announcement.AllowedTargets.Contains(origin, StringComparer.OrdinalIgnoreCase))
            {
                return (null, new ShareAnswer(false, $"refused: the target {origin} is not among the targets agent {link.Name} allows ({string.Join(", ", link.Announcement.AllowedTargets)}); start it with --allow {origin}"));
            }

            options = options.WithLoopServer(address);
        }

        var validated = new ScenarioValidator(options).Parse(offer.Scenario);
        if (!validated.IsValid)
        {
            return (null, new ShareAnswer(false, $"refused: agent {link.Name} cannot run its share: {validated.Errors[0].Path}: {validated.Errors[0].Message}", validated.Errors.Select(e => new FieldError(e.Path, e.Message)).ToArray()));
        }

        var now = time.GetUtcNow();
        if (offer.StartAt > now + TimeSpan.FromMinutes(1))
        {
            return (null, new ShareAnswer(false, $"refused: the start time {offer.StartAt:O} is more than a minute away on agent {link.Name}'s clock ({now:O})"));
        }

        return (new Share(offer, options, validated, now), new ShareAnswer(true));
    }

    private async Task RunAsync(NatsConnection connection, Share share)
    {
        var offer = share.Offer;
        var outbox = Channel.CreateBounded<ShareInterval>(new BoundedChannelOptions(OutboxCapacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        var sender = SendAsync(connection, outbox.Reader, AgentSubjects.Intervals(offer.RunId));
        RunOutcome outcome = RunOutcome.Cancelled;
        string? message = null;
        LoadStatistics? whole = null;
        double seconds = 0;
        var warnings = new List<string>();
        try
        {
            var wait = offer.StartAt - time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, share.Cancelled);
            }

            var load = await new LoadEngine(share.Options, time).StartAsync(share.Validated, new LoadRunOptions
            {
                // The coordinator's run id: the loop server's figures of this run count our requests too.
                RunId = offer.RunId,
                OnInterval = interval => outbox.Writer.TryWrite(ShareInterval.Of(offer.RunId, link.Name, link.Instance, interval)),
            }, share.Cancelled);
            share.Attach(load);
            LogStarted(offer.RunId, offer.StartAt);
            var summary = await load.Completion;
            (outcome, message, whole, seconds) = (summary.Outcome, summary.OutcomeMessage, summary.Load, summary.DurationSeconds);
            warnings.AddRange(summary.Warnings);
        }
        catch (OperationCanceledException)
        {
            message = share.StopReason ?? "stopped before it started";
        }
        catch (Exception ex)
        {
            message = $"agent {link.Name}'s engine failed: {ex.Message}";
            LogFailed(offer.RunId, ex.Message);
        }
        finally
        {
            outbox.Writer.TryComplete();
            await sender;
            lock (_gate)
            {
                _share = null;
            }

            link.Running = null;
        }

        // Why it was stopped (by its coordinator, or because the coordinator fell silent) says more than the engine's "stopped on request".
        message = share.StopReason ?? message;

        // Lost with the broker: the coordinator counts a share it never heard end as lost.
        await NatsMessaging.TryPublishAsync(connection, AgentSubjects.Ended(offer.RunId), new ShareEnded(offer.RunId, link.Name, link.Instance, outcome, message, whole, seconds, warnings));

        share.MarkEnded();
        LogEnded(offer.RunId, outcome.ToString(), message ?? "");
    }

    private static async Task SendAsync(NatsConnection connection, ChannelReader<ShareInterval> intervals, string subject)
    {
        await foreach (var interval in intervals.ReadAllAsync())
        {
            // Disconnected: this interval is missing at the coordinator, which says so.
            await NatsMessaging.TryPublishAsync(connection, subject, interval);
        }
    }

    private async Task OnChangeAsync(NatsMsg<byte[]> message)
    {
        var change = AgentWire.Decode<ShareChange>(message.Data ?? [], out var problem);
        var share = Current();
        ShareAnswer answer;
        if (change is null)
        {
            answer = new ShareAnswer(false, $"refused: {problem}");
        }
        else if (share?.Load is not { } load || share.Offer.RunId != change.RunId)
        {
            answer = new ShareAnswer(false, $"agent {link.Name} runs no share of run {change.RunId}");
        }
        else
        {
            var errors = new List<FieldError>();
            Apply(errors, "rate", change.Rate is { } rate ? () => load.SetRate(rate) : null);
            Apply(errors, "users", change.Users is { } users ? () => load.SetCopies(users) : null);
            answer = errors.Count == 0 ? new ShareAnswer(true) : new ShareAnswer(false, $"agent {link.Name}: {errors[0].Message}", errors);
        }

        await ReplyAsync(message, answer);

        static void Apply(List<FieldError> errors, string field, Action? change)
        {
            try
            {
                change?.Invoke();
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
            {
                errors.Add(new FieldError(field, ex.Message.Split(" (Parameter")[0]));
            }
        }
    }

    private Task OnStop(NatsMsg<byte[]> message)
    {
        if (AgentWire.Decode<ShareStop>(message.Data ?? [], out _) is { } stop && Current() is { } share && share.Offer.RunId == stop.RunId)
        {
            share.Stop(stop.Reason);
        }

        return Task.CompletedTask;
    }

    private Task OnBeat(NatsMsg<byte[]> message)
    {
        if (AgentWire.Decode<CoordinatorBeat>(message.Data ?? [], out _) is { } beat && Current() is { } share && share.Offer.Coordinator == beat.Instance)
        {
            share.Heard(time.GetUtcNow());
        }

        return Task.CompletedTask;
    }

    /// <summary>Stops the share whose coordinator has been silent too long (restarted or cut off): nobody would read its figures.</summary>
    private async Task WatchCoordinatorAsync(CancellationToken stopping)
    {
        var timeout = distributed.Value.CoordinatorTimeout;
        using var timer = new PeriodicTimer(distributed.Value.HeartbeatInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping))
            {
                if (Current() is { } share && time.GetUtcNow() - share.LastHeard > timeout)
                {
                    LogCoordinatorSilent(share.Offer.RunId, timeout.TotalSeconds);
                    share.Stop($"the coordinator has been silent for more than {timeout.TotalSeconds:0.#} s (Distributed:CoordinatorTimeout): agent {link.Name} stopped its share");
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    private static async Task ReplyAsync(NatsMsg<byte[]> message, ShareAnswer answer)
    {
        if (message.ReplyTo is null)
        {
            return;
        }

        try
        {
            await message.ReplyAsync(AgentWire.Encode(answer));
        }
        catch (NatsException)
        {
            // The coordinator times out and says so.
        }
    }

    /// <summary>One share: the offer, the engine's options and scenario for it, its run once started.</summary>
    private sealed class Share(ShareOffer offer, LoadEngineOptions options, ScenarioValidationResult validated, DateTimeOffset offeredAt)
    {
        private readonly CancellationTokenSource _cancel = new();
        private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private long _lastHeardTicks = offeredAt.UtcTicks;

        public ShareOffer Offer { get; } = offer;

        public LoadEngineOptions Options { get; } = options;

        public ScenarioValidationResult Validated { get; } = validated;

        public LoadRun? Load { get; private set; }

        public string? StopReason { get; private set; }

        public CancellationToken Cancelled => _cancel.Token;

        public Task Ended => _ended.Task;

        public DateTimeOffset LastHeard => new(Interlocked.Read(ref _lastHeardTicks), TimeSpan.Zero);

        public void Heard(DateTimeOffset at) => Interlocked.Exchange(ref _lastHeardTicks, at.UtcTicks);

        public void Attach(LoadRun load)
        {
            Load = load;
            if (StopReason is not null)
            {
                load.Stop();
            }
        }

        public void Stop(string reason)
        {
            StopReason ??= reason;
            if (Load is { } load)
            {
                load.Stop();
            }
            else
            {
                _cancel.Cancel();
            }
        }

        public void MarkEnded() => _ended.TrySetResult();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a share of run {RunId}: {Problem}")]
    private partial void LogRefused(string runId, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "Started a share of run {RunId} at {StartAt}")]
    private partial void LogStarted(string runId, DateTimeOffset startAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Share of run {RunId} ended: {Outcome} {Message}")]
    private partial void LogEnded(string runId, string outcome, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Share of run {RunId} failed: {Message}")]
    private partial void LogFailed(string runId, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The coordinator of run {RunId} has been silent for {Seconds} s: stopping the share")]
    private partial void LogCoordinatorSilent(string runId, double seconds);
}
