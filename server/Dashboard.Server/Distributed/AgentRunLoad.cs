using System.Diagnostics;
using System.Threading.Channels;
using Dashboard.Contracts.Agents;
using Dashboard.Contracts.Runs;
using Dashboard.Contracts.Scenarios;
using Dashboard.Load;
using Dashboard.Load.Statistics;
using Dashboard.Load.Thresholds;
using Dashboard.Server.Runs;
using NATS.Client.Core;

namespace Dashboard.Server.Distributed;

/// <summary>Agents refused their shares, or too few are live: the run does not start. Each problem names the agent.</summary>
internal sealed class AgentRunRefusedException(IReadOnlyList<FieldError> errors)
    : InvalidOperationException(string.Join("; ", errors.Select(e => e.Message)))
{
    public IReadOnlyList<FieldError> Errors { get; } = errors;
}

/// <summary>
/// A run whose load comes from agents: offers each its share with a common start time (moved by
/// its measured clock offset), then merges what they send. Interval k of every agent covers the
/// same span (same start, same interval), so the merged interval k is emitted once every active
/// agent has sent its k, or when k is overdue (a slow or lost agent's part is then missing from it,
/// never counted as zero). The whole run's figures are every part received, merged. Thresholds are
/// judged on the merged figures; an agent that stops heartbeating is lost, and the run goes on with
/// the rest or aborts (<c>onAgentLost</c>).
/// </summary>
internal sealed partial class AgentRunLoad : IRunLoad, IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly string _runId;
    private readonly ScenarioDefinition _scenario;
    private readonly IReadOnlyList<RunParticipant> _participants;
    private readonly NatsConnection _connection;
    private readonly AgentDirectory _directory;
    private readonly DistributedOptions _options;
    private readonly TimeProvider _time;
    private readonly Func<IReadOnlyDictionary<string, double>?> _loopMetrics;
    private readonly ThresholdExpression[] _thresholds;
    private readonly MergedFigures _interval;
    private readonly MergedFigures _whole;
    private readonly MergedFigures _warmUp;
    private readonly SortedDictionary<int, List<(RunParticipant Agent, IntervalStatistics Interval, IntervalHistograms Histograms)>> _pending = [];
    private readonly Channel<IntervalStatistics> _merged = Channel.CreateUnbounded<IntervalStatistics>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TaskCompletionSource<RunSummary> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<string> _warnings = [];
    private readonly TimeSpan _intervalLength;
    private readonly TimeSpan _warmUpLength;
    private readonly TimeSpan _plannedLength;
    private readonly int _lastIndex;
    private readonly Action<IntervalStatistics> _onInterval;
    private DateTimeOffset _startAt;
    private long _startTimestamp;
    private int _nextIndex;
    private int _emitted;
    private RunOutcome? _outcome;
    private string? _outcomeMessage;
    private string _phase = "starting";
    private double? _targetRate;
    private long _refused;
    private bool _brokerLost;
    private Task _work = Task.CompletedTask;

    /// <summary>Warnings kept from each agent's end (its engine's, e.g. clamped latencies).</summary>
    public const int MaxWarningsPerAgent = 10;

    public AgentRunLoad(
        string runId,
        ScenarioDefinition scenario,
        IReadOnlyList<RunParticipant> participants,
        NatsConnection connection,
        AgentDirectory directory,
        DistributedOptions options,
        LoadEngineOptions engine,
        TimeProvider time,
        Action<IntervalStatistics> onInterval,
        Func<IReadOnlyDictionary<string, double>?> loopMetrics,
        TimeSpan interval,
        TimeSpan warmUp,
        TimeSpan planned)
    {
        _runId = runId;
        _scenario = scenario;
        _participants = participants;
        _connection = connection;
        _directory = directory;
        _options = options;
        _time = time;
        _onInterval = onInterval;
        _loopMetrics = loopMetrics;
        _intervalLength = interval;
        _warmUpLength = warmUp;
        _plannedLength = planned;
        // The plan's intervals, and room for a drain and a stop that comes late.
        _lastIndex = (int)Math.Min(10_000_000, Math.Ceiling(planned.TotalSeconds / interval.TotalSeconds) + 1_000);
        var highest = (long)engine.HighestTrackableLatency.TotalMicroseconds;
        _interval = new MergedFigures(highest);
        _whole = new MergedFigures(highest);
        _warmUp = new MergedFigures(highest);
        _thresholds = (scenario.Thresholds ?? [])
            .Select(t => ThresholdExpression.TryParse(t.Expression, t.AbortOnFail, out var expression, out _) ? expression : null)
            .OfType<ThresholdExpression>()
            .ToArray();
    }

    public long MeasuredFromTimestamp => _startTimestamp + (long)(_warmUpLength.TotalSeconds * Stopwatch.Frequency);

    public string CurrentPhase
    {
        get
        {
            lock (_gate)
            {
                return _phase;
            }
        }
    }

    public double ElapsedSeconds => _startTimestamp == 0 ? 0 : Math.Max(0, Stopwatch.GetElapsedTime(_startTimestamp).TotalSeconds);

    public Task<RunSummary> Completion => _completion.Task;

    public IReadOnlyList<RunAgent> Agents()
    {
        lock (_gate)
        {
            return _participants.Select(p => p.ToContract()).ToArray();
        }
    }

    /// <summary>
    /// Offers every agent its share, starting at <paramref name="startAt"/> (the coordinator's clock);
    /// throws <see cref="AgentRunRefusedException"/> when any refuses (the others are stopped).
    /// </summary>
    public async Task StartAsync(DateTimeOffset startAt, string coordinator, string? loopServer, CancellationToken cancellationToken)
    {
        _startAt = startAt;
        _startTimestamp = Stopwatch.GetTimestamp() + (long)((startAt - _time.GetUtcNow()).TotalSeconds * Stopwatch.Frequency);
        // Subscribed before the offers: no interval can come before we listen.
        var intervals = await _connection.SubscribeCoreAsync<byte[]>(AgentSubjects.Intervals(_runId), cancellationToken: cancellationToken);
        var ended = await _connection.SubscribeCoreAsync<byte[]>(AgentSubjects.Ended(_runId), cancellationToken: cancellationToken);
        await _connection.PingAsync(cancellationToken);

        var answers = await Task.WhenAll(_participants.Select(p => OfferAsync(p, startAt, coordinator, loopServer, cancellationToken)));
        var refusals = answers.Where(a => !a.Answer.Accepted).ToArray();
        if (refusals.Length > 0)
        {
            foreach (var (agent, _) in answers.Where(a => a.Answer.Accepted))
            {
                await PublishAsync(AgentSubjects.Stop(agent.Name), new ShareStop(_runId, "another agent refused its share: the run did not start"));
            }

            await intervals.DisposeAsync();
            await ended.DisposeAsync();
            throw new AgentRunRefusedException(refusals
                .SelectMany(r => (r.Answer.Errors is { Count: > 0 } errors ? errors : [new FieldError("", r.Answer.Problem ?? "refused")])
                    .Select(e => new FieldError("agents", $"agent {r.Agent.Name}: {(e.Path.Length > 0 ? e.Path + ": " : "")}{e.Message}")))
                .ToArray());
        }

        _work = Task.WhenAll(
            ReadAsync(intervals, OnInterval),
            ReadAsync(ended, OnEnded),
            WatchAsync(),
            EmitAsync());
    }

    public void Stop() => EndAll(RunOutcome.Stopped, "stopped on request");

    public void Finish(string reason) => EndAll(RunOutcome.Completed, reason);

    public void SetRate(double rate)
    {
        if (RateRefusal(rate) is { } refusal)
        {
            throw new InvalidOperationException(refusal);
        }

        var active = Active();
        var total = active.Sum(p => p.Share);
        foreach (var agent in active)
        {
            _ = ChangeAsync(agent, new ShareChange(_runId, rate * agent.Share / total, null));
        }
    }

    public void SetCopies(int copies)
    {
        if (CopiesRefusal(copies) is { } refusal)
        {
            throw new InvalidOperationException(refusal);
        }

        var active = Active();
        var total = active.Sum(p => p.Share);
        var users = ShareSplit.Apportion(copies, active.Select(p => p.Share / total).ToArray());
        for (var i = 0; i < active.Count; i++)
        {
            _ = ChangeAsync(active[i], new ShareChange(_runId, null, users[i]));
        }
    }

    public string? RateRefusal(double rate)
    {
        lock (_gate)
        {
            return !(rate > 0 && double.IsFinite(rate)) ? $"expected a rate > 0, got {rate}"
                : _targetRate is null ? $"the current phase ({_phase}) sets no rate: change \"users\" in a closed-model phase"
                : _participants.All(p => !p.Active) ? "no agent is running the run any more"
                : null;
        }
    }

    public string? CopiesRefusal(int copies)
    {
        lock (_gate)
        {
            return copies < 0 ? $"expected users ≥ 0, got {copies}"
                : _targetRate is not null ? $"the current phase ({_phase}) sets a rate: change \"rate\" in an open-model phase"
                : _participants.All(p => !p.Active) ? "no agent is running the run any more"
                : null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _work.ContinueWith(_ => { }, TaskScheduler.Default);
        _stopping.Dispose();
    }

    private List<RunParticipant> Active()
    {
        lock (_gate)
        {
            return _participants.Where(p => p.Active).ToList();
        }
    }

    private async Task<(RunParticipant Agent, ShareAnswer Answer)> OfferAsync(RunParticipant agent, DateTimeOffset startAt, string coordinator, string? loopServer, CancellationToken cancellationToken)
    {
        // The agent starts when its own clock says startAt + its offset: the same instant as the others.
        var agentStart = ClockOffsetEstimate.OnAgentClock(startAt, agent.ClockOffsetMs);
        var offer = new ShareOffer(_runId, coordinator, ScenarioJson.Serialize(agent.Scenario), loopServer, agentStart);
        try
        {
            var reply = await _connection.RequestAsync<byte[], byte[]>(
                AgentSubjects.Start(agent.Name),
                AgentWire.Encode(offer),
                replyOpts: new NatsSubOpts { Timeout = _options.StartLead },
                cancellationToken: cancellationToken);
            var answer = AgentWire.Decode<ShareAnswer>(reply.Data ?? [], out var problem);
            return (agent, answer ?? new ShareAnswer(false, $"its answer was not understood: {problem}"));
        }
        catch (Exception ex) when (ex is NatsException or TimeoutException or OperationCanceledException)
        {
            return (agent, new ShareAnswer(false, $"no answer within {_options.StartLead.TotalSeconds:0.#} s (Distributed:StartLead): {ex.Message}"));
        }
    }

    private async Task ChangeAsync(RunParticipant agent, ShareChange change)
    {
        try
        {
            var reply = await _connection.RequestAsync<byte[], byte[]>(
                AgentSubjects.Change(agent.Name),
                AgentWire.Encode(change),
                replyOpts: new NatsSubOpts { Timeout = _options.LostAfter },
                cancellationToken: _stopping.Token);
            if (AgentWire.Decode<ShareAnswer>(reply.Data ?? [], out _) is { Accepted: false } refused)
            {
                Warn($"agent {agent.Name} refused a change: {refused.Problem}");
            }
        }
        catch (Exception ex) when (ex is NatsException or TimeoutException or OperationCanceledException)
        {
            Warn($"agent {agent.Name} did not answer a change: {ex.Message}");
        }
    }

    private void OnInterval(byte[] data)
    {
        var message = AgentWire.Decode<ShareInterval>(data, AgentWire.MaxIntervalBytes, out _);
        IntervalHistograms histograms;
        try
        {
            histograms = message?.Histograms() ?? throw new InvalidDataException("not an interval");
        }
        catch (InvalidDataException)
        {
            Interlocked.Increment(ref _refused);
            return;
        }

        var interval = message!.Interval;
        lock (_gate)
        {
            var agent = _participants.FirstOrDefault(p => p.Name == message.Agent && p.Instance == message.Instance);
            if (agent is null || agent.State is RunAgentStates.Lost or RunAgentStates.Failed)
            {
                // Not in the run, or already counted out: its figures stay out too.
                Interlocked.Increment(ref _refused);
                return;
            }

            agent.Intervals++;
            agent.Latest = interval.Load;
            if (interval.WarmUp)
            {
                _warmUp.Add(interval.Load, histograms);
            }
            else
            {
                agent.Requests += interval.Load.Requests;
                agent.Failures += interval.Load.Failures;
                agent.MeasuredSeconds += interval.DurationSeconds;
                _whole.Add(interval.Load, histograms);
            }

            if (interval.Index > _lastIndex)
            {
                // Past anything the plan can make (a hostile or broken sender): not kept, so memory stays bounded.
                Interlocked.Increment(ref _refused);
                return;
            }

            if (interval.Index < _nextIndex)
            {
                // Late: its interval was emitted without it; it still counts in the whole run.
                return;
            }

            if (!_pending.TryGetValue(interval.Index, out var parts))
            {
                _pending[interval.Index] = parts = [];
            }

            parts.Add((agent, interval, histograms));
            EmitReady(overdueBefore: null);
        }
    }

    private void OnEnded(byte[] data)
    {
        var ended = AgentWire.Decode<ShareEnded>(data, AgentWire.MaxIntervalBytes, out _);
        lock (_gate)
        {
            var agent = ended is null ? null : _participants.FirstOrDefault(p => p.Name == ended.Agent && p.Instance == ended.Instance);
            if (agent is null)
            {
                Interlocked.Increment(ref _refused);
                return;
            }

            agent.Ended = ended;
            if (agent.Active)
            {
                // A share that ended short while the run goes on (its engine failed, the agent was stopped) failed.
                var failed = ended!.Outcome != RunOutcome.Completed && _outcome is null;
                agent.State = failed ? RunAgentStates.Failed : RunAgentStates.Done;
                agent.Message = ended.Message;
            }

            foreach (var warning in (ended!.Warnings ?? []).Take(MaxWarningsPerAgent))
            {
                _warnings.Add($"agent {agent.Name}: {warning}");
            }

            EmitReady(overdueBefore: null);
            TryComplete();
        }
    }

    /// <summary>Every tick: agents that stopped heartbeating are lost; overdue intervals go out with whoever sent them; an end that never comes is forced.</summary>
    private async Task WatchAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromTicks(Math.Max(TimeSpan.FromMilliseconds(50).Ticks, Math.Min(_intervalLength.Ticks / 2, _options.HeartbeatInterval.Ticks))), _time);
        var grace = TimeSpan.FromTicks(Math.Max(_intervalLength.Ticks * 2, TimeSpan.FromSeconds(1).Ticks)) + _options.HeartbeatInterval;
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token))
            {
                var now = _time.GetUtcNow();
                var status = _directory.Status();
                var agents = status.Agents;
                string? abort = null;
                lock (_gate)
                {
                    foreach (var agent in _participants.Where(p => p.Active))
                    {
                        var known = agents.FirstOrDefault(a => a.Name == agent.Name);
                        if (known is null || known.Instance != agent.Instance || known.State != AgentStates.Live)
                        {
                            agent.State = RunAgentStates.Lost;
                            var missing = Math.Max(0, (int)Math.Floor((now - _startAt).TotalSeconds / _intervalLength.TotalSeconds) - agent.Intervals);
                            agent.Message = known?.Instance is { } instance && instance != agent.Instance
                                ? $"restarted at {now:HH:mm:ss} UTC (a new instance): its share ended there"
                                : !status.Connected
                                    ? $"lost at {now:HH:mm:ss} UTC with the NATS broker at {status.Broker}: what it sent until then counts, the rest of its share is missing, not counted as zero"
                                    : $"lost at {now:HH:mm:ss} UTC: no heartbeat for more than {_options.LostAfter.TotalSeconds:0.#} s (Distributed:LostAfter); what it sent until then counts, the rest of its share is missing, not counted as zero";
                            _brokerLost |= !status.Connected;
                            _warnings.Add($"agent {agent.Name}: {agent.Message}");
                            if (_scenario.OnAgentLost == AgentLostActions.Abort)
                            {
                                abort ??= $"aborted: agent {agent.Name} was lost (onAgentLost: abort)";
                            }
                        }
                    }

                    // Interval k is due when every agent's k should have ended, plus grace.
                    var due = (int)Math.Floor(((now - _startAt) - grace).TotalSeconds / _intervalLength.TotalSeconds);
                    EmitReady(overdueBefore: due);
                    if (now - _startAt > _plannedLength + grace + TimeSpan.FromSeconds(30) + _options.LostAfter)
                    {
                        foreach (var agent in _participants.Where(p => p.Active))
                        {
                            agent.State = RunAgentStates.Lost;
                            agent.Message = "never said its share ended: counted out at the run's deadline";
                        }
                    }

                    TryComplete();
                }

                if (abort is not null)
                {
                    EndAll(RunOutcome.Cancelled, abort);
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
    }

    /// <summary>Ends every agent's share: the first reason given is the run's.</summary>
    private void EndAll(RunOutcome outcome, string reason)
    {
        List<RunParticipant> active;
        lock (_gate)
        {
            if (_outcome is null)
            {
                _outcome = outcome;
                _outcomeMessage = reason;
            }

            active = _participants.Where(p => p.Active).ToList();
        }

        foreach (var agent in active)
        {
            _ = PublishAsync(AgentSubjects.Stop(agent.Name), new ShareStop(_runId, reason));
        }
    }

    private void Warn(string warning)
    {
        lock (_gate)
        {
            if (_warnings.Count < 100)
            {
                _warnings.Add(warning);
            }
        }
    }

    private Task ReadAsync(INatsSub<byte[]> subscription, Action<byte[]> handle) =>
        NatsMessaging.ReadAllAsync(subscription, message =>
        {
            handle(message.Data ?? []);
            return Task.CompletedTask;
        }, _stopping.Token);

    /// <summary>The broker gone, a stop is lost: the agents stop by themselves once the coordinator's beat stops.</summary>
    private Task PublishAsync<T>(string subject, T message)
        where T : IAgentMessage => NatsMessaging.TryPublishAsync(_connection, subject, message);
}
