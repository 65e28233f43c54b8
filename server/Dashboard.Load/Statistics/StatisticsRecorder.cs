using Dashboard.Load.Http;

namespace Dashboard.Load.Statistics;

/// <summary>
/// The one place connections record into. A lock guards the current interval's accumulator
/// (histograms are single-writer); the reporter swaps in a cleared spare at each interval's end
/// and reads the full one outside the lock, so a record never waits for a report.
/// </summary>
internal sealed class StatisticsRecorder
{
    private readonly Lock _gate = new();
    private LoadAccumulator _current;
    private LoadAccumulator _spare;

    public StatisticsRecorder(int kinds, long highestMicroseconds)
    {
        _current = new LoadAccumulator(kinds, highestMicroseconds);
        _spare = new LoadAccumulator(kinds, highestMicroseconds);
    }

    public void Record(int kind, long intendedTimestamp, in ExchangeResult result)
    {
        lock (_gate)
        {
            _current.Record(kind, intendedTimestamp, result);
        }
    }

    public void RecordDropped(int kind)
    {
        lock (_gate)
        {
            _current.RecordDropped(kind);
        }
    }

    public void RecordAbandoned(long count)
    {
        lock (_gate)
        {
            _current.RecordAbandoned(count);
        }
    }

    /// <summary>Takes the filled accumulator out; hand it back with <see cref="Return"/> once read.</summary>
    public LoadAccumulator Swap()
    {
        lock (_gate)
        {
            LoadAccumulator full = _current;
            _current = _spare;
            return full;
        }
    }

    public void Return(LoadAccumulator accumulator)
    {
        accumulator.Reset();
        _spare = accumulator;
    }
}
