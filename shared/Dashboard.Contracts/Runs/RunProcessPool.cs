namespace Dashboard.Contracts.Runs;

/// <summary>
/// What the host's process pool did during a run whose workload had <c>process</c> steps: its jobs,
/// the mean of each part of a hop over them, and, at the run's end, the workers' memory beside the
/// host's, where the thread pool lives. The pool is the host's: jobs of another run going at the
/// same time count here too.
/// </summary>
public sealed record RunProcessPool
{
    public required long Jobs { get; init; }

    /// <summary>Jobs lost with their worker, or refused because the queue was full.</summary>
    public required long Failed { get; init; }

    /// <summary>Workers started during the run to replace ones that died.</summary>
    public required long Restarts { get; init; }

    /// <summary>Waiting for a free worker, mean ms.</summary>
    public required double QueueMeanMs { get; init; }

    /// <summary>Through the worker's input pipe, mean ms.</summary>
    public required double SendMeanMs { get; init; }

    /// <summary>Computing in the worker, mean ms.</summary>
    public required double ComputeMeanMs { get; init; }

    /// <summary>Back through its output pipe to the host, mean ms.</summary>
    public required double ReturnMeanMs { get; init; }

    /// <summary>Worker processes running at the run's end.</summary>
    public required int Workers { get; init; }

    /// <summary>Their resident memory at the run's end, all together.</summary>
    public required long WorkersMemoryBytes { get; init; }

    /// <summary>The host's resident memory at the run's end (its thread pool's threads live there).</summary>
    public required long HostMemoryBytes { get; init; }

    /// <summary>The host's thread-pool threads at the run's end.</summary>
    public required int ThreadPoolThreads { get; init; }

    /// <summary>The mean of one part of the hop, by its key in <see cref="Loop.HopParts.All"/>.</summary>
    public double MeanMsOf(string part) => part switch
    {
        "queue" => QueueMeanMs,
        "send" => SendMeanMs,
        "compute" => ComputeMeanMs,
        "return" => ReturnMeanMs,
        _ => throw new ArgumentOutOfRangeException(nameof(part), part, "expected queue, send, compute or return"),
    };
}
