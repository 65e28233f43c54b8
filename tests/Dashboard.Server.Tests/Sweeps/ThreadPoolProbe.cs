using System.Diagnostics;

namespace Dashboard.Server.Tests.Sweeps;

/// <summary>
/// Measures, while a timing test runs, how long a work item queued to the thread pool waits
/// before it runs (the client's completions and the loop's socket events go through the pool),
/// so a failure message says whether the pool was starved.
/// </summary>
internal sealed class ThreadPoolProbe : IDisposable
{
    private readonly Thread _thread;
    private volatile bool _stopped;
    private double _maxDelayMs;
    private double _maxAtSeconds;
    private int _maxThreads;
    private long _maxPending;
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    private ThreadPoolProbe()
    {
        _thread = new Thread(Run) { IsBackground = true, Name = "thread-pool-probe" };
    }

    public static ThreadPoolProbe Start()
    {
        var probe = new ThreadPoolProbe();
        probe._thread.Start();
        return probe;
    }

    public void Dispose()
    {
        _stopped = true;
        _thread.Join();
    }

    public override string ToString() =>
        $"thread pool: longest wait for a work item {_maxDelayMs:0} ms (at {_maxAtSeconds:0.00} s), up to {_maxThreads} threads, up to {_maxPending} queued";

    private void Run()
    {
        using var ran = new ManualResetEventSlim();
        while (!_stopped)
        {
            ran.Reset();
            var queuedAt = Stopwatch.GetTimestamp();
            ThreadPool.UnsafeQueueUserWorkItem(static e => e.Set(), ran, preferLocal: false);
            while (!ran.Wait(20) && !_stopped)
            {
                _maxPending = Math.Max(_maxPending, ThreadPool.PendingWorkItemCount);
            }

            var delayMs = Stopwatch.GetElapsedTime(queuedAt).TotalMilliseconds;
            if (delayMs > _maxDelayMs)
            {
                _maxDelayMs = delayMs;
                _maxAtSeconds = _clock.Elapsed.TotalSeconds;
            }

            _maxThreads = Math.Max(_maxThreads, ThreadPool.ThreadCount);
            Thread.Sleep(20);
        }
    }
}
