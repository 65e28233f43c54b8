using System.Collections.Concurrent;
using System.Threading.Channels;
using Dashboard.EventLoop.Waiting;

namespace Dashboard.EventLoop;

/// <summary>
/// A single-threaded, instrumented event loop modelled on asyncio's: one dedicated thread, a
/// ready queue that any thread may post to, a timer heap owned by the loop thread, and exact
/// per-task accounting of awake / waiting / asleep time. See DESIGN.md, "The event loop".
/// </summary>
public sealed partial class EventLoop : IAsyncDisposable
{
    // The loop whose thread this is. One thread-static read answers "on the loop thread?" and
    // "which task is running?"; a step writes no thread-static of its own (each costs a TLS lookup).
    [ThreadStatic]
    private static EventLoop? t_runningLoop;

    private readonly EventLoopOptions _options;
    private readonly TimeProvider _wallClock;
    private readonly ReadyQueue _ready = new();
    private readonly ConcurrentQueue<ReadyItem> _remote = new();
    private readonly WakeableWait _wake = WakeableWait.Create();
    private readonly TimerQueue _timers = new();
    private readonly Dictionary<long, LoopTask> _live = [];
    private readonly Channel<TaskRecord> _records;
    private readonly Channel<LoopIntervalFigures> _intervals;
    private readonly LoopTaskContext _loopContext;
    private readonly bool _accounting;
    private readonly int _maxSpans;
    private readonly long _intervalTicks;
    private readonly long _slowStepTicks;
    private Thread? _thread;
    private int _loopThreadId = -1;
    private int _wakeSignalled;
    private long _nextTaskId;
    private int _liveCount;
    private long _createdCount;
    private long _completedCount;
    private long _faultedCount;
    private long _cancelledCount;
    private long _recordsDropped;
    private long _intervalsDropped;
    private LoopFiguresCollector? _figures;
    private LoopTask? _currentTask;
    private SynchronizationContext? _installedContext;
    private long _nextIntervalAt;
    private volatile LoopIntervalFigures? _latestFigures;

    public EventLoop(EventLoopOptions? options = null, TimeProvider? wallClock = null)
    {
        _options = options ?? new EventLoopOptions();
        _options.ThrowIfInvalid();
        _wallClock = wallClock ?? TimeProvider.System;
        _accounting = _options.Accounting;
        _maxSpans = _options.MaxSpansPerTask;
        _intervalTicks = LoopClock.FromTimeSpan(_options.FigureInterval);
        _slowStepTicks = LoopClock.FromTimeSpan(_options.SlowStepThreshold);
        _loopContext = new LoopTaskContext(this, null);
        _records = Channel.CreateBounded<TaskRecord>(
            new BoundedChannelOptions(_options.CompletedTaskBufferCapacity)
            {
                FullMode = BoundedChannelFullMode.DropOldest,
                SingleWriter = true,
            },
            _ => Interlocked.Increment(ref _recordsDropped));
        _intervals = Channel.CreateBounded<LoopIntervalFigures>(
            new BoundedChannelOptions(_options.IntervalBufferCapacity)
            {
                FullMode = BoundedChannelFullMode.DropOldest,
                SingleWriter = true,
            },
            _ => Interlocked.Increment(ref _intervalsDropped));
    }

    /// <summary>The task whose step is running on the calling thread, or null.</summary>
    public static LoopTask? CurrentTask => t_runningLoop?._currentTask;

    public EventLoopOptions Options => _options;

    /// <summary>This loop's number in its group (<see cref="EventLoopOptions.Index"/>).</summary>
    public int Index => _options.Index;

    /// <summary>Which loop of a group of <paramref name="groupSize"/> made the task with id <paramref name="taskId"/>.</summary>
    public static int IndexOfTask(long taskId, int groupSize) => (int)(taskId % groupSize);

    public bool IsRunning => _thread is not null && !_exitRequested;

    public bool IsOnLoopThread => ReferenceEquals(t_runningLoop, this);

    /// <summary>One record per completed task (bounded; when full the oldest is dropped and counted).</summary>
    public ChannelReader<TaskRecord> CompletedTasks => _records.Reader;

    /// <summary>One entry per figure interval (bounded; drop-oldest).</summary>
    public ChannelReader<LoopIntervalFigures> Intervals => _intervals.Reader;

    /// <summary>The most recent interval's figures, readable from any thread.</summary>
    public LoopIntervalFigures? LatestFigures => _latestFigures;

    public int LiveTaskCount => Volatile.Read(ref _liveCount);

    public long TasksCreated => Interlocked.Read(ref _createdCount);

