namespace Dashboard.EventLoop;

/// <summary>
/// The per-task synchronization context: every continuation that <c>await</c> posts from inside
/// a task comes back through here, so the loop knows which task became ready and when.
/// </summary>
internal sealed class LoopTaskContext : SynchronizationContext
{
    private readonly EventLoop _loop;

    public LoopTaskContext(EventLoop loop, LoopTask? task)
    {
        _loop = loop;
        Task = task;
    }

    public LoopTask? Task { get; }

    public override void Post(SendOrPostCallback d, object? state) => _loop.PostFromContext(d, state, Task);

    public override void Send(SendOrPostCallback d, object? state)
    {
        if (_loop.IsOnLoopThread)
        {
            d(state);
            return;
        }

        // Send from another thread blocks that thread (never the loop) until the loop ran it.
        using var done = new ManualResetEventSlim();
        Exception? failure = null;
        _loop.PostFromContext(
            _ =>
            {
                try
                {
                    d(state);
                }
                catch (Exception ex)
                {
                    failure = ex;
                }
                finally
                {
                    done.Set();
                }
            },
            null,
            Task);
        done.Wait();
        if (failure is not null)
        {
            throw new InvalidOperationException("A callback sent to the event loop failed.", failure);
        }
    }

    public override SynchronizationContext CreateCopy() => this;
}
