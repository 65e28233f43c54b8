using System.Diagnostics;

namespace Dashboard.Worker;

/// <summary>
/// Burns CPU on the calling thread for a duration. Real work, not <c>Thread.Sleep</c>: on the loop
/// thread it must hold the loop exactly as a computation would, on the thread pool it must occupy
/// a worker thread, and in a pool process it must occupy that process. One copy for all three.
/// </summary>
public static class CpuSpin
{
    public static void Run(TimeSpan duration, CancellationToken cancellationToken)
    {
        long until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < until)
        {
            // The token can only fire from another thread here (the loop is busy with us); checking
            // it costs next to nothing and lets an offloaded spin end when its request is cancelled.
            cancellationToken.ThrowIfCancellationRequested();
            Thread.SpinWait(20);
        }
    }
}
