namespace Dashboard.LoopServer.Workloads.Execution;

/// <summary>
/// The random sources of a run. Each request gets its own generator derived from the workload's
/// seed and the request's number, and each child task one drawn from its parent at the moment it
/// is spawned (in program order), so the draws of a request do not depend on how its tasks
/// interleave on the loop: the same seed and request number give the same durations.
/// </summary>
internal static class WorkloadRandom
{
    public static Random ForRequest(int seed, long requestNumber) =>
        new(unchecked((int)Mix(((ulong)(uint)seed << 32) ^ (ulong)requestNumber)));

    public static Random ForChild(Random parent) => new(parent.Next());

    // SplitMix64's finalizer: neighbouring request numbers give unrelated seeds.
    private static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}
