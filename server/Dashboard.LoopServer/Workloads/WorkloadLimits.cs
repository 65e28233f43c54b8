namespace Dashboard.LoopServer.Workloads;

/// <summary>
/// Every limit on what a workload document may ask for. A workload can come from a user over
/// HTTP, so these bound the loop time, memory and sockets one request can claim.
/// Public because the host configures it; call <see cref="Validate"/> after changing values.
/// </summary>
public sealed class WorkloadLimits
{
    /// <summary>The defaults, validated.</summary>
    public static WorkloadLimits Default { get; } = new();

    /// <summary>Deepest nesting of step lists (<c>sequence</c>, <c>gather</c>, <c>spawn</c>); top-level steps are depth 1.</summary>
    public int MaxNestingDepth { get; init; } = 8;

    /// <summary>Most branches in one <c>gather</c>.</summary>
    public int MaxGatherBranches { get; init; } = 64;

    /// <summary>Most child tasks one request may start, counting every gather branch and spawn.</summary>
    public int MaxChildTasks { get; init; } = 1_000;

    /// <summary>Most steps in a workload, counted at every depth.</summary>
    public int MaxSteps { get; init; } = 10_000;

    /// <summary>The longest single duration; distribution draws are clamped to it.</summary>
    public TimeSpan MaxSingleDuration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest expected time (means) from a request's start until it and its children have finished.</summary>
    public TimeSpan MaxRequestDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The largest <c>json</c> document.</summary>
    public int MaxJsonBytes { get; init; } = 1 << 20;

    /// <summary>The most connections a <c>pool</c> may open.</summary>
    public int MaxPoolSize { get; init; } = 64;

    /// <summary>Connections of a <c>pool</c> that does not say its <c>size</c>.</summary>
    public int DefaultPoolSize { get; init; } = 4;

    /// <summary>The most requests that may wait for a pooled connection.</summary>
    public int MaxPoolQueue { get; init; } = 10_000;

    /// <summary>Waiting requests allowed by a <c>pool</c> that does not say its <c>queue</c>.</summary>
    public int DefaultPoolQueue { get; init; } = 1_000;

    /// <summary>Longest workload name.</summary>
    public int MaxNameLength { get; init; } = 64;

    /// <summary>Longest description.</summary>
    public int MaxDescriptionLength { get; init; } = 200;

    /// <summary>Largest workload document, in UTF-8 bytes.</summary>
    public int MaxDocumentBytes { get; init; } = 256 * 1024;

    /// <summary>Most problems reported for one document; the rest are summarized in one line.</summary>
    public int MaxErrors { get; init; } = 100;

    /// <summary>Throws <see cref="ArgumentException"/> naming every value out of its range.</summary>
    public WorkloadLimits Validate()
    {
        var problems = new List<string>();
        Check(problems, nameof(MaxNestingDepth), MaxNestingDepth, 1, 16);
        Check(problems, nameof(MaxGatherBranches), MaxGatherBranches, 1, 10_000);
        Check(problems, nameof(MaxChildTasks), MaxChildTasks, 1, 100_000);
        Check(problems, nameof(MaxSteps), MaxSteps, 1, 1_000_000);
        Check(problems, nameof(MaxJsonBytes), MaxJsonBytes, 1, 64 << 20);
        Check(problems, nameof(MaxPoolSize), MaxPoolSize, 1, 1_024);
        Check(problems, nameof(DefaultPoolSize), DefaultPoolSize, 1, MaxPoolSize);
        Check(problems, nameof(MaxPoolQueue), MaxPoolQueue, 0, 1_000_000);
        Check(problems, nameof(DefaultPoolQueue), DefaultPoolQueue, 0, MaxPoolQueue);
        Check(problems, nameof(MaxNameLength), MaxNameLength, 1, 256);
        Check(problems, nameof(MaxDescriptionLength), MaxDescriptionLength, 0, 4_096);
        Check(problems, nameof(MaxDocumentBytes), MaxDocumentBytes, 64, 16 << 20);
        Check(problems, nameof(MaxErrors), MaxErrors, 1, 10_000);
        Check(problems, nameof(MaxSingleDuration), MaxSingleDuration, TimeSpan.FromMilliseconds(1), TimeSpan.FromHours(1));
        Check(problems, nameof(MaxRequestDuration), MaxRequestDuration, TimeSpan.FromMilliseconds(1), TimeSpan.FromHours(1));
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid workload limits: " + string.Join("; ", problems));
        }

        return this;
    }

    private static void Check<T>(List<string> problems, string name, T value, T min, T max)
        where T : IComparable<T>
    {
        if (value.CompareTo(min) < 0 || value.CompareTo(max) > 0)
        {
            problems.Add($"{name} is {value}, expected {min}..{max}");
        }
    }
}
