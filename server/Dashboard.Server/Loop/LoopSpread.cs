using Dashboard.LoopServer;
using Microsoft.Extensions.Options;

namespace Dashboard.Server.Loop;

/// <summary>
/// How many loops the loop server spreads new connections over: what the running runs ask for
/// (the most any of them asks), else the host's <c>LoopServer:Loops</c>. A run that asks for more
/// loops than have started starts them; they stay, idle, after it.
/// </summary>
internal sealed class LoopSpread(EventLoopHost loops, LoopServerHost server, IOptions<LoopServerOptions> options)
{
    private readonly Lock _gate = new();
    private readonly List<Lease> _leases = [];

    /// <summary>Loops connections are spread over now.</summary>
    public int Current
    {
        get
        {
            lock (_gate)
            {
                return Wanted();
            }
        }
    }

    /// <summary>Spreads connections over <paramref name="count"/> loops (at least) until the lease is disposed.</summary>
    public IDisposable Use(int count)
    {
        loops.EnsureLoops(count);
        var lease = new Lease(this, count);
        lock (_gate)
        {
            _leases.Add(lease);
            Apply();
        }

        return lease;
    }

    private int Wanted() => _leases.Count > 0 ? _leases.Max(l => l.Count) : options.Value.Loops;

    private void Apply()
    {
        if (server.Server is { } running)
        {
            running.SpreadOver = Wanted();
        }
    }

    private void Release(Lease lease)
    {
        lock (_gate)
        {
            if (_leases.Remove(lease))
            {
                Apply();
            }
        }
    }

    private sealed class Lease(LoopSpread owner, int count) : IDisposable
    {
        public int Count { get; } = count;

        public void Dispose() => owner.Release(this);
    }
}
