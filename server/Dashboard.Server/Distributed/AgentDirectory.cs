using Dashboard.Contracts.Agents;
using Microsoft.Extensions.Options;

namespace Dashboard.Server.Distributed;

/// <summary>
/// The agents the coordinator has heard of: what each announced, when it last heartbeat, its
/// clock offset. Fed by <see cref="CoordinatorLink"/> from the broker; read by
/// <c>GET /api/agents</c>, the agents page and the broker's health check. An agent silent for
/// <see cref="DistributedOptions.LostAfter"/> is lost; a lost or departed one is forgotten after
/// <see cref="DistributedOptions.ForgetAfter"/>. At most <see cref="DistributedOptions.MaxAgents"/>
/// are listed. Thread-safe.
/// </summary>
internal sealed class AgentDirectory : IAgentDirectory
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _agents = new(StringComparer.Ordinal);
    private readonly DistributedOptions _options;
    private readonly TimeProvider _time;
    private readonly string? _broker;
    private bool _connected;
    private DateTimeOffset _connectedSince;
    private string? _problem;
    private long _refused;
    private string? _lastRefusal;

    public AgentDirectory(IOptions<DistributedOptions> options, TimeProvider time)
    {
        _options = options.Value;
        _time = time;
        _broker = _options.Enabled ? NatsAddress.Parse(_options.Nats!).Display : null;
        _problem = _options.Enabled ? $"not connected to the NATS broker at {_broker} yet" : null;
    }

    /// <summary>Something a viewer would see changed (an agent came, went, was lost; the broker connection).</summary>
    public event Action? Changed;

    public bool Enabled => _options.Enabled;

    /// <summary>The broker's address without credentials; null when not configured.</summary>
    public string? Broker => _broker;

    public AgentsStatus Status()
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            return new AgentsStatus
            {
                Configured = _options.Enabled,
                Broker = _broker,
                Connected = _connected,
                Problem = _connected ? null : _problem,
                RefusedMessages = _refused,
                LastRefusal = _lastRefusal,
                Agents = _agents.Values
                    .OrderBy(e => e.State == AgentStates.Live ? 0 : e.State == AgentStates.Lost ? 1 : 2)
                    .ThenBy(e => e.Announcement.Name, StringComparer.Ordinal)
                    .Select(e => e.ToInfo(now))
                    .ToArray(),
            };
        }
    }

    /// <summary>
    /// The live agents whose clock should be asked now, marked as asked: each
    /// heartbeat interval until the estimate has its samples, then every
    /// <see cref="DistributedOptions.ClockInterval"/>.
    /// </summary>
    public IReadOnlyList<string> ClockPingsDue()
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            var due = new List<string>();
            foreach (var entry in _agents.Values)
            {
                var every = entry.Clock.Count < ClockOffsetEstimate.Samples ? _options.HeartbeatInterval : _options.ClockInterval;
                if (entry.State == AgentStates.Live && (entry.LastClockAsk is not { } asked || now - asked >= every))
                {
                    entry.LastClockAsk = now;
                    due.Add(entry.Announcement.Name);
                }
            }

            return due;
        }
    }

    /// <summary>When the broker connection was last made (the coordinator's clock); null while not connected.</summary>
    public DateTimeOffset? ConnectedSince
    {
        get
        {
            lock (_gate)
            {
                return _connected ? _connectedSince : null;
            }
        }
    }

    public void Connected()
    {
        lock (_gate)
        {
            _connected = true;
            _connectedSince = _time.GetUtcNow();
            _problem = null;
        }

        Changed?.Invoke();
    }

    public void Disconnected(string problem)
    {
        lock (_gate)
        {
            _connected = false;
            _problem = problem;
        }

        Changed?.Invoke();
    }

    /// <summary>A message from the broker that was not believed: counted, and the latest reason kept.</summary>
    public void Refused(string subject, string problem)
    {
        lock (_gate)
        {
            _refused++;
            _lastRefusal = $"{subject}: {problem}";
        }
    }

    /// <summary>An agent said who it is: listed (again) as live. A new instance under a known name replaces the old one (the agent restarted).</summary>
    public void Announced(AgentAnnouncement announcement)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            if (_agents.TryGetValue(announcement.Name, out var known))
            {
                if (known.Announcement.Instance == announcement.Instance)
                {
                    known.Announcement = announcement;
                    known.Heard(now, known.Running);
                }
                else
                {
                    _agents[announcement.Name] = new Entry(announcement, now);
                }
            }
            else
            {
                MakeRoom();
                if (_agents.Count >= _options.MaxAgents)
                {
                    _refused++;
                    _lastRefusal = $"{AgentSubjects.Announce}: agent {announcement.Name} not listed: {_options.MaxAgents} agents are (Distributed:MaxAgents)";
                    return;
                }

                _agents[announcement.Name] = new Entry(announcement, now);
            }
        }

        Changed?.Invoke();
    }

    /// <summary>A heartbeat: the agent is live. Returns false when its instance is unknown (the caller asks it to announce itself).</summary>
    public bool Heartbeat(AgentHeartbeat heartbeat)
    {
        var now = _time.GetUtcNow();
        bool changed;
        lock (_gate)
        {
            if (!_agents.TryGetValue(heartbeat.Name, out var known) || known.Announcement.Instance != heartbeat.Instance)
            {
                return false;
            }

            changed = known.State != AgentStates.Live || known.Running != heartbeat.Running;
            known.Heard(now, heartbeat.Running);
        }

        if (changed)
        {
            Changed?.Invoke();
        }

        return true;
    }

    public void Left(AgentFarewell farewell)
    {
        lock (_gate)
        {
            if (!_agents.TryGetValue(farewell.Name, out var known) || known.Announcement.Instance != farewell.Instance)
            {
                return;
            }

            known.State = AgentStates.Left;
            known.Running = null;
            known.StateSince = _time.GetUtcNow();
        }

        Changed?.Invoke();
    }

    /// <summary>A clock ping's answer from <paramref name="name"/>.</summary>
    public void ClockMeasured(string name, string instance, DateTimeOffset askedAt, TimeSpan roundTrip, DateTimeOffset agentAt)
    {
        lock (_gate)
        {
            if (_agents.TryGetValue(name, out var known) && known.Announcement.Instance == instance)
            {
                known.Clock.Add(askedAt, roundTrip, agentAt);
            }
        }
    }

    /// <summary>Marks silent agents lost and forgets old ones; called every heartbeat interval. Says <see cref="Changed"/> while any agent is listed (its "last heartbeat" ages).</summary>
    public void Sweep()
    {
        var now = _time.GetUtcNow();
        bool changed;
        lock (_gate)
        {
            changed = _agents.Count > 0;
            foreach (var entry in _agents.Values.ToArray())
            {
                if (entry.State == AgentStates.Live && now - entry.LastHeartbeat > _options.LostAfter)
                {
                    entry.State = AgentStates.Lost;
                    entry.StateSince = now;
                    changed = true;
                }
                else if (entry.State != AgentStates.Live && now - entry.StateSince > _options.ForgetAfter)
                {
                    _agents.Remove(entry.Announcement.Name);
                    changed = true;
                }
            }
        }

        if (changed)
        {
            Changed?.Invoke();
        }
    }

    /// <summary>At the limit, the longest-gone lost or departed agent makes room for a new one (caller holds the lock).</summary>
    private void MakeRoom()
    {
        if (_agents.Count < _options.MaxAgents)
        {
            return;
        }

        var oldest = _agents.Values.Where(e => e.State != AgentStates.Live).MinBy(e => e.StateSince);
        if (oldest is not null)
        {
            _agents.Remove(oldest.Announcement.Name);
        }
    }

    private sealed class Entry(AgentAnnouncement announcement, DateTimeOffset now)
    {
        public AgentAnnouncement Announcement { get; set; } = announcement;

        public DateTimeOffset JoinedAt { get; } = now;

        public DateTimeOffset LastHeartbeat { get; private set; } = now;

        public string State { get; set; } = AgentStates.Live;

        public DateTimeOffset StateSince { get; set; } = now;

        public string? Running { get; set; }

        public ClockOffsetEstimate Clock { get; } = new();

        public DateTimeOffset? LastClockAsk { get; set; }

        public void Heard(DateTimeOffset now, string? running)
        {
            LastHeartbeat = now;
            Running = running;
            if (State != AgentStates.Live)
            {
                State = AgentStates.Live;
                StateSince = now;
            }
        }

        public AgentInfo ToInfo(DateTimeOffset now) => new()
        {
            Name = Announcement.Name,
            Instance = Announcement.Instance,
            Host = Announcement.Host,
            Version = Announcement.Version,
            Cores = Announcement.Cores,
            MaxConnections = Announcement.MaxConnections,
            AllowedTargets = Announcement.AllowedTargets,
            State = State,
            JoinedAt = JoinedAt,
            LastHeartbeat = LastHeartbeat,
            SecondsSinceHeartbeat = Math.Max(0, (now - LastHeartbeat).TotalSeconds),
            Running = State == AgentStates.Live ? Running : null,
            ClockOffsetMs = Clock.Offset?.TotalMilliseconds,
            RoundTripMs = Clock.RoundTrip?.TotalMilliseconds,
        };
    }
}
