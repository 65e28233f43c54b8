using Dashboard.Server.Configuration;

namespace Dashboard.Server.Distributed;

/// <summary>
/// The broker that the coordinator (the dashboard) and its agents share, and the timing of their
/// conversation (configuration section "Distributed", read by both sides). Without
/// <see cref="Nats"/> the dashboard coordinates no agents.
/// </summary>
internal sealed class DistributedOptions
{
    public const string SectionName = "Distributed";

    /// <summary>The NATS server, e.g. <c>nats://127.0.0.1:4222</c>; empty: no agents.</summary>
    public string? Nats { get; set; }

    /// <summary>The broker's token (nats-server <c>--auth</c>), if it asks for one.</summary>
    public string? Token { get; set; }

    /// <summary>The broker's user (nats-server <c>--user</c>), with <see cref="Password"/>.</summary>
    public string? User { get; set; }

    public string? Password { get; set; }

    /// <summary>How often an agent says it is alive.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long without a heartbeat before the coordinator counts an agent lost.</summary>
    public TimeSpan LostAfter { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a lost or departed agent stays listed before it is forgotten.</summary>
    public TimeSpan ForgetAfter { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Most agents listed at once; announcements past it are refused (a broker shared with strangers cannot grow the list).</summary>
    public int MaxAgents { get; set; } = 256;

    /// <summary>How long connecting to the broker may take before it counts as down.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the coordinator measures each agent's clock offset (a ping through the broker).</summary>
    public TimeSpan ClockInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long an agent keeps running a share while its coordinator is silent (restarted, cut off) before it stops it.</summary>
    public TimeSpan CoordinatorTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How far ahead of now a run on agents is set to start: time for every agent to get its share.</summary>
    public TimeSpan StartLead { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Where agents reach this dashboard's embedded loop server, for a workload or inline target
    /// (e.g. <c>http://10.0.0.2:5080</c>); empty: the loop server's own address, right for agents on
    /// this machine. Agents on others need the loop server to listen where they can reach it
    /// (<c>LoopServer:Host</c>).
    /// </summary>
    public string? LoopServerAddress { get; set; }

    /// <summary>Whether a broker is named (the dashboard then coordinates agents).</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(Nats);

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Enabled && NatsAddress.Parse(Nats!) is { Error: { } error })
        {
            errors.Add($"{SectionName}:{nameof(Nats)}: {error}");
        }

        if (!string.IsNullOrEmpty(Token) && (!string.IsNullOrEmpty(User) || !string.IsNullOrEmpty(Password)))
        {
            errors.Add($"{SectionName}:{nameof(Token)}: expected a token or a user and password, not both");
        }

        if (string.IsNullOrEmpty(User) != string.IsNullOrEmpty(Password))
        {
            errors.Add($"{SectionName}:{nameof(User)}: expected a user and a password together");
        }

        Within(errors, nameof(HeartbeatInterval), HeartbeatInterval, TimeSpan.FromMilliseconds(50), TimeSpan.FromMinutes(1));
        Within(errors, nameof(LostAfter), LostAfter, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(10));
        Within(errors, nameof(ForgetAfter), ForgetAfter, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1));
        Within(errors, nameof(ConnectTimeout), ConnectTimeout, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(1));
        Within(errors, nameof(ClockInterval), ClockInterval, TimeSpan.FromMilliseconds(100), TimeSpan.FromHours(1));
        if (LostAfter < HeartbeatInterval * 2)
        {
            errors.Add($"{SectionName}:{nameof(LostAfter)}: expected at least two heartbeat intervals ({HeartbeatInterval * 2}), got {LostAfter}");
        }

        Within(errors, nameof(CoordinatorTimeout), CoordinatorTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        Within(errors, nameof(StartLead), StartLead, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(1));
        if (!string.IsNullOrEmpty(LoopServerAddress) && (!Uri.TryCreate(LoopServerAddress, UriKind.Absolute, out var address) || address.Scheme != Uri.UriSchemeHttp))
        {
            errors.Add($"{SectionName}:{nameof(LoopServerAddress)}: expected an absolute http:// address such as http://10.0.0.2:5080, got \"{LoopServerAddress}\"");
        }

        OptionRules.Range(errors, SectionName, nameof(MaxAgents), MaxAgents, 1, 10_000);
        return errors;
    }

    private static void Within(List<string> errors, string field, TimeSpan value, TimeSpan min, TimeSpan max)
    {
        if (value < min || value > max)
        {
            errors.Add($"{SectionName}:{field}: expected {min} to {max}, got {value}");
        }
    }
}
