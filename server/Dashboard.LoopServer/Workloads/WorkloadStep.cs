using System.Collections.Immutable;
using Dashboard.LoopServer.Workloads.Durations;

namespace Dashboard.LoopServer.Workloads;

/// <summary>One step of a workload; the closed set of kinds is listed in <see cref="StepKinds"/>.</summary>
internal abstract record WorkloadStep;

/// <summary>Computes on the loop thread (blocks the loop: the task is awake).</summary>
internal sealed record CpuStep(DurationSpec Duration) : WorkloadStep;

/// <summary>Awaits a loop timer (asleep).</summary>
internal sealed record SleepStep(DurationSpec Duration) : WorkloadStep;

/// <summary>Computes on the thread pool and awaits the result (asleep on the loop).</summary>
internal sealed record OffloadStep(DurationSpec Duration) : WorkloadStep;

/// <summary>Computes in a worker process of the pool and awaits the answer (asleep on the loop; the hop costs a send, a queue and a return).</summary>
internal sealed record ProcessStep(DurationSpec Duration) : WorkloadStep;

/// <summary>Serializes and parses a real JSON document of about <paramref name="Bytes"/> bytes on the loop (awake).</summary>
internal sealed record JsonStep(int Bytes) : WorkloadStep;

/// <summary>Runs its steps one after another in the same task.</summary>
internal sealed record SequenceStep(ImmutableArray<WorkloadStep> Steps) : WorkloadStep;

/// <summary>Runs each branch as its own child task, concurrently, and awaits them all.</summary>
internal sealed record GatherStep(ImmutableArray<ImmutableArray<WorkloadStep>> Branches) : WorkloadStep;

/// <summary>Starts its steps as a child task and does not await it (fire and forget).</summary>
internal sealed record SpawnStep(ImmutableArray<WorkloadStep> Steps) : WorkloadStep;

/// <summary>
/// One request through a connection pool shared by every step with the same settings; the
/// backend answers after <paramref name="Backend"/>. At most <paramref name="Size"/> connections;
/// at most <paramref name="Queue"/> requests wait for one, beyond that a request fails.
/// </summary>
internal sealed record PoolStep(DurationSpec Backend, int Size, int Queue) : WorkloadStep;

/// <summary>The step keys of the JSON form.</summary>
internal static class StepKinds
{
    public const string Cpu = "cpu";
    public const string Sleep = "sleep";
    public const string Offload = "offload";
    public const string Process = "process";
    public const string Json = "json";
    public const string Sequence = "sequence";
    public const string Gather = "gather";
    public const string Spawn = "spawn";
    public const string Pool = "pool";

    /// <summary>For error messages, in the order the design lists them.</summary>
    public const string All = "cpu, sleep, offload, process, json, sequence, gather, spawn, pool";
}
