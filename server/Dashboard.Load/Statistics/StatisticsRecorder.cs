using Dashboard.Load.Http;

namespace Dashboard.Load.Statistics;

/// <summary>
/// The one place connections record into. A lock guards the current interval's accumulator
/// (histograms are single-writer); the reporter swaps in a cleared spare at each interval's end
/// and reads the full one outside the lock, so a record never waits for a report.
/// </summary>
/// <remarks>
/// With a warm-up, a request belongs to the warm-up or to the measured run by its intended time,
/// not by when it finished: until the reporter closes the warm-up's last interval
/// (<see cref="Swap"/> with <c>beginMeasuring</c>), measured requests that finish early wait in an
/// accumulator of their own that becomes the first measured interval; after it, warm-up requests
/// that finish late go to <see cref="TakeLateWarmUp"/>, never into a measured interval.
/// </remarks>
internal sealed class StatisticsRecorder
{
    private readonly Lock _gate = new();
    private readonly int _kinds;
    private readonly long _highestMicroseconds;
    private LoadAccumulator _current;
    private LoadAccumulator _spare;
    private LoadAccumulator? _early;
    private LoadAccumulator? _late;
    private long _measuredFrom = long.MinValue;
    private bool _measuring = true;

    public StatisticsRecorder(int kinds, long highestMicroseconds)
    {
        _kinds = kinds;
        _highestMicroseconds = highestMicroseconds;
        _current = new LoadAccumulator(kinds, highestMicroseconds);
        _spare = new LoadAccumulator(kinds, highestMicroseconds);
    }

    /// <summary>Requests intended before <paramref name="timestamp"/> are the warm-up's (called once, before the first request).</summary>
    public void MeasureFrom(long timestamp)
    {
        lock (_gate)
        {
            _measuredFrom = timestamp;
            _measuring = false;
            _early = new LoadAccumulator(_kinds, _highestMicroseconds);
            _late = new LoadAccumulator(_kinds, _highestMicroseconds);
        }
    }

    public void Record(int kind, long intendedTimestamp, in ExchangeResult result)
    {
        lock (_gate)
        {
            Target(intendedTimestamp).Record(kind, intendedTimestamp, result);
        }
    }

    public void RecordDropped(int kind, long intendedTimestamp)
    {
        lock (_gate)
        {
            Target(intendedTimestamp).RecordDropped(kind);
        }
    }

    public void RecordAbandoned(long count)
    {
        lock (_gate)
        {
            _current.RecordAbandoned(count);
        }
    }

    /// <summary>Takes the filled accumulator out; hand it back with <see cref="Return"/> once read.
    /// With <paramref name="beginMeasuring"/> the warm-up's last interval ends here.</summary>
    public LoadAccumulator Swap(bool beginMeasuring = false)
    {
        lock (_gate)
        {
            LoadAccumulator full = _current;
            if (beginMeasuring && !_measuring && _early is not null)
            {
                _current = _early;
                _early = null;
                _measuring = true;
            }
            else
            {
                _current = _spare;
            }

            return full;
        }
    }

    public void Return(LoadAccumulator accumulator)
    {
        accumulator.Reset();
        lock (_gate)
        {
            _spare = accumulator;
        }
    }

    /// <summary>Folds the warm-up requests that finished after the warm-up's last interval into <paramref name="into"/>.</summary>
    public void TakeLateWarmUp(LoadAccumulator into)
    {
        lock (_gate)
        {
            if (_late is { Requests: > 0 } or { Dropped: > 0 } or { Sent: > 0 })
            {
                into.Merge(_late);
                _late.Reset();
            }
        }
    }

    private LoadAccumulator Target(long intendedTimestamp)
    {
        if (intendedTimestamp < _measuredFrom)
        {
            return _measuring ? _late! : _current;
        }

        return _measuring ? _current : _early!;
    }
}
