using System.Diagnostics;
using Dashboard.EventLoop.Waiting;
using Dashboard.Load.Scenarios;

namespace Dashboard.Load.Engine;

/// <summary>
/// The scheduler: runs the phases on a dedicated thread. Open phases hand each arrival to the
/// connections at its intended time (computed from the phase's start timestamp, never from the
/// previous arrival, so nothing drifts); closed phases set how many virtual users run.
/// </summary>
/// <remarks>
/// A dedicated thread rather than timers or Task.Delay: the thread-pool timer fires at 1 ms
/// granularity at best and late under load, while this thread sleeps to the microsecond until
/// the next arrival (see <see cref="PreciseWaiter"/>). When it falls behind,
/// every overdue arrival is dispatched at once with its original intended time, so the delay
/// shows in corrected latency and send lateness instead of vanishing.
/// </remarks>
internal sealed class LoadDriver : IDisposable
{
    // How often a user-count ramp is re-evaluated.
    private static readonly long RampStepTicks = Stopwatch.Frequency / 100;

    private readonly RunContext _context;
    private readonly PreciseWaiter _waiter;
    private readonly Random _random;
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Action<int> _startUser;

    private PhaseSnapshot _phase = PhaseSnapshot.Starting;
    private double? _rateOverride;
    private int? _copiesOverride;
    private Thread? _thread;

    public LoadDriver(RunContext context, TimeSpan spinThreshold, int seed)
    {
        _context = context;
        _waiter = new PreciseWaiter(spinThreshold);
        _random = new Random(seed);
        _startUser = id => _context.Queue.Writer.TryWrite(WorkItem.User(id));
    }

    public long StartTimestamp { get; private set; }

    public PhaseSnapshot Phase => Volatile.Read(ref _phase);

    /// <summary>Completes when the last phase has ended or the run was stopped.</summary>
    public Task Completion => _done.Task;

    public void Start(long startTimestamp)
    {
        StartTimestamp = startTimestamp;
        _thread = new Thread(Run) { IsBackground = true, Name = "load-scheduler", Priority = ThreadPriority.AboveNormal };
        _thread.Start();
    }

    /// <summary>Sets the arrival rate for the rest of the current open-model phase.</summary>
    public void SetRate(double rate)
    {
        lock (_gate)
        {
            if (Refusal(rate: true) is { } message)
            {
                throw new InvalidOperationException(message);
            }

            _rateOverride = rate;
        }

        _waiter.Signal();
    }

    /// <summary>Sets the virtual-user count for the rest of the current closed-model phase.</summary>
    public void SetCopies(int copies)
    {
        lock (_gate)
        {
            if (Refusal(rate: false) is { } message)
            {
                throw new InvalidOperationException(message);
            }

            _copiesOverride = copies;
        }

        _waiter.Signal();
    }

    /// <summary>Why a change of the rate (or, <paramref name="rate"/> false, of the users) would be refused now; null when it would be taken.</summary>
    public string? ChangeRefusal(bool rate)
    {
        lock (_gate)
        {
            return Refusal(rate);
        }
    }

    /// <summary>
    /// The warm-up replays phases that start over when it ends: a change made to it would be lost.
    /// A rate belongs to an open-model phase, users to a closed-model one.
    /// </summary>
    private string? Refusal(bool rate)
    {
        if (Phase.WarmUp)
        {
            return $"The run is warming up ({_context.Plan.WarmUp.TotalSeconds:0.###} s); the rate and users can change once the measured phases begin.";
        }

        if (rate && !Phase.IsOpen)
        {
            return $"The current phase ({Phase.Name}) is not an open-model phase; the rate can only change during inject or rampingInject.";
        }

        return !rate && !Phase.IsClosed
            ? $"The current phase ({Phase.Name}) is not a closed-model phase; the user count can only change during keepConstant or rampingConstant."
            : null;
    }

    /// <summary>Wakes the scheduler so it notices <see cref="RunContext.Stopping"/>.</summary>
    public void Interrupt() => _waiter.Signal();

    public void Dispose() => _waiter.Dispose();

    private void Run()
    {
        // Waking for a send, run before the socket work this thread feeds, even on a saturated core.
        ThreadNice.TrySet(-10);
        try
        {
            // The warm-up plays the phases from their start; then they start over, measured.
            long measuredStart = RunPhases(_context.Plan.WarmUpPhases, StartTimestamp, warmUp: true);
            RunPhases(_context.Plan.Phases, measuredStart, warmUp: false);
            _context.Users.SetTarget(0, _startUser);
            Publish(PhaseSnapshot.Draining);
            _done.TrySetResult();
        }
        catch (Exception ex)
        {
            _done.TrySetException(ex);
        }
    }

