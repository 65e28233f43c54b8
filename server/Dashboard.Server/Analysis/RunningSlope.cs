namespace Dashboard.Server.Analysis;

/// <summary>
/// A least-squares slope kept as five running sums, so a trend over any number of points costs
/// fixed memory; sums of separate spans add up to the trend over all their points.
/// </summary>
internal struct RunningSlope
{
    private double _sumX;
    private double _sumY;
    private double _sumXY;
    private double _sumXX;

    public int Count { get; private set; }

    public void Add(double x, double y)
    {
        if (!double.IsFinite(x) || !double.IsFinite(y))
        {
            return;
        }

        Count++;
        _sumX += x;
        _sumY += y;
        _sumXY += x * y;
        _sumXX += x * x;
    }

    public void Add(RunningSlope other)
    {
        Count += other.Count;
        _sumX += other._sumX;
        _sumY += other._sumY;
        _sumXY += other._sumXY;
        _sumXX += other._sumXX;
    }

    /// <summary>dy/dx of the best-fitting line; 0 with fewer than two points or no spread in x.</summary>
    public readonly double Slope
    {
        get
        {
            if (Count < 2)
            {
                return 0;
            }

            var sxx = _sumXX - (_sumX * _sumX / Count);
            return sxx <= 1e-12 ? 0 : (_sumXY - (_sumX * _sumY / Count)) / sxx;
        }
    }
}
