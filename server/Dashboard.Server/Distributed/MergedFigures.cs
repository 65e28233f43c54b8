using Dashboard.EventLoop.Metrics;
using Dashboard.Load.Statistics;

namespace Dashboard.Server.Distributed;

/// <summary>
/// Adds up what several agents measured (one interval each, or every interval of a run) into the
/// figures of one run: counts are summed; latency percentiles, minimum and maximum are read from the
/// sum of the histograms themselves (same buckets, so exact to the histograms' precision, unlike
/// any average of percentiles); means and standard deviations are combined exactly from each
/// part's count, mean and deviation (Chan et al.). Reused: <see cref="Reset"/> clears it.
/// </summary>
internal sealed class MergedFigures(long highestMicroseconds)
{
    private readonly Distribution _corrected = new(highestMicroseconds);
    private readonly Distribution _raw = new(highestMicroseconds);
    private readonly Distribution _lateness = new(highestMicroseconds);
    private readonly List<KindPart> _kinds = [];
    private readonly Dictionary<int, long> _statusCodes = [];
    private long _sent;
    private long _requests;
    private long _successes;
    private long _failures;
    private long _dropped;
    private long _abandoned;
    private long _bytesSent;
    private long _bytesReceived;
    private long _timeouts;
    private long _refused;
    private long _resets;
    private long _otherErrors;

    /// <summary>Parts added since the last reset.</summary>
    public int Parts { get; private set; }

    public void Reset()
    {
        _corrected.Reset();
        _raw.Reset();
        _lateness.Reset();
        foreach (var kind in _kinds)
        {
            kind.Reset();
        }

        _statusCodes.Clear();
        _sent = _requests = _successes = _failures = _dropped = _abandoned = 0;
        _bytesSent = _bytesReceived = _timeouts = _refused = _resets = _otherErrors = 0;
        Parts = 0;
    }

    /// <summary>Adds one agent's interval (its counts and, when present, its histograms).</summary>
    public void Add(LoadStatistics load, IntervalHistograms? histograms)
    {
        Parts++;
        _sent += load.Sent;
        _requests += load.Requests;
        _successes += load.Successes;
        _failures += load.Failures;
        _dropped += load.Dropped;
        _abandoned += load.Abandoned;
        _bytesSent += load.BytesSent;
        _bytesReceived += load.BytesReceived;
        _timeouts += load.Errors.Timeout;
        _refused += load.Errors.Refused;
        _resets += load.Errors.Reset;
        _otherErrors += load.Errors.Other;
        foreach (var (code, count) in load.StatusCodes)
        {
            _statusCodes[code] = _statusCodes.GetValueOrDefault(code) + count;
        }

        _corrected.Add(load.Latency, histograms?.Corrected);
        _raw.Add(load.RawLatency, histograms?.Raw);
        _lateness.Add(load.SendLateness, histograms?.SendLateness);
        for (var k = 0; k < load.Kinds.Count; k++)
        {
            var kind = load.Kinds[k];
            var part = _kinds.FirstOrDefault(p => p.Name == kind.Name && p.Active);
            if (part is null)
            {
                part = _kinds.FirstOrDefault(p => p.Name == kind.Name) ?? AddKind(kind.Name);
                part.Active = true;
            }

            part.Add(kind, histograms is { } h && k < h.Kinds.Count ? h.Kinds[k] : null);
        }
    }

