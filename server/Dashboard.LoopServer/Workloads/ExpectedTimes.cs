using System.Collections.Immutable;

namespace Dashboard.LoopServer.Workloads;

/// <summary>
/// Mean times of one request of a workload on an otherwise idle loop, from the means of its
/// durations. Used to predict queueing (the loop's service demand per request) and to enforce
/// <see cref="WorkloadLimits.MaxRequestDuration"/>.
/// </summary>
/// <param name="Awake">The request task's own time on the loop thread (its cpu steps).</param>
/// <param name="Asleep">The request task's time suspended: timers, offloaded work, pool answers, children it awaits.</param>
/// <param name="Elapsed">Response time: <c>Awake + Asleep</c>.</param>
/// <param name="LoopAwake">Loop-thread time of the request and every child task it starts (gather and spawn): the
/// loop's service demand per request.</param>
/// <param name="Settled">Time from the request's start until it and every child it started have finished.</param>
/// <param name="JsonBytes">Bytes of JSON serialized and parsed on the loop per request, over all its tasks. Not
/// included in the awake figures, because their cost depends on the machine.</param>
/// <remarks>
/// Exact for sequences (means add up). For <c>gather</c> it is an estimate: the branches' elapsed
/// times overlap, so the gather takes the longest branch's mean, but their cpu work shares the one
/// loop thread, so never less than the branches' own awake times added up. (The mean of a maximum
/// exceeds the maximum of means when durations vary; the estimate ignores that.)
/// </remarks>
internal readonly record struct ExpectedTimes(
    TimeSpan Awake,
    TimeSpan Asleep,
    TimeSpan Elapsed,
    TimeSpan LoopAwake,
    TimeSpan Settled,
    long JsonBytes)
{
    /// <summary>Computes the expected times of a list of steps run in order by one task.</summary>
    public static ExpectedTimes Of(ImmutableArray<WorkloadStep> steps)
    {
        var acc = default(Accumulator);
        acc.AddSequence(steps);
        return acc.ToTimes();
    }

    // Sums within one task; ticks as long because TimeSpan arithmetic is checked and slower to read.
    private struct Accumulator
    {
        public long Awake;
        public long Elapsed;
        public long LoopAwake;
        public long Settled;
        public long JsonBytes;

        public void AddSequence(ImmutableArray<WorkloadStep> steps)
        {
            foreach (var step in steps)
            {
                Add(step);
            }
        }

        public readonly ExpectedTimes ToTimes() => new(
            TimeSpan.FromTicks(Awake),
            TimeSpan.FromTicks(Elapsed - Awake),
            TimeSpan.FromTicks(Elapsed),
            TimeSpan.FromTicks(LoopAwake),
            TimeSpan.FromTicks(Math.Max(Settled, Elapsed)),
            JsonBytes);

        private void Add(WorkloadStep step)
        {
            switch (step)
            {
                case CpuStep cpu:
                    long cpuMean = cpu.Duration.Mean.Ticks;
                    Awake += cpuMean;
                    LoopAwake += cpuMean;
                    Elapsed += cpuMean;
                    break;
                case SleepStep sleep:
                    Elapsed += sleep.Duration.Mean.Ticks;
                    break;
                case OffloadStep offload:
                    Elapsed += offload.Duration.Mean.Ticks;
                    break;
                case ProcessStep process:
                    Elapsed += process.Duration.Mean.Ticks;
                    break;
                case PoolStep pool:
                    Elapsed += pool.Backend.Mean.Ticks;
                    break;
                case JsonStep json:
                    JsonBytes += json.Bytes;
                    break;
                case SequenceStep sequence:
                    // Same task: its figures add to ours, its children settle relative to where it starts.
                    var inner = default(Accumulator);
                    inner.AddSequence(sequence.Steps);
                    Awake += inner.Awake;
                    LoopAwake += inner.LoopAwake;
                    JsonBytes += inner.JsonBytes;
                    Settled = Math.Max(Settled, Elapsed + inner.Settled);
                    Elapsed += inner.Elapsed;
                    break;
                case GatherStep gather:
                    AddGather(gather);
                    break;
                case SpawnStep spawn:
                    var child = default(Accumulator);
                    child.AddSequence(spawn.Steps);
                    LoopAwake += child.LoopAwake;
                    JsonBytes += child.JsonBytes;
                    Settled = Math.Max(Settled, Elapsed + Math.Max(child.Settled, child.Elapsed));
                    break;
                default:
                    throw new InvalidOperationException($"Unhandled step type {step.GetType().Name}.");
            }

            Settled = Math.Max(Settled, Elapsed);
        }

        private void AddGather(GatherStep gather)
        {
            long longest = 0;
            long sharedLoop = 0;
            long settled = 0;
            foreach (var branch in gather.Branches)
            {
                var child = default(Accumulator);
                child.AddSequence(branch);
                longest = Math.Max(longest, child.Elapsed);
                sharedLoop += child.Awake;
                settled = Math.Max(settled, child.Settled);
                LoopAwake += child.LoopAwake;
                JsonBytes += child.JsonBytes;
            }

            Settled = Math.Max(Settled, Elapsed + settled);
            Elapsed += Math.Max(longest, sharedLoop);
        }
    }
}
