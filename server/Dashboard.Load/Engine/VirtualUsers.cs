namespace Dashboard.Load.Engine;

/// <summary>
/// Which closed-model virtual users should be running. User ids below the target run; a user
/// whose id reaches the target retires after its current request. Each id is claimed by at most
/// one connection at a time, so raising and lowering the target quickly never runs a user twice
/// nor loses one.
/// </summary>
internal sealed class VirtualUsers
{
    private readonly int[] _running;
    private int _target;

    public VirtualUsers(int capacity)
    {
        _running = new int[capacity];
    }

    public int Capacity => _running.Length;

    public int Target => Volatile.Read(ref _target);

    /// <summary>Sets the target and calls <paramref name="start"/> for each id that needs a connection to run it.</summary>
    public void SetTarget(int target, Action<int> start)
    {
        target = Math.Clamp(target, 0, _running.Length);
        Volatile.Write(ref _target, target);
        for (int id = 0; id < target; id++)
        {
            if (TryClaim(id))
            {
                start(id);
            }
        }
    }

    public bool ShouldRun(int id) => id < Volatile.Read(ref _target);

    /// <summary>Called by a retiring user; true when it was re-targeted meanwhile and must go on.</summary>
    public bool ReleaseAndCheck(int id)
    {
        Volatile.Write(ref _running[id], 0);
        return ShouldRun(id) && TryClaim(id);
    }

    /// <summary>Called by a user leaving for good (the run stops).</summary>
    public void Release(int id) => Volatile.Write(ref _running[id], 0);

    private bool TryClaim(int id) => Interlocked.CompareExchange(ref _running[id], 1, 0) == 0;
}
