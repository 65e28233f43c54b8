namespace Dashboard.Load;

/// <summary>
/// Every limit of the load engine in one place, with defaults that suit a two-core machine
/// driving the embedded loop server. <see cref="Validate"/> rejects nonsensical values; the
/// engine and the validator call it when they are created.
/// </summary>
public sealed class LoadEngineOptions
{
    /// <summary>The embedded loop server that <c>workload</c> and <c>inline</c> targets go to.</summary>
    public Uri LoopServerAddress { get; set; } = new("http://127.0.0.1:5080");

    /// <summary>Origins (scheme://host:port) a scenario's <c>url</c> target may name, besides the
    /// loop server. Empty by default so a shared dashboard cannot be turned against other hosts.</summary>
    public IList<string> AllowedTargetOrigins { get; set; } = [];

    /// <summary>Highest arrival rate (requests per second) of an open-model phase.</summary>
    public double MaxRate { get; set; } = 200_000;

    /// <summary>Most virtual users of a closed-model phase (each holds a connection).</summary>
    public int MaxCopies { get; set; } = 2_000;

    /// <summary>Most keep-alive connections of a run; each costs its receive buffer
    /// (<see cref="ReceiveBufferBytes"/>) plus a send buffer the size of the largest request.</summary>
    public int MaxConnections { get; set; } = 2_000;

    /// <summary>Highest value a scenario may give <c>maxInFlight</c>.</summary>
    public int MaxInFlightLimit { get; set; } = 1_000_000;

