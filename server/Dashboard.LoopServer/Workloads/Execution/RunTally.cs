namespace Dashboard.LoopServer.Workloads.Execution;

/// <summary>The running sums of one task; gather children's tallies are added when they are awaited.</summary>
internal sealed class RunTally
{
    public int Steps { get; set; }

    public TimeSpan Cpu { get; set; }

    public TimeSpan Sleep { get; set; }

    public TimeSpan Offload { get; set; }

    public TimeSpan Process { get; set; }

    public TimeSpan Pool { get; set; }

    public long JsonBytes { get; set; }

    public int Gathered { get; set; }

    public int Spawned { get; set; }

    public void Add(RunTally child)
    {
        Steps += child.Steps;
        Cpu += child.Cpu;
        Sleep += child.Sleep;
        Offload += child.Offload;
        Process += child.Process;
        Pool += child.Pool;
        JsonBytes += child.JsonBytes;
        Gathered += child.Gathered;
        Spawned += child.Spawned;
    }

    public WorkloadRunResult ToResult(string workload) =>
        new(workload, Steps, Cpu, Sleep, Offload, Process, Pool, JsonBytes, Gathered, Spawned);
}