    public long TasksCompleted => Interlocked.Read(ref _completedCount);

    public long RecordsDropped => Interlocked.Read(ref _recordsDropped);

    public long IntervalsDropped => Interlocked.Read(ref _intervalsDropped);

    /// <summary>Starts the loop thread. A loop runs once: after a stop, make a new one.</summary>
    public void Start()
    {
        if (Interlocked.CompareExchange(ref _thread, new Thread(Run) { IsBackground = true, Name = _options.Name }, null) is not null)
        {
            throw new InvalidOperationException("The event loop was already started.");
        }

        _thread.Start();
        SpinWait.SpinUntil(() => Volatile.Read(ref _loopThreadId) != -1);
    }

    /// <summary>Spawns a task (thread-safe). On the loop thread its parent is the current task.</summary>
    public LoopTask Spawn(string name, string kind, Func<CancellationToken, Task> body, string? tag = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        return StartTask(new LoopTask(this, NextTaskId(), name, kind, ParentForSpawn(), tag, body));
    }

    /// <inheritdoc cref="Spawn(string, string, Func{CancellationToken, Task}, string?)"/>
    public LoopTask<T> Spawn<T>(string name, string kind, Func<CancellationToken, Task<T>> body, string? tag = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        return StartTask(new LoopTask<T>(this, NextTaskId(), name, kind, ParentForSpawn(), tag, body));
    }

    /// <summary>
    /// Suspends the calling task on a loop timer (not a thread-pool timer, so its lateness is
    /// measured). Without a token it observes the current task's cancellation.
    /// </summary>
    public Task Sleep(TimeSpan delay, CancellationToken cancellationToken = default)
    {
        var task = CurrentTaskHere;
        if (!cancellationToken.CanBeCanceled && task is not null)
        {
            cancellationToken = task.CancellationToken;
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }

        var sleep = new SleepOperation(cancellationToken);
        var timer = CallLaterFor(task, delay, SleepOperation.FireCallback, sleep);
        sleep.Attach(timer);
        return sleep.Task;
    }

    /// <summary>Gives other ready work a turn; the task stays runnable (waiting) meanwhile.</summary>
    public YieldAwaitable Yield() => new(this);

    /// <summary>
    /// Runs <paramref name="work"/> on the thread pool; the awaiting task is asleep on the loop
    /// meanwhile and its continuation comes back to the loop.
    /// </summary>
    public Task<T> RunInExecutor<T>(Func<T> work, CancellationToken cancellationToken = default) =>
        Task.Run(work, EffectiveToken(cancellationToken));

    /// <inheritdoc cref="RunInExecutor{T}(Func{T}, CancellationToken)"/>
    public Task RunInExecutor(Action work, CancellationToken cancellationToken = default) =>
        Task.Run(work, EffectiveToken(cancellationToken));

    /// <summary>Queues a callback outside any task (thread-safe).</summary>
    public void CallSoon(Action<object?> callback, object? state)
    {
        ArgumentNullException.ThrowIfNull(callback);
        Enqueue(new ReadyItem { Work = callback, State = state });
    }

    /// <summary>Runs a callback after <paramref name="delay"/> on the loop, attributed to the current task.</summary>
    public TimerHandle CallLater(TimeSpan delay, Action<object?> callback, object? state)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return CallLaterFor(CurrentTaskHere, delay, callback, state);
    }

    private TimerHandle CallLaterFor(LoopTask? task, TimeSpan delay, Action<object?> callback, object? state)
    {
        if (delay < TimeSpan.Zero)
        {
            delay = TimeSpan.Zero;
        }

        var timer = new TimerHandle(LoopClock.Now + LoopClock.FromTimeSpan(delay), callback, state, task);
        if (IsOnLoopThread)
        {
            _timers.Add(timer);
        }
        else
        {
            CallSoon(s => _timers.Add((TimerHandle)s!), timer);
        }

        return timer;
    }

    private CancellationToken EffectiveToken(CancellationToken cancellationToken) =>
        !cancellationToken.CanBeCanceled && CurrentTaskHere is { } task ? task.CancellationToken : cancellationToken;

    /// <summary>The running task when called on this loop's thread, else null.</summary>
    private LoopTask? CurrentTaskHere => IsOnLoopThread ? _currentTask : null;

    // A stride of the group's size from the loop's index: unique across loops without a shared counter.
    private long NextTaskId() => (Interlocked.Increment(ref _nextTaskId) * _options.GroupSize) + _options.Index;

    private LoopTask? ParentForSpawn() => CurrentTaskHere;
}
