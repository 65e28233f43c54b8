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

    /// <summary>The models' assumptions for arrivals of the given variability, as one plain sentence.</summary>
    public static string Describe(double arrivalCv2)
    {
        var arrivals = arrivalCv2 switch
        {
            1 => "Poisson arrivals, Ca² = 1",
            0 => "evenly spaced arrivals, Ca² = 0",
            _ => "Ca² = " + arrivalCv2.ToString("0.##", CultureInfo.InvariantCulture),
        };
        return "Both models treat the loop as one server that takes requests in arrival order, "
            + $"with requests arriving independently of the loop at the given rate ({arrivals}) "
            + "and service times independent of each other with the measured mean and variance "
            + "(each request's own awake time plus the loop's overhead per request), "
            + "and they describe a steady state, which does not exist at utilization 1 or more.";
    }
}
