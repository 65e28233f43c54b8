using Dashboard.LoopServer.Workloads.Execution;

namespace Dashboard.LoopServer.Workloads.Pool;

/// <summary>
/// A connection pool to one in-process backend, shared by every <c>pool</c> step with the same
/// settings. Connections open lazily, at most <see cref="PoolStep.Size"/>; a request takes an idle
/// connection, opens one while under the size, or waits in FIFO order; at most
/// <see cref="PoolStep.Queue"/> requests wait, beyond that a request fails at once.
/// </summary>
/// <remarks>
/// Requests run on the loop, but disposal and socket callbacks may come from other threads, so the
/// pool's lists sit behind one lock that is never held across an await.
/// </remarks>
internal sealed class BackendPool : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly EventLoop.EventLoop _loop;
    private readonly PoolStep _settings;
    private readonly WorkloadExecutorOptions _options;
    private readonly BackendServer _backend;
    private readonly List<PooledConnection> _open = [];
    private readonly List<PooledConnection> _idle = [];
    private readonly LinkedList<TaskCompletionSource<PooledConnection?>> _waiters = new();
    private int _opening;
    private long _connectionNumbers;
    private bool _disposed;

    public BackendPool(EventLoop.EventLoop loop, PoolStep settings, WorkloadExecutorOptions options)
    {
        _loop = loop;
        _settings = settings;
        _options = options;
        // Room for connections that closed on our side but that the backend has not noticed yet.
        _backend = new BackendServer(maxConnections: (2 * settings.Size) + 4, options.DisposeTimeout);
    }

    /// <summary>Open connections (idle or in use).</summary>
    public int OpenConnections
    {
        get
        {
            lock (_gate)
            {
                return _open.Count;
            }
        }
    }

    /// <summary>Requests waiting for a connection now.</summary>
    public int Waiting
    {
        get
        {
            lock (_gate)
            {
                return _waiters.Count;
            }
        }
    }

    /// <summary>
    /// One request through the pool: the backend answers after <paramref name="backendDelay"/>.
    /// Call on the loop inside a task; a connection opened here gets its reader task as a child
    /// of the calling task, with kind <paramref name="readerKind"/>.
    /// </summary>
    public async Task RequestAsync(TimeSpan backendDelay, string readerKind, CancellationToken cancellationToken)
    {
        var connection = await AcquireAsync(readerKind, cancellationToken);
        try
        {
            // Cancelled while the connection was being handed over: give it back unused rather
            // than fail mid-request, which would cost the connection.
            cancellationToken.ThrowIfCancellationRequested();
            await connection.RequestAsync(backendDelay, backendDelay + _options.ResponseGrace, cancellationToken);
        }
        finally
        {
            Release(connection);
        }
    }

    public async ValueTask DisposeAsync()
    {
        List<PooledConnection> open;
        List<TaskCompletionSource<PooledConnection?>> waiters;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            open = [.. _open];
            waiters = [.. _waiters];
            _waiters.Clear();
        }

        foreach (var waiter in waiters)
        {
            waiter.TrySetException(Disposed());
        }

        foreach (var connection in open)
        {
            connection.Close("the pool was disposed");
        }

        await _backend.DisposeAsync();
    }

    private async Task<PooledConnection> AcquireAsync(string readerKind, CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            LinkedListNode<TaskCompletionSource<PooledConnection?>>? node = null;
            lock (_gate)
            {
                if (_disposed)
                {
                    throw Disposed();
                }

                if (_idle.Count > 0)
                {
                    // Most recently used first: keeps the warm connections busy, like most client pools.
                    var idle = _idle[^1];
                    _idle.RemoveAt(_idle.Count - 1);
                    return idle;
                }

                if (_open.Count + _opening < _settings.Size)
                {
                    _opening++;
                }
                else if (_waiters.Count >= _settings.Queue)
                {
                    throw new BackendPoolException(
                        $"the pool (backend {_settings.Backend.Describe()}, size {_settings.Size}) is full: "
                        + $"{_settings.Size} connections busy and {_waiters.Count} requests already waiting (queue limit {_settings.Queue})");
                }
                else
                {
                    node = _waiters.AddLast(new TaskCompletionSource<PooledConnection?>(TaskCreationOptions.RunContinuationsAsynchronously));
                }
            }

            if (node is null)
            {
                return await OpenAsync(readerKind, cancellationToken);
            }

            PooledConnection? handedOver;
            using (cancellationToken.Register(() => Abandon(node)))
            {
                handedOver = await node.Value.Task;
            }

            // Null: a connection closed and freed a slot; go round again (and most likely open one).
            if (handedOver is not null)
            {
                return handedOver;
            }
        }
    }

    private async Task<PooledConnection> OpenAsync(string readerKind, CancellationToken cancellationToken)
    {
        PooledConnection connection;
        try
        {
            connection = await PooledConnection.OpenAsync(
                _loop, _backend.EndPoint, Interlocked.Increment(ref _connectionNumbers), readerKind, _options.ConnectTimeout, OnClosed, cancellationToken);
        }
        catch
        {
            lock (_gate)
            {
                _opening--;
                WakeOneWaiter(null); // the slot is free again: let a waiter try
            }

            throw;
        }

        bool disposed;
        lock (_gate)
        {
            _opening--;
            disposed = _disposed;
            // A connection that already closed (its reader failed at once) takes no slot; the
            // request finds it closed and fails with the reason.
            if (!disposed && !connection.IsClosed)
            {
                _open.Add(connection);
            }
        }

        if (disposed)
        {
            connection.Close("the pool was disposed");
            throw Disposed();
        }

        return connection;
    }

    private void Release(PooledConnection connection)
    {
        lock (_gate)
        {
            if (connection.IsClosed || _disposed)
            {
                return; // OnClosed already removed it and woke a waiter
            }

            if (!WakeOneWaiter(connection))
            {
                _idle.Add(connection);
            }
        }
    }

    private void OnClosed(PooledConnection connection)
    {
        lock (_gate)
        {
            _open.Remove(connection);
            _idle.Remove(connection);
            if (!_disposed)
            {
                WakeOneWaiter(null);
            }
        }
    }

    /// <summary>Hands <paramref name="connection"/> (or null: "a slot is free") to the first waiter still waiting.</summary>
    private bool WakeOneWaiter(PooledConnection? connection)
    {
        while (_waiters.First is { } first)
        {
            _waiters.RemoveFirst();
            if (first.Value.TrySetResult(connection))
            {
                return true;
            }
        }

        return false;
    }

    private void Abandon(LinkedListNode<TaskCompletionSource<PooledConnection?>> node)
    {
        lock (_gate)
        {
            if (node.List is not null)
            {
                _waiters.Remove(node);
            }
        }

        node.Value.TrySetCanceled();
    }

    private static ObjectDisposedException Disposed() => new(nameof(BackendPool), "The backend pool was disposed.");
}
