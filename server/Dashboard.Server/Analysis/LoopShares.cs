namespace Dashboard.Server.Analysis;

/// <summary>
/// How many of a set of requests each loop served. A connection stays on its loop, so each loop is
/// a queue of its own fed by its share of the requests: the queueing prediction takes each loop's
/// rate from here. Fixed memory: one counter per possible loop.
/// </summary>
internal sealed class LoopShares
{
    private readonly long[] _counts = new long[Environment.ProcessorCount];

    public void Add(int loop) => _counts[Math.Clamp(loop, 0, _counts.Length - 1)]++;

    public void Merge(LoopShares other)
    {
        for (var i = 0; i < _counts.Length; i++)
        {
            _counts[i] += other._counts[i];
        }
    }

    public void Reset() => Array.Clear(_counts);

    /// <summary>Each loop's request rate over <paramref name="seconds"/>, for the loops that served any.</summary>
    public double[] RatesOver(double seconds) =>
        seconds <= 0 ? [] : _counts.Where(c => c > 0).Select(c => c / seconds).ToArray();
}
