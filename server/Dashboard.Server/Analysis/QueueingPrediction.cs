namespace Dashboard.Server.Analysis;

/// <summary>
/// Predicted mean waiting in the loop's ready queue from queueing theory, treating each loop as
/// one server (<see cref="PredictSpread"/> for several): M/G/1 (Pollaczek–Khinchine, Poisson arrivals, any service-time distribution) and
/// Kingman's G/G/1 approximation (any arrivals). Both assume arrivals independent of the loop's
/// state, one queue served first come first served, and a stable loop (utilization below 1).
/// </summary>
internal static class QueueingPrediction
{
    /// <param name="arrivalsPerSecond">λ: requests per second.</param>
    /// <param name="meanServiceMs">S: loop time per request (its awake time plus the loop's own overhead per request).</param>
    /// <param name="serviceCv2">Cs²: the service time's squared coefficient of variation (variance / mean²).</param>
    /// <param name="arrivalCv2">Ca²: 1 for Poisson arrivals, 0 for evenly spaced ones.</param>
    public static Prediction Predict(double arrivalsPerSecond, double meanServiceMs, double serviceCv2, double arrivalCv2)
    {
        var rho = arrivalsPerSecond * meanServiceMs / 1000.0;
        if (arrivalsPerSecond <= 0 || meanServiceMs <= 0)
        {
            return new Prediction(Math.Max(0, rho), 0, 0);
        }

        if (rho >= 1)
        {
            // No steady state: the queue grows without bound.
            return new Prediction(rho, double.PositiveInfinity, double.PositiveInfinity);
        }

        var pk = rho * meanServiceMs * (1 + serviceCv2) / (2 * (1 - rho));
        var kingman = rho / (1 - rho) * ((arrivalCv2 + serviceCv2) / 2) * meanServiceMs;
        return new Prediction(rho, pk, kingman);
    }

    /// <summary>
    /// Several loops, each its own queue: a connection stays on the loop it was given, so a ready
    /// task never moves to an idle loop (that would be M/G/c, one shared queue). Each loop is an
    /// M/G/1 at its own rate; the figures are the loops' own weighted by their share of the
    /// requests, and unbounded when any loop that gets requests is saturated.
    /// </summary>
    /// <param name="ratesPerLoop">λ of each loop that served requests (requests per second).</param>
    public static Prediction PredictSpread(IReadOnlyList<double> ratesPerLoop, double meanServiceMs, double serviceCv2, double arrivalCv2)
    {
        var total = ratesPerLoop.Sum();
        if (ratesPerLoop.Count <= 1 || total <= 0)
        {
            return Predict(total, meanServiceMs, serviceCv2, arrivalCv2);
        }

        double utilization = 0, pk = 0, kingman = 0;
        foreach (var rate in ratesPerLoop)
        {
            var share = rate / total;
            var own = Predict(rate, meanServiceMs, serviceCv2, arrivalCv2);
            utilization += share * own.Utilization;
            pk += share * own.MeanWaitingMs;
            kingman += share * own.KingmanWaitingMs;
        }

        return new Prediction(utilization, pk, kingman);
    }

    /// <summary>The arrival rate at which <see cref="Predict"/> gives a mean wait of <paramref name="budgetMs"/> (M/G/1), by bisection.</summary>
    public static double RateForWaiting(double budgetMs, double meanServiceMs, double serviceCv2)
    {
        if (meanServiceMs <= 0 || budgetMs <= 0)
        {
            return 0;
        }

        double low = 0, high = 1000.0 / meanServiceMs; // the rate at ρ = 1
        for (var i = 0; i < 60; i++)
        {
            var mid = (low + high) / 2;
            if (Predict(mid, meanServiceMs, serviceCv2, 1).MeanWaitingMs <= budgetMs)
            {
                low = mid;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }
}

/// <summary>Utilization ρ and the predicted mean waiting (ms) of M/G/1 (Pollaczek–Khinchine) and Kingman's G/G/1.</summary>
internal readonly record struct Prediction(double Utilization, double MeanWaitingMs, double KingmanWaitingMs);
