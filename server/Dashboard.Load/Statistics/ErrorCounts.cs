namespace Dashboard.Load.Statistics;

/// <summary>Requests that got no usable response, by cause.</summary>
public sealed record ErrorCounts(long Timeout, long Refused, long Reset, long Other)
{
    /// <summary>All of them.</summary>
    public long Total => Timeout + Refused + Reset + Other;
}