    /// <summary>Runs <paramref name="phases"/> in order from <paramref name="phaseStart"/>; returns where the last ended.</summary>
    private long RunPhases(IReadOnlyList<PhasePlan> phases, long phaseStart, bool warmUp)
    {
        double previousRate = 0;
        int previousCopies = 0;
        for (int i = 0; i < phases.Count && !_context.Stopping; i++)
        {
            PhasePlan phase = phases[i];
            long phaseEnd = phaseStart + (long)(phase.Duration.TotalSeconds * Stopwatch.Frequency);
            lock (_gate)
            {
                _rateOverride = null;
                _copiesOverride = null;
            }

            if (phase.IsOpen)
            {
                previousRate = RunOpen(phase, phaseStart, phaseEnd, previousRate, warmUp);
                previousCopies = 0;
            }
            else if (phase.IsClosed)
            {
                previousCopies = RunClosed(phase, phaseStart, phaseEnd, previousCopies, warmUp);
                previousRate = 0;
            }
            else
            {
                Publish(new PhaseSnapshot(phase.Index, phase.Name, false, false, phaseStart, phaseEnd, 0, 0, 0, warmUp));
                WaitUntilOrStop(phaseEnd);
                previousRate = 0;
                previousCopies = 0;
            }

            // Users carry over only into a closed phase that follows (the measured run's first
            // phase follows the warm-up's last).
            PhasePlan? next = i + 1 < phases.Count ? phases[i + 1] : warmUp && _context.Plan.Phases.Count > 0 ? _context.Plan.Phases[0] : null;
            if (next is not { IsClosed: true })
            {
                _context.Users.SetTarget(0, _startUser);
            }

            phaseStart = phaseEnd;
        }

        return phaseStart;
    }

    private double RunOpen(PhasePlan phase, long phaseStart, long phaseEnd, double previousRate, bool warmUp)
    {
        double startRate = phase.Kind == PhaseKind.RampingInject ? previousRate : phase.StartRate;
        double endRate = phase.EndRate;
        long segmentStart = phaseStart;
        ArrivalSchedule schedule = NewSchedule(startRate, endRate, segmentStart, phaseEnd);
        Publish(new PhaseSnapshot(phase.Index, phase.Name, true, false, segmentStart, phaseEnd, startRate, endRate, 0, warmUp));

        long? next = NextArrival(schedule, segmentStart);
        while (true)
        {
            if (_waiter.WaitUntil(next ?? phaseEnd))
            {
                if (next is null)
                {
                    return endRate;
                }

                Dispatch(next.Value);
                next = NextArrival(schedule, segmentStart);
                continue;
            }

            if (_context.Stopping)
            {
                return endRate;
            }

            double? rate;
            lock (_gate)
            {
                rate = _rateOverride;
                _rateOverride = null;
            }

            if (rate is not null)
            {
                // The rest of the phase runs at the new rate, counted from now.
                segmentStart = Math.Min(Stopwatch.GetTimestamp(), phaseEnd);
                startRate = endRate = rate.Value;
                schedule = NewSchedule(startRate, endRate, segmentStart, phaseEnd);
                Publish(new PhaseSnapshot(phase.Index, phase.Name, true, false, segmentStart, phaseEnd, startRate, endRate, 0, warmUp));
                next = NextArrival(schedule, segmentStart);
            }
        }
    }

    private int RunClosed(PhasePlan phase, long phaseStart, long phaseEnd, int previousCopies, bool warmUp)
    {
        int startCopies = phase.Kind == PhaseKind.RampingConstant ? previousCopies : phase.EndCopies;
        int endCopies = phase.EndCopies;
        long segmentStart = phaseStart;
        _context.ThinkTicks = (long)(phase.Think.TotalSeconds * Stopwatch.Frequency);
        int target = startCopies;
        while (true)
        {
            long now = Stopwatch.GetTimestamp();
            double span = phaseEnd - segmentStart;
            double fraction = span > 0 ? Math.Clamp((now - segmentStart) / span, 0, 1) : 1;
            target = (int)Math.Round(startCopies + ((endCopies - startCopies) * fraction));
            _context.Users.SetTarget(target, _startUser);
            Publish(new PhaseSnapshot(phase.Index, phase.Name, false, true, segmentStart, phaseEnd, 0, 0, target, warmUp));
            if (now >= phaseEnd)
            {
                return target;
            }

            long wake = startCopies == endCopies ? phaseEnd : Math.Min(phaseEnd, now + RampStepTicks);
            if (_waiter.WaitUntil(wake))
            {
                continue;
            }

            if (_context.Stopping)
            {
                return target;
            }

            int? copies;
            lock (_gate)
            {
                copies = _copiesOverride;
                _copiesOverride = null;
            }

            if (copies is not null)
            {
                segmentStart = Math.Min(Stopwatch.GetTimestamp(), phaseEnd);
                startCopies = endCopies = Math.Min(copies.Value, _context.Users.Capacity);
            }
        }
    }

    private void Dispatch(long intendedTimestamp)
    {
        int kind = _context.Mix.Pick(_random);
        if (!_context.TryAdmit())
        {
            _context.Recorder.RecordDropped(kind, intendedTimestamp);
            return;
        }

        _context.Queue.Writer.TryWrite(WorkItem.Request(intendedTimestamp, kind));
    }

    private ArrivalSchedule NewSchedule(double startRate, double endRate, long segmentStart, long segmentEnd) =>
        new(startRate, endRate, (double)(segmentEnd - segmentStart) / Stopwatch.Frequency, _context.Plan.PoissonArrivals ? _random : null);

    private static long? NextArrival(ArrivalSchedule schedule, long segmentStart) =>
        schedule.TryNext(out double offset) ? segmentStart + (long)(offset * Stopwatch.Frequency) : null;

    private void WaitUntilOrStop(long timestamp)
    {
        while (!_context.Stopping && !_waiter.WaitUntil(timestamp))
        {
        }
    }

    private void Publish(PhaseSnapshot snapshot) => Volatile.Write(ref _phase, snapshot);
}
