using System.Threading.Channels;
using Dashboard.Load.Http;
using Dashboard.Load.Scenarios;
using Dashboard.Load.Statistics;

namespace Dashboard.Load.Engine;

/// <summary>State the scheduler, the connections and the reporter of one run share.</summary>
internal sealed class RunContext
{
    private readonly CancellationTokenSource _stop = new();
    private int _inFlight;
    private long _sequence;
    private long _thinkTicks;
    private volatile bool _stopping;
    private volatile bool _discardQueued;

    public RunContext(LoadPlan plan, RequestTemplate[] templates, RequestTemplate[] warmUpTemplates, StatisticsRecorder recorder)
    {
        Plan = plan;
        Templates = templates;
        WarmUpTemplates = warmUpTemplates;
        Recorder = recorder;
        Mix = new RequestMix(plan.Kinds);
        Users = new VirtualUsers(plan.Connections);

        // Unbounded in type, bounded in practice: open-model items are admitted only below
        // maxInFlight, and there is at most one item per virtual user. Continuations stay
        // asynchronous: run on the writer, each send would be made by the scheduler itself, which
        // cut the send lateness p99 at 10,000/s from about 2 to 1–1.6 ms, but then any stall on the
        // send path (a first call compiling) held every later arrival, and a short test run saw
        // its sends wait 200 ms (benchmarks/README.md, load).
        Queue = Channel.CreateUnbounded<WorkItem>(new UnboundedChannelOptions
        {
            SingleReader = false,
            SingleWriter = false,
            AllowSynchronousContinuations = false,
        });
    }

    public LoadPlan Plan { get; }

    public RequestTemplate[] Templates { get; }

    /// <summary>The same requests with the warm-up's correlation prefix, for requests intended before <see cref="MeasuredFrom"/>.</summary>
    public RequestTemplate[] WarmUpTemplates { get; }

    /// <summary>Timestamp where the warm-up ends and measuring begins (the run's start without a
    /// warm-up). A request belongs to the warm-up when its intended time is before it.</summary>
    public long MeasuredFrom { get; private set; } = long.MinValue;

    /// <summary>Fixes where measuring begins, once the run's start is known.</summary>
    public void BeginAt(long startTimestamp)
    {
        MeasuredFrom = startTimestamp + (long)(Plan.WarmUp.TotalSeconds * System.Diagnostics.Stopwatch.Frequency);
        if (Plan.WarmUp > TimeSpan.Zero)
        {
            Recorder.MeasureFrom(MeasuredFrom);
        }
    }

    public bool IsWarmUp(long intendedTimestamp) => intendedTimestamp < MeasuredFrom;

    public StatisticsRecorder Recorder { get; }

    public RequestMix Mix { get; }

    public VirtualUsers Users { get; }

    public Channel<WorkItem> Queue { get; }

    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>No new work: virtual users retire, the scheduler returns.</summary>
    public bool Stopping => _stopping;

    /// <summary>Queued open-model requests are counted as abandoned instead of sent.</summary>
    public bool DiscardQueued => _discardQueued;

    /// <summary>Cancelled when the run stops, to cut think times short.</summary>
    public CancellationToken StopToken => _stop.Token;

    /// <summary>Think time of closed-model users, in Stopwatch ticks.</summary>
    public long ThinkTicks
    {
        get => Volatile.Read(ref _thinkTicks);
        set => Volatile.Write(ref _thinkTicks, value);
    }

    /// <summary>Counts an open-model arrival in flight unless the cap is reached.</summary>
    public bool TryAdmit()
    {
        if (Interlocked.Increment(ref _inFlight) <= Plan.MaxInFlight)
        {
            return true;
        }

        Interlocked.Decrement(ref _inFlight);
        return false;
    }

    /// <summary>Counts a closed-model request in flight (users are bounded by the connections).</summary>
    public void Enter() => Interlocked.Increment(ref _inFlight);

    public void Leave() => Interlocked.Decrement(ref _inFlight);

    public long NextSequence() => Interlocked.Increment(ref _sequence);

    public void RequestStop()
    {
        _stopping = true;
        _discardQueued = true;
        _stop.Cancel();
    }

    public void StopQueuedWork() => _discardQueued = true;
}
