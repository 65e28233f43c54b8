namespace Dashboard.Client.Live;

/// <summary>
/// The throttle between a source and its viewers. The source says <see cref="Changed"/> as often
/// as it likes (the loop every interval, the run list on every snapshot); the view is then read
/// once, at most once per <c>interval</c>, and handed to every subscriber. With no subscriber a
/// change costs a flag, and the next page load reads the source itself.
/// </summary>
/// <remarks>
/// Two locks, never nested in this order: <see cref="Changed"/> is called by sources while they
/// hold their own lock, and reading the view takes the source's lock, so a change only touches
/// the scheduling state and the read happens under <c>_readGate</c> alone.
/// </remarks>
public sealed class LiveFeed<T> : ILiveFeed<T>, IDisposable
    where T : class
{
    private readonly Func<T?, T> _read;
    private readonly TimeProvider _time;
    private readonly TimeSpan _interval;
    private readonly Lock _gate = new();
    private readonly Lock _readGate = new();
    private Func<T, Task>[] _subscribers = [];
    private ITimer? _pending;
    private bool _disposed;
    private volatile bool _stale = true;
    private T? _current;
    private T? _lastDelivered;
    private long _lastReadTimestamp;

    /// <param name="read">Builds the view from the source; gets the previous view (null the first time) so unchanged parts can be kept as they were.</param>
    /// <param name="interval">Least time between two updates of the subscribers.</param>
    public LiveFeed(Func<T?, T> read, TimeSpan interval, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        _read = read;
        _interval = interval;
        _time = time;
        _lastReadTimestamp = time.GetTimestamp() - (long)(interval.TotalSeconds * time.TimestampFrequency);
    }

    /// <summary>Subscribers at the moment (for the tests and the benchmark's figures).</summary>
    public int SubscriberCount => Volatile.Read(ref _subscribers).Length;

    public T Current
    {
        get
        {
            lock (_readGate)
            {
                if (_stale || _current is null)
                {
                    // Cleared first: a change that lands while the source is read marks it stale again.
                    _stale = false;
                    _current = _read(_current);
                    Volatile.Write(ref _lastReadTimestamp, _time.GetTimestamp());
                }

                return _current;
            }
        }
    }

    public IDisposable Subscribe(Func<T, Task> onUpdate)
    {
        ArgumentNullException.ThrowIfNull(onUpdate);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _subscribers = [.. _subscribers, onUpdate];
        }

        return new Subscription(this, onUpdate);
    }

    /// <summary>The source changed: the subscribers get the new view within one interval.</summary>
    public void Changed()
    {
        _stale = true;
        TimeSpan due;
        lock (_gate)
        {
            if (_disposed || _pending is not null || _subscribers.Length == 0)
            {
                return;
            }

            var sinceRead = _time.GetElapsedTime(Volatile.Read(ref _lastReadTimestamp));
            due = sinceRead >= _interval ? TimeSpan.Zero : _interval - sinceRead;
            // Marked before the timer exists: a timer that fires at once must find itself pending.
            _pending = NoTimer.Instance;
        }

        var timer = _time.CreateTimer(_ => Publish(), null, due, Timeout.InfiniteTimeSpan);
        lock (_gate)
        {
            if (ReferenceEquals(_pending, NoTimer.Instance))
            {
                _pending = timer;
                return;
            }
        }

        // It fired already (a due time of zero on a fake clock).
        timer.Dispose();
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _subscribers = [];
            _pending?.Dispose();
            _pending = null;
        }
    }

    private void Publish()
    {
        Func<T, Task>[] subscribers;
        lock (_gate)
        {
            _pending?.Dispose();
            _pending = null;
            subscribers = _subscribers;
            if (_disposed || subscribers.Length == 0)
            {
                return;
            }
        }

        var view = Current;
        lock (_gate)
        {
            // A change that landed while the previous update read the source is already in it.
            if (ReferenceEquals(view, _lastDelivered))
            {
                return;
            }

            _lastDelivered = view;
        }

        foreach (var subscriber in subscribers)
        {
            _ = Deliver(subscriber, view);
        }
    }

    private static async Task Deliver(Func<T, Task> subscriber, T view)
    {
        try
        {
            await subscriber(view);
        }
        catch (Exception ex) when (ex is ObjectDisposedException or OperationCanceledException)
        {
            // A viewer that went away between the snapshot of the subscribers and the call.
        }
    }

    private void Unsubscribe(Func<T, Task> onUpdate)
    {
        lock (_gate)
        {
            _subscribers = _subscribers.Where(s => !ReferenceEquals(s, onUpdate)).ToArray();
        }
    }

    private sealed class Subscription(LiveFeed<T> feed, Func<T, Task> onUpdate) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                feed.Unsubscribe(onUpdate);
            }
        }
    }

    /// <summary>Stands for a timer being created, so a second change does not create another.</summary>
    private sealed class NoTimer : ITimer
    {
        public static readonly NoTimer Instance = new();

        public bool Change(TimeSpan dueTime, TimeSpan period) => false;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
