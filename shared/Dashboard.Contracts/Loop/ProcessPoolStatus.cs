namespace Dashboard.Contracts.Loop;

/// <summary>
/// The process pool behind <c>process</c> workload steps (in <c>GET /api/loop</c>): its workers,
/// its jobs, where a job's time went outside the loop, and what it costs in memory beside the
/// thread pool, which lives inside the host.
/// </summary>
public sealed record ProcessPoolStatus
{
    /// <summary>Worker processes wanted (<c>LoopServer:ProcessPool:Size</c>).</summary>
    public required int Size { get; init; }

    /// <summary>Whether the workers start with the host (else on the first <c>process</c> step).</summary>
    public required bool WarmUp { get; init; }

    /// <summary>Worker processes running now.</summary>
    public required int Alive { get; init; }

    /// <summary>Workers computing a job now.</summary>
    public required int Busy { get; init; }

    /// <summary>Jobs waiting for a free worker now.</summary>
    public required int Queued { get; init; }

    public required long Completed { get; init; }

    /// <summary>Jobs whose worker died or could not take them.</summary>
    public required long Failed { get; init; }

    /// <summary>Jobs refused because the queue was full.</summary>
    public required long Rejected { get; init; }

    /// <summary>Workers started to replace ones that died.</summary>
    public required long Restarts { get; init; }

    /// <summary>Waiting for a free worker.</summary>
    public required HopPartStatus Queue { get; init; }

    /// <summary>From the write to the worker's input to the worker reading it.</summary>
    public required HopPartStatus Send { get; init; }

    /// <summary>Computing in the worker.</summary>
    public required HopPartStatus Compute { get; init; }

    /// <summary>From the worker's answer to the pool reading it (the request then waits for its loop).</summary>
    public required HopPartStatus Return { get; init; }

    /// <summary>The worker processes' resident memory, all together.</summary>
    public required long WorkersMemoryBytes { get; init; }

    /// <summary>The host's own resident memory, where the thread pool's threads live.</summary>
    public required long HostMemoryBytes { get; init; }

    /// <summary>The host's thread-pool threads now.</summary>
    public required int ThreadPoolThreads { get; init; }

    /// <summary>Work items queued to the host's thread pool now.</summary>
    public required long ThreadPoolQueued { get; init; }

    /// <summary>Why no worker could start, while none runs; null otherwise.</summary>
    public string? StartFailure { get; init; }
}

/// <summary>One part of a process-pool hop over every answered job, in milliseconds.</summary>
public sealed record HopPartStatus(double MeanMs, double MaxMs);

/// <summary>The four parts of a process-pool hop, in order, as the pages and the reports name them: one copy of the words.</summary>
public static class HopParts
{
    public const string Queue = "Waiting for a free worker";
    public const string Send = "Through the worker's input pipe";
    public const string Compute = "Computing in the worker";
    public const string Return = "Back through its output pipe to the host";

    /// <summary>What follows the hop, counted by the loop, not by the pool.</summary>
    public const string Then = "then the request waits for its loop, counted as waiting";

    /// <summary>Each part's key and words, in the hop's order.</summary>
    public static readonly IReadOnlyList<(string Key, string Description)> All =
        [("queue", Queue), ("send", Send), ("compute", Compute), ("return", Return)];
}
