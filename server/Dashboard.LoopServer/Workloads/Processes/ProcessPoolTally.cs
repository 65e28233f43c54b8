namespace Dashboard.LoopServer.Workloads.Processes;

/// <summary>The pool's running sums in fixed memory: counts, and the sum and maximum of each part of a hop.</summary>
internal struct ProcessPoolTally
{
    public long Completed;
    public long Failed;
    public long Rejected;
    public long Restarts;
    private HopPart _queue;
    private HopPart _send;
    private HopPart _compute;
    private HopPart _return;

    public void Add(ProcessHop hop)
    {
        Completed++;
        _queue.Add(hop.Queue);
        _send.Add(hop.Send);
        _compute.Add(hop.Compute);
        _return.Add(hop.Return);
    }

    public readonly ProcessPoolFigures ToFigures(ProcessPoolOptions options, int alive, int busy, int queued, long workersMemoryBytes, string? startFailure) => new(
        options.Size,
        alive,
        busy,
        queued,
        Completed,
        Failed,
        Rejected,
        Restarts,
        _queue.Figures(Completed),
        _send.Figures(Completed),
        _compute.Figures(Completed),
        _return.Figures(Completed),
        workersMemoryBytes,
        startFailure);

    private struct HopPart
    {
        private double _sumMs;
        private double _maxMs;

        public void Add(TimeSpan part)
        {
            var ms = part.TotalMilliseconds;
            _sumMs += ms;
            _maxMs = Math.Max(_maxMs, ms);
        }

        public readonly HopFigures Figures(long count) => new(count == 0 ? 0 : _sumMs / count, _maxMs, _sumMs);
    }
}

/// <summary>One part of the hop over every answered job: mean, maximum and sum, in milliseconds (the sum lets a run take its own share).</summary>
internal readonly record struct HopFigures(double MeanMs, double MaxMs, double SumMs);

/// <summary>The pool at a moment: its workers, its jobs, where their time went, and the workers' memory.</summary>
internal sealed record ProcessPoolFigures(
    int Size,
    int Alive,
    int Busy,
    int Queued,
    long Completed,
    long Failed,
    long Rejected,
    long Restarts,
    HopFigures Queue,
    HopFigures Send,
    HopFigures Compute,
    HopFigures Return,
    long WorkersMemoryBytes,
    string? StartFailure);
