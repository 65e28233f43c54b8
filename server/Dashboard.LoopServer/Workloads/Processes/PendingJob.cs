using System.Diagnostics;

namespace Dashboard.LoopServer.Workloads.Processes;

/// <summary>A job from its submission to its answer; its timestamps are <see cref="Stopwatch"/> ticks.</summary>
internal sealed class PendingJob(long id, TimeSpan compute)
{
    private readonly TaskCompletionSource<ProcessHop> _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public long Id { get; } = id;

    public TimeSpan Compute { get; } = compute;

    public long SubmittedAt { get; } = Stopwatch.GetTimestamp();

    public long DispatchedAt { get; set; }

    public CancellationTokenRegistration Cancellation { get; set; }

    public Task<ProcessHop> Task => _answer.Task;

    /// <summary>Ended already (answered, failed or cancelled): a worker that takes it from the queue skips it.</summary>
    public bool IsEnded => _answer.Task.IsCompleted;

    public void Answer(ProcessHop hop)
    {
        Cancellation.Dispose();
        _answer.TrySetResult(hop);
    }

    public void Fail(Exception error)
    {
        Cancellation.Dispose();
        _answer.TrySetException(error);
    }

    public void Cancel(CancellationToken token) => _answer.TrySetCanceled(token);
}
