using Dashboard.LoopServer.Workloads.Execution;

namespace Dashboard.LoopServer.Workloads.Pool;

/// <summary>
/// One <see cref="BackendPool"/> per distinct pool definition (backend duration, size, queue), made
/// on first use; bounded by <see cref="WorkloadExecutorOptions.MaxPools"/>.
/// </summary>
internal sealed class BackendPoolRegistry : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly EventLoop.EventLoop _loop;
    private readonly WorkloadExecutorOptions _options;
    private readonly Dictionary<PoolStep, BackendPool> _pools = [];
    private bool _disposed;

    public BackendPoolRegistry(EventLoop.EventLoop loop, WorkloadExecutorOptions options)
    {
        _loop = loop;
        _options = options;
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _pools.Count;
            }
        }
    }

    public BackendPool Get(PoolStep settings)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_pools.TryGetValue(settings, out var pool))
            {
                return pool;
            }

            if (_pools.Count >= _options.MaxPools)
            {
                throw new BackendPoolException(
                    $"already {_pools.Count} distinct pool definitions (the limit); reuse a pool's settings (backend, size, queue) to share it");
            }

            pool = new BackendPool(_loop, settings, _options);
            _pools.Add(settings, pool);
            return pool;
        }
    }

    public async ValueTask DisposeAsync()
    {
        List<BackendPool> pools;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            pools = [.. _pools.Values];
            _pools.Clear();
        }

        foreach (var pool in pools)
        {
            await pool.DisposeAsync();
        }
    }
}
