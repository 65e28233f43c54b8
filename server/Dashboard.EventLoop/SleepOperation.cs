namespace Dashboard.EventLoop;

/// <summary>
/// The task behind <see cref="EventLoop.Sleep"/>. Its continuations run synchronously: the timer
/// fires inside a step of the sleeping task, so the awaiting code resumes in that same step and
/// the task counts as ready from the timer's due time, not from when the loop got to it.
/// </summary>
internal sealed class SleepOperation : TaskCompletionSource
{
    public static readonly Action<object?> FireCallback = static state => ((SleepOperation)state!).Fire();

    private readonly CancellationToken _cancellationToken;
    private CancellationTokenRegistration _registration;
    private TimerHandle? _timer;

    public SleepOperation(CancellationToken cancellationToken)
    {
        _cancellationToken = cancellationToken;
    }

    public void Attach(TimerHandle timer)
    {
        _timer = timer;
        if (_cancellationToken.CanBeCanceled)
        {
            _registration = _cancellationToken.UnsafeRegister(static state => ((SleepOperation)state!).Cancel(), this);
        }
    }

    private void Fire()
    {
        _registration.Dispose();
        TrySetResult();
    }

    private void Cancel()
    {
        _timer?.Cancel();
        TrySetCanceled(_cancellationToken);
    }
}
