namespace Dashboard.LoopServer.Workloads.Processes;

/// <summary>
/// Where one <c>process</c> step's time went, outside the loop: waiting for a free worker (queue),
/// reaching it through its input pipe (send), computing there, and the answer coming back through
/// its output pipe to the pool's reader (return). The request then waits for the loop, which the
/// loop's own accounting measures.
/// </summary>
internal readonly record struct ProcessHop(TimeSpan Queue, TimeSpan Send, TimeSpan Compute, TimeSpan Return, int WorkerId)
{
    public TimeSpan Total => Queue + Send + Compute + Return;
}

/// <summary>A <c>process</c> step got no answer: the pool was full or stopped, or its worker died.</summary>
internal sealed class ProcessPoolException(string message, Exception? inner = null) : Exception(message, inner);
