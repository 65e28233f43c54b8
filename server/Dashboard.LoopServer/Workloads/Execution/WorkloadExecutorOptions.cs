namespace Dashboard.LoopServer.Workloads.Execution;

/// <summary>Limits of running workloads: pool connections to the in-process backend and their timeouts.</summary>
public sealed class WorkloadExecutorOptions
{
    /// <summary>Distinct <c>pool</c> definitions (each has its own backend server and connections).</summary>
    public int MaxPools { get; init; } = 32;

    /// <summary>How long opening a pooled connection may take.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a pooled request waits for the backend's answer, beyond the backend duration it asked for.</summary>
    public TimeSpan ResponseGrace { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long disposal waits for the backend servers' threads to finish.</summary>
    public TimeSpan DisposeTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Throws <see cref="ArgumentException"/> naming every value out of its range.</summary>
    public WorkloadExecutorOptions Validate()
    {
        var problems = new List<string>();
        if (MaxPools is < 1 or > 1_024)
        {
            problems.Add($"MaxPools is {MaxPools}, expected 1..1024");
        }

        foreach (var (name, value) in (ReadOnlySpan<(string, TimeSpan)>)[(nameof(ConnectTimeout), ConnectTimeout), (nameof(ResponseGrace), ResponseGrace), (nameof(DisposeTimeout), DisposeTimeout)])
        {
            if (value < TimeSpan.FromMilliseconds(10) || value > TimeSpan.FromMinutes(5))
            {
                problems.Add($"{name} is {value}, expected 00:00:00.010..00:05:00");
            }
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid workload executor options: " + string.Join("; ", problems));
        }

        return this;
    }
}
