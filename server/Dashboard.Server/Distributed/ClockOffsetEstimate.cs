namespace Dashboard.Server.Distributed;

/// <summary>
/// An agent's clock offset from the coordinator's, measured as NTP does: the coordinator notes
/// its clock when it asks (t0), the agent answers with its clock (t1), the coordinator times the
/// round trip (rtt); then offset = t1 − (t0 + rtt/2), assuming the trip is as long both ways.
/// The error is at most rtt/2, so of the recent samples the one with the shortest round trip is
/// believed (a broker or network hiccup only lengthens trips). Bounded: the last
/// <see cref="Samples"/> only, so a clock that drifts is followed.
/// </summary>
internal sealed class ClockOffsetEstimate
{
    public const int Samples = 8;

    private readonly Queue<(TimeSpan Offset, TimeSpan RoundTrip)> _samples = new();

    /// <summary>Samples kept (at most <see cref="Samples"/>).</summary>
    public int Count => _samples.Count;

    /// <summary>The agent's clock minus the coordinator's, from the best sample; null before the first.</summary>
    public TimeSpan? Offset => Best?.Offset;

    /// <summary>The round trip of that sample: the offset is right within half of it.</summary>
    public TimeSpan? RoundTrip => Best?.RoundTrip;

    private (TimeSpan Offset, TimeSpan RoundTrip)? Best =>
        _samples.Count == 0 ? null : _samples.MinBy(s => s.RoundTrip);

    /// <param name="askedAt">The coordinator's clock when it sent the ping.</param>
    /// <param name="roundTrip">From sending the ping to reading the answer (a monotonic clock's).</param>
    /// <param name="agentAt">The agent's clock when it answered.</param>
    public void Add(DateTimeOffset askedAt, TimeSpan roundTrip, DateTimeOffset agentAt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(roundTrip, TimeSpan.Zero);
        _samples.Enqueue((agentAt - (askedAt + roundTrip / 2), roundTrip));
        while (_samples.Count > Samples)
        {
            _samples.Dequeue();
        }
    }

    /// <summary>
    /// An instant of the coordinator's clock on an agent's, given its offset (milliseconds, null
    /// when not measured yet): a run's common start is sent to each agent this way, so that every
    /// agent's interval k covers the same span of real time.
    /// </summary>
    public static DateTimeOffset OnAgentClock(DateTimeOffset coordinatorTime, double? offsetMs) =>
        coordinatorTime + TimeSpan.FromMilliseconds(offsetMs ?? 0);
}
