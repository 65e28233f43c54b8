namespace Dashboard.LoopServer.Workloads.Processes;

/// <summary>
/// The worker processes behind <c>process</c> workload steps (section <c>LoopServer:ProcessPool</c>).
/// Like Python's ProcessPoolExecutor: a fixed number of processes, each computing one job at a
/// time; unlike it, started with the host by default, since a process costs tens of milliseconds
/// to start and a runtime's memory, which is the lesson of this design.
/// </summary>
public sealed class ProcessPoolOptions
{
    public const string SectionName = "LoopServer:ProcessPool";

    private const int MaxSizeBound = 64;
    private const int MaxQueueBound = 1_000_000;

    /// <summary>Worker processes. Default: one per core, as ProcessPoolExecutor does.</summary>
    public int Size { get; set; } = Environment.ProcessorCount;

    /// <summary>
    /// Start the workers with the host and wait until each says hello (default). Off, the pool starts
    /// on the first <c>process</c> step, and the first requests pay for it.
    /// </summary>
    public bool WarmUp { get; set; } = true;

    /// <summary>Jobs waiting for a free worker; past it a step fails at once with a message saying so.</summary>
    public int MaxQueue { get; set; } = 10_000;

    /// <summary>How long a worker may take to start and say hello before it counts as failed.</summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long stopping waits for the workers to exit after their input closes, before killing them.</summary>
    public TimeSpan StopTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The worker program (Dashboard.Worker.dll); empty: the one beside this program.</summary>
    public string WorkerPath { get; set; } = "";

    /// <summary>Throws an <see cref="ArgumentException"/> naming every setting out of range; returns this.</summary>
    public ProcessPoolOptions Validate()
    {
        var errors = new List<string>();
        if (Size is < 1 or > MaxSizeBound)
        {
            errors.Add($"{SectionName}:Size must be between 1 and {MaxSizeBound} worker processes (got {Size})");
        }

        if (MaxQueue is < 0 or > MaxQueueBound)
        {
            errors.Add($"{SectionName}:MaxQueue must be between 0 and {MaxQueueBound} jobs (got {MaxQueue})");
        }

        if (StartTimeout <= TimeSpan.Zero || StartTimeout > TimeSpan.FromMinutes(5))
        {
            errors.Add($"{SectionName}:StartTimeout must be above 0 and at most 5 minutes (got {StartTimeout})");
        }

        if (StopTimeout < TimeSpan.Zero || StopTimeout > TimeSpan.FromMinutes(1))
        {
            errors.Add($"{SectionName}:StopTimeout must be between 0 and 1 minute (got {StopTimeout})");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid process pool options: " + string.Join("; ", errors));
        }

        return this;
    }
}
