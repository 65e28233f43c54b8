using System.Diagnostics;
using System.Diagnostics.Metrics;
using Dashboard.EventLoop.Metrics;
using Dashboard.Load.Statistics;
using Dashboard.Server.Runs;

namespace Dashboard.Server.Telemetry;

/// <summary>
/// The runs' figures as instruments (meter <see cref="MetricNames.RunsMeter"/>), tagged with the
/// run's id and scenario: each measured interval adds its counts and replays its latency
/// histograms' buckets into the exported histograms. Runs on the engine's reporting thread, after
/// the interval is closed, so no request waits for it; the warm-up is left out, as from every
/// figure of a run.
/// </summary>
internal sealed class RunMeter : IHostedService, IDisposable
{
    private readonly RunManager _runs;
    private readonly ILogger<RunMeter> _logger;
    private readonly Meter _meter;
    private readonly Counter<long> _requests;
    private readonly Counter<long> _errors;
    private readonly Counter<long> _dropped;
    private readonly Histogram<double> _latency;
    private readonly Histogram<double> _lateness;
    private bool _failed;

    public RunMeter(IMeterFactory meters, RunManager runs, ILogger<RunMeter> logger)
    {
        _runs = runs;
        _logger = logger;
        _meter = meters.Create(MetricNames.RunsMeter);
        _requests = Counter(MetricNames.RunRequests);
        _errors = Counter(MetricNames.RunErrors);
        _dropped = Counter(MetricNames.RunDropped);
        _latency = Histogram(MetricNames.RunLatency);
        _lateness = Histogram(MetricNames.RunSendLateness);
        _meter.CreateObservableUpDownCounter(MetricNames.RunsActive.Name, () => (long)runs.Running().Count, MetricNames.RunsActive.Unit, MetricNames.RunsActive.Description);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _runs.IntervalMeasured += OnInterval;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _runs.IntervalMeasured -= OnInterval;
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _runs.IntervalMeasured -= OnInterval;
        _meter.Dispose();
    }

    internal void OnInterval(ManagedRun run, IntervalStatistics interval)
    {
        if (interval.WarmUp || !_requests.Enabled)
        {
            return;
        }

        try
        {
            var tags = new TagList { { MetricNames.RunTag, run.Id }, { MetricNames.ScenarioTag, run.Scenario.Name } };
            _requests.Add(interval.Load.Requests, tags);
            _errors.Add(interval.Load.Failures, tags);
            _dropped.Add(interval.Load.Dropped, tags);
            if (interval.Histograms is { } histograms)
            {
                Replay(_latency, histograms.Corrected, tags);
                Replay(_lateness, histograms.SendLateness, tags);
            }
        }
        catch (Exception ex) when (!_failed)
        {
            // Metrics must never cost a run its figures: log once, go on.
            _failed = true;
            _logger.LogWarning(ex, "Recording run {RunId}'s metrics failed; later failures are not logged.", run.Id);
        }
    }

    /// <summary>Each bucket's count, at the bucket's middle (microseconds to seconds): within the histogram's 0.1 %.</summary>
    private static void Replay(Histogram<double> histogram, IReadOnlyList<HistogramBucket> buckets, in TagList tags)
    {
        foreach (var bucket in buckets)
        {
            var seconds = bucket.Middle / 1_000_000.0;
            for (var i = 0L; i < bucket.Count; i++)
            {
                histogram.Record(seconds, tags);
            }
        }
    }

    private Counter<long> Counter(MetricName name) => _meter.CreateCounter<long>(name.Name, name.Unit, name.Description);

    private Histogram<double> Histogram(MetricName name) => _meter.CreateHistogram(
        name.Name, name.Unit, name.Description, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = MetricNames.LatencyBoundaries });
}