    /// <summary>The merged figures over <paramref name="seconds"/> (the throughput's denominator).</summary>
    public LoadStatistics Build(double seconds)
    {
        long arrivals = _sent + _dropped;
        return new LoadStatistics
        {
            Sent = _sent,
            Requests = _requests,
            Successes = _successes,
            Failures = _failures,
            Dropped = _dropped,
            Abandoned = _abandoned,
            Throughput = seconds > 0 ? _requests / seconds : 0,
            ErrorRate = _requests > 0 ? 100.0 * _failures / _requests : 0,
            DropRate = arrivals > 0 ? 100.0 * _dropped / arrivals : 0,
            BytesSent = _bytesSent,
            BytesReceived = _bytesReceived,
            StatusCodes = new SortedDictionary<int, long>(_statusCodes),
            Errors = new ErrorCounts(_timeouts, _refused, _resets, _otherErrors),
            Latency = _corrected.Summary(),
            RawLatency = _raw.Summary(),
            SendLateness = _lateness.Summary(),
            Kinds = _kinds.Where(k => k.Active)
                .Select(k => new RequestKindStatistics(k.Name, k.Requests, k.Successes, k.Failures, k.Dropped, k.Latency.Summary()))
                .ToArray(),
        };
    }

    /// <summary>The merged histograms (what a latency log or a meter of the merged run exports).</summary>
    public IntervalHistograms Histograms() => new(_corrected.Buckets(), _raw.Buckets(), _lateness.Buckets())
    {
        Kinds = _kinds.Where(k => k.Active).Select(k => k.Latency.Buckets()).ToArray(),
    };

    /// <summary>A copy of the merged corrected latency's histogram (what a run's stored distribution is made of).</summary>
    public LogLinearHistogram CorrectedHistogram() => _corrected.Histogram.Clone();

    public LogLinearHistogram RawHistogram() => _raw.Histogram.Clone();

    private KindPart AddKind(string name)
    {
        var part = new KindPart(name, new Distribution(highestMicroseconds));
        _kinds.Add(part);
        return part;
    }

    private sealed class KindPart(string name, Distribution latency)
    {
        public string Name { get; } = name;

        public Distribution Latency { get; } = latency;

        public bool Active { get; set; }

        public long Requests { get; private set; }

        public long Successes { get; private set; }

        public long Failures { get; private set; }

        public long Dropped { get; private set; }

        public void Add(RequestKindStatistics kind, IReadOnlyList<HistogramBucket>? buckets)
        {
            Requests += kind.Requests;
            Successes += kind.Successes;
            Failures += kind.Failures;
            Dropped += kind.Dropped;
            Latency.Add(kind.Latency, buckets);
        }

        public void Reset()
        {
            Latency.Reset();
            Active = false;
            Requests = Successes = Failures = Dropped = 0;
        }
    }

    /// <summary>One latency distribution: the summed histogram, and count, mean and M2 combined exactly.</summary>
    private sealed class Distribution(long highestMicroseconds)
    {
        private readonly LogLinearHistogram _histogram = new(highestMicroseconds);
        private long _count;

        public LogLinearHistogram Histogram => _histogram;
        private double _mean;
        private double _m2;

        public void Reset()
        {
            _histogram.Reset();
            _count = 0;
            _mean = 0;
            _m2 = 0;
        }

        public void Add(LatencySummary summary, IReadOnlyList<HistogramBucket>? buckets)
        {
            if (summary.Count == 0)
            {
                return;
            }

            foreach (var bucket in buckets ?? [])
            {
                // Any value of a bucket lands in that bucket again: the sum has the same buckets.
                _histogram.Record(bucket.LowestValue, bucket.Count);
            }

            // Chan et al.: combine two (count, mean, M2) exactly.
            var count = _count + summary.Count;
            var delta = summary.Mean - _mean;
            var m2 = summary.StdDev * summary.StdDev * summary.Count;
            _mean += delta * summary.Count / count;
            _m2 += m2 + (delta * delta * _count * summary.Count / count);
            _count = count;
        }

        public LatencySummary Summary()
        {
            if (_count == 0 || _histogram.Count == 0)
            {
                return LatencySummary.Empty;
            }

            var fromBuckets = LatencySummary.FromMicroseconds(_histogram);
            return fromBuckets with { Count = _count, Mean = _mean, StdDev = Math.Sqrt(Math.Max(0, _m2 / _count)) };
        }

        public IReadOnlyList<HistogramBucket> Buckets() => [.. _histogram.EnumerateBuckets()];
    }
}