    /// <summary>Longest run (sum of all phases).</summary>
    public TimeSpan MaxTotalDuration { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Longest request timeout.</summary>
    public TimeSpan MaxRequestTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Longest warm-up a scenario may declare (<c>warmUp</c>); a few seconds is what cold code needs.</summary>
    public TimeSpan MaxWarmUp { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Longest think time of a virtual user.</summary>
    public TimeSpan MaxThinkTime { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Shortest reporting interval.</summary>
    public TimeSpan MinInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Longest reporting interval.</summary>
    public TimeSpan MaxInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Most phases in a scenario.</summary>
    public int MaxPhases { get; set; } = 100;

    /// <summary>Most steps of a sweep phase; the dashboard keeps and streams every step's figures.</summary>
    public int MaxSweepSteps { get; set; } = 50;

    /// <summary>Most intervals in a row a sweep's backlog-growth stop rule may ask for.</summary>
    public int MaxSweepGrowingIntervals { get; set; } = 20;

    /// <summary>Most request kinds in a scenario's mix. Each kind of a mix keeps its own latency
    /// histograms (three of them: current interval, spare, whole run).</summary>
    public int MaxRequestKinds { get; set; } = 16;

    /// <summary>Most thresholds in a scenario.</summary>
    public int MaxThresholds { get; set; } = 32;

    /// <summary>Largest request body or inline workload, in UTF-8 bytes.</summary>
    public int MaxBodyBytes { get; set; } = 64 * 1024;

    /// <summary>Largest scenario JSON text accepted by the validator, in characters.</summary>
    public int MaxScenarioChars { get; set; } = 1024 * 1024;

    /// <summary>Most problems one validation lists (the rest are summed up in one line).</summary>
    public int MaxReportedErrors { get; set; } = 100;

    /// <summary>Highest latency the histograms keep exactly; longer ones are clamped and counted.
    /// Sets each histogram's footprint: 160 KiB at 5 minutes (microsecond unit, 3 digits).</summary>
    public TimeSpan HighestTrackableLatency { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Interval statistics held for a slow reader; the oldest are dropped beyond this,
    /// so the engine never waits on a consumer.</summary>
    public int IntervalChannelCapacity { get; set; } = 240;

    /// <summary>How close to an arrival's intended time the scheduler stops sleeping and spins
    /// (yielding) instead. Zero (the default) never spins: on Linux the scheduler sleeps to the
    /// microsecond and wakes within about 0.1 ms, so spinning buys little and costs a core at any
    /// rate above a few hundred a second (benchmarks/README.md, load). Elsewhere sleeps round to
    /// whole milliseconds; a threshold of 1–2 ms trades CPU for on-time sends there.</summary>
    public TimeSpan SchedulerSpinThreshold { get; set; } = TimeSpan.Zero;

    /// <summary>Receive buffer of each connection; a response's status line and headers must fit.</summary>
    public int ReceiveBufferBytes { get; set; } = 8 * 1024;

    /// <summary>Longest time a finished or stopped run waits for requests still in flight.</summary>
    public TimeSpan MaxDrainTime { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first bad setting.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(LoopServerAddress);
        if (!LoopServerAddress.IsAbsoluteUri || LoopServerAddress.Scheme != Uri.UriSchemeHttp)
        {
            throw new ArgumentOutOfRangeException(nameof(LoopServerAddress), LoopServerAddress, "expected an absolute http:// address");
        }

        ArgumentNullException.ThrowIfNull(AllowedTargetOrigins);
        foreach (string origin in AllowedTargetOrigins)
        {
            if (!Uri.TryCreate(origin, UriKind.Absolute, out Uri? uri) || uri.Scheme != Uri.UriSchemeHttp)
            {
                throw new ArgumentOutOfRangeException(nameof(AllowedTargetOrigins), origin, "expected http://host:port origins");
            }
        }

        Positive(MaxRate, nameof(MaxRate));
        Positive(MaxCopies, nameof(MaxCopies));
        Positive(MaxConnections, nameof(MaxConnections));
        Positive(MaxInFlightLimit, nameof(MaxInFlightLimit));
        Positive(MaxPhases, nameof(MaxPhases));
        Positive(MaxRequestKinds, nameof(MaxRequestKinds));
        Positive(MaxSweepSteps, nameof(MaxSweepSteps));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxSweepGrowingIntervals, 2, nameof(MaxSweepGrowingIntervals));
        Positive(MaxThresholds, nameof(MaxThresholds));
        Positive(MaxBodyBytes, nameof(MaxBodyBytes));
        Positive(MaxScenarioChars, nameof(MaxScenarioChars));
        Positive(MaxReportedErrors, nameof(MaxReportedErrors));
        Positive(IntervalChannelCapacity, nameof(IntervalChannelCapacity));
        Positive(MaxTotalDuration, nameof(MaxTotalDuration));
        Positive(MaxRequestTimeout, nameof(MaxRequestTimeout));
        Positive(MaxWarmUp, nameof(MaxWarmUp));
        Positive(MinInterval, nameof(MinInterval));
        Positive(MaxInterval, nameof(MaxInterval));
        Positive(HighestTrackableLatency, nameof(HighestTrackableLatency));
        Positive(MaxDrainTime, nameof(MaxDrainTime));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxThinkTime, TimeSpan.Zero, nameof(MaxThinkTime));
        ArgumentOutOfRangeException.ThrowIfLessThan(SchedulerSpinThreshold, TimeSpan.Zero, nameof(SchedulerSpinThreshold));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(SchedulerSpinThreshold, TimeSpan.FromMilliseconds(20), nameof(SchedulerSpinThreshold));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxInterval, MinInterval, nameof(MaxInterval));
        ArgumentOutOfRangeException.ThrowIfLessThan(HighestTrackableLatency, TimeSpan.FromMilliseconds(1), nameof(HighestTrackableLatency));
        ArgumentOutOfRangeException.ThrowIfLessThan(ReceiveBufferBytes, 1024, nameof(ReceiveBufferBytes));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ReceiveBufferBytes, 1024 * 1024, nameof(ReceiveBufferBytes));
    }

    /// <summary>A copy whose embedded loop server is at <paramref name="loopServerAddress"/> (an agent running a share against a dashboard's loop server).</summary>
    public LoadEngineOptions WithLoopServer(Uri loopServerAddress)
    {
        var copy = (LoadEngineOptions)MemberwiseClone();
        copy.LoopServerAddress = loopServerAddress;
        copy.AllowedTargetOrigins = [.. AllowedTargetOrigins];
        return copy;
    }

    internal bool IsAllowedOrigin(Uri origin)
    {
        if (SameOrigin(origin, LoopServerAddress))
        {
            return true;
        }

        foreach (string allowed in AllowedTargetOrigins)
        {
            if (Uri.TryCreate(allowed, UriKind.Absolute, out Uri? uri) && SameOrigin(origin, uri))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>scheme://host:port; an IPv6 host in brackets, as a URL writes it (<c>http://[::1]:5080</c>).</summary>
    internal static string OriginOf(Uri uri) =>
        $"{uri.Scheme}://{(uri.HostNameType == UriHostNameType.IPv6 ? uri.Host : uri.IdnHost)}:{uri.Port}";

    private static bool SameOrigin(Uri a, Uri b) =>
        string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase)
        && a.Port == b.Port;

    private static void Positive(double value, string name) => ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value, name);

    private static void Positive(int value, string name) => ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value, name);

    private static void Positive(TimeSpan value, string name) =>
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero, name);
}
