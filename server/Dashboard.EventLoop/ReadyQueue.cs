using System.Runtime.CompilerServices;

namespace Dashboard.EventLoop;

/// <summary>
/// The loop-thread-only FIFO of ready items: a growable ring of structs, no locks. Its size is
/// bounded indirectly by <see cref="EventLoopOptions.MaxLiveTasks"/> (each item belongs to a
/// live task or is a loop callback that runs in the same pass).
/// </summary>
internal sealed class ReadyQueue
{
    private ReadyItem[] _items = new ReadyItem[256];
    private int _head;
    private int _count;

    public int Count => _count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Enqueue(in ReadyItem item)
    {
        if (_count == _items.Length)
        {
            Grow();
        }

        _items[(_head + _count) & (_items.Length - 1)] = item;
        _count++;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadyItem Dequeue()
    {
        ref var slot = ref _items[_head];
        var item = slot;
        slot = default; // release references so completed work can be collected
        _head = (_head + 1) & (_items.Length - 1);
        _count--;
        return item;
    }

    /// <summary>The item <paramref name="index"/> places behind the head (0 is the next to run).</summary>
    public ref readonly ReadyItem PeekAt(int index) => ref _items[(_head + index) & (_items.Length - 1)];

    public void Clear()
    {
        while (_count > 0)
        {
            Dequeue();
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow()
    {
        var bigger = new ReadyItem[_items.Length * 2];
        for (var i = 0; i < _count; i++)
        {
            bigger[i] = _items[(_head + i) & (_items.Length - 1)];
        }

        _items = bigger;
        _head = 0;
    }
}
