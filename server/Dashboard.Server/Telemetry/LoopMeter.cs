using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Dashboard.Contracts.Loop;
using Dashboard.EventLoop;
using Dashboard.Server.Loop;
using Microsoft.Extensions.Options;

namespace Dashboard.Server.Telemetry;

/// <summary>
/// The loops' figures as <see cref="System.Diagnostics.Metrics"/> instruments (meter
/// <see cref="MetricNames.LoopMeter"/>): gauges read the latest interval of each loop, counters
/// add each interval's steps, and every completed task's awake / waiting / asleep go into histograms
/// by kind and loop. Fed by <see cref="LoopTelemetry"/> on its reader, never on a loop thread.
/// </summary>
internal sealed class LoopMeter : ILoopObserver, IHostedService, IDisposable
{
    private readonly EventLoopHost _host;
    private readonly LoopTelemetry _telemetry;
    private readonly int _maxKinds;
    private readonly Meter _meter;
    private readonly Counter<long> _steps;
    private readonly Counter<long> _slowSteps;
    private readonly Histogram<double> _awake;
    private readonly Histogram<double> _waiting;
    private readonly Histogram<double> _asleep;
    private readonly ConcurrentDictionary<string, string> _kinds = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly object[] _loopTags;
    private LoopInterval?[] _latest;
    private IDisposable? _subscription;

    public LoopMeter(IMeterFactory meters, EventLoopHost host, LoopTelemetry telemetry, IOptions<LoopTelemetryOptions> options)
    {
        _host = host;
        _telemetry = telemetry;
        _maxKinds = options.Value.MaxKinds;
        _latest = new LoopInterval?[host.Capacity];
        _loopTags = [.. Enumerable.Range(0, host.Capacity).Select(i => (object)i)];
        _meter = meters.Create(MetricNames.LoopMeter);
        Gauge(MetricNames.Utilization, i => i.Utilization);
        Gauge(MetricNames.ReadyDepth, i => i.ReadyDepthMean);
        Gauge(MetricNames.ReadyDepthMax, i => i.ReadyDepthMax);
        Gauge(MetricNames.TimerLag, i => i.TimerLagP99Ms / 1000.0);
        _steps = _meter.CreateCounter<long>(MetricNames.Steps.Name, MetricNames.Steps.Unit, MetricNames.Steps.Description);
        _slowSteps = _meter.CreateCounter<long>(MetricNames.SlowSteps.Name, MetricNames.SlowSteps.Unit, MetricNames.SlowSteps.Description);
        _meter.CreateObservableUpDownCounter(MetricNames.TasksActive.Name, () => PerLoop(loop => (long)loop.LiveTaskCount), MetricNames.TasksActive.Unit, MetricNames.TasksActive.Description);
        _meter.CreateObservableCounter(MetricNames.TasksCompleted.Name, () => PerLoop(loop => loop.TasksCompleted), MetricNames.TasksCompleted.Unit, MetricNames.TasksCompleted.Description);
        _awake = TaskHistogram(MetricNames.TaskAwake);
        _waiting = TaskHistogram(MetricNames.TaskWaiting);
        _asleep = TaskHistogram(MetricNames.TaskAsleep);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = _telemetry.Observe(this);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        _subscription = null;
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        _meter.Dispose();
    }

    public void OnRecord(TaskRecord record)
    {
        if (!_awake.Enabled || record.Running)
        {
            return;
        }

        var tags = new TagList { { MetricNames.KindTag, KindOf(record.Kind) }, { MetricNames.LoopTag, LoopTagValue(record.LoopIndex) } };
        _awake.Record(Seconds(record.AwakeTicks), tags);
        _waiting.Record(Seconds(record.WaitingTicks), tags);
        _asleep.Record(Seconds(record.AsleepTicks), tags);
    }

    public void OnInterval(LoopInterval interval, long startTimestamp, long endTimestamp)
    {
        IReadOnlyList<LoopInterval> loops = interval.Loops.Count > 0 ? interval.Loops : [interval];
        lock (_gate)
        {
            foreach (var loop in loops)
            {
                var index = loop.Loop ?? 0;
                if (index >= _latest.Length)
                {
                    Array.Resize(ref _latest, index + 1);
                }

                _latest[index] = loop;
            }
        }

        foreach (var loop in loops)
        {
            var tag = new KeyValuePair<string, object?>(MetricNames.LoopTag, loop.Loop ?? 0);
            _steps.Add(loop.Steps, tag);
            _slowSteps.Add(loop.SlowStepCount, tag);
        }
    }

    /// <summary>The loop's index as a tag value, boxed once per loop rather than per task.</summary>
    private object LoopTagValue(int index) => (uint)index < (uint)_loopTags.Length ? _loopTags[index] : index;

    private static double Seconds(long loopTicks) => LoopClock.ToTimeSpan(loopTicks).TotalSeconds;

    /// <summary>The kind as a tag: past LoopTelemetry:MaxKinds distinct kinds, "(other kinds)", as in the kinds table.</summary>
    private string KindOf(string kind)
    {
        if (_kinds.TryGetValue(kind, out var known))
        {
            return known;
        }

        return _kinds.Count >= _maxKinds ? LoopTelemetry.OtherKinds : _kinds.GetOrAdd(kind, kind);
    }

    private void Gauge(MetricName name, Func<LoopInterval, double> read) =>
        _meter.CreateObservableGauge(name.Name, () => Latest(read), name.Unit, name.Description);

    private Histogram<double> TaskHistogram(MetricName name) => _meter.CreateHistogram(
        name.Name, name.Unit, name.Description, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = MetricNames.TaskTimeBoundaries });

    private IEnumerable<Measurement<double>> Latest(Func<LoopInterval, double> read)
    {
        LoopInterval?[] latest;
        lock (_gate)
        {
            latest = [.. _latest];
        }

        for (var i = 0; i < latest.Length; i++)
        {
            if (latest[i] is { } interval)
            {
                yield return new Measurement<double>(read(interval), new KeyValuePair<string, object?>(MetricNames.LoopTag, i));
            }
        }
    }

    private IEnumerable<Measurement<long>> PerLoop(Func<EventLoop.EventLoop, long> read) =>
        _host.Loops.Select((loop, i) => new Measurement<long>(read(loop), new KeyValuePair<string, object?>(MetricNames.LoopTag, i)));
}
