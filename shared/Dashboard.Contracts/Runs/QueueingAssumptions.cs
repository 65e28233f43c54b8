using System.Globalization;
using Dashboard.Contracts.Scenarios;

namespace Dashboard.Contracts.Runs;

/// <summary>
/// What the queueing predictions (M/G/1 and Kingman) assume, in one sentence for the pages and the
/// what-if API, and the arrival variability a scenario's arrivals give them.
/// </summary>
public static class QueueingAssumptions
{
    /// <summary>Ca², the squared coefficient of variation of the gaps between arrivals: 1 for Poisson, 0 for evenly spaced (the default).</summary>
    public static double ArrivalCv2(string? arrivals) =>
        string.Equals(arrivals, ArrivalModes.Poisson, StringComparison.OrdinalIgnoreCase) ? 1 : 0;

    /// <summary>The models' assumptions for arrivals of the given variability on <paramref name="loops"/> loops, as one plain sentence.</summary>
    public static string Describe(double arrivalCv2, int loops = 1)
    {
        var arrivals = arrivalCv2 switch
        {
            1 => "Poisson arrivals, Ca² = 1",
            0 => "evenly spaced arrivals, Ca² = 0",
            _ => "Ca² = " + arrivalCv2.ToString("0.##", CultureInfo.InvariantCulture),
        };
        var servers = loops > 1
            ? $"Both models treat each of the {loops.ToString(CultureInfo.InvariantCulture)} loops as a server of its own, fed an equal share of the requests "
                + "(a connection stays on the loop it was given, so a ready request never moves to an idle loop), that takes its requests in arrival order, "
            : "Both models treat the loop as one server that takes requests in arrival order, ";
        return servers
            + $"with requests arriving independently of the loop at the given rate ({arrivals}) "
            + "and service times independent of each other with the measured mean and variance "
            + "(each request's own awake time plus the loop's overhead per request), "
            + "and they describe a steady state, which does not exist at utilization 1 or more.";
    }
}
