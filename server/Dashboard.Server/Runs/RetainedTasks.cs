using Dashboard.EventLoop;

namespace Dashboard.Server.Runs;

/// <summary>
/// The most recent task records of a run, by id, in a fixed-size ring: enough to draw a sampled
/// task's tree (its parent connection, its children) and timeline after the fact.
/// </summary>
internal sealed class RetainedTasks(int capacity)
{
    private readonly Lock _gate = new();
    private readonly TaskRecord?[] _ring = new TaskRecord?[capacity];
    private readonly Dictionary<long, int> _slotById = [];
    private readonly Dictionary<long, List<long>> _childrenByParent = [];
    private int _next;

    public void Add(TaskRecord record)
    {
        if (_ring.Length == 0)
        {
            return;
        }

        lock (_gate)
        {
            if (_ring[_next] is { } evicted)
            {
                _slotById.Remove(evicted.Id);
                if (_childrenByParent.TryGetValue(evicted.ParentId, out var siblings))
                {
                    siblings.Remove(evicted.Id);
                    if (siblings.Count == 0)
                    {
                        _childrenByParent.Remove(evicted.ParentId);
                    }
                }
            }

            _ring[_next] = record;
            _slotById[record.Id] = _next;
            if (!_childrenByParent.TryGetValue(record.ParentId, out var children))
            {
                children = [];
                _childrenByParent[record.ParentId] = children;
            }

            children.Add(record.Id);
            _next = (_next + 1) % _ring.Length;
        }
    }

    public TaskRecord? Find(long id)
    {
        lock (_gate)
        {
            return _slotById.TryGetValue(id, out var slot) ? _ring[slot] : null;
        }
    }

    /// <summary>Retained children of <paramref name="parentId"/>, oldest first.</summary>
    public IReadOnlyList<TaskRecord> ChildrenOf(long parentId)
    {
        lock (_gate)
        {
            return _childrenByParent.TryGetValue(parentId, out var ids)
                ? ids.Select(id => _ring[_slotById[id]]!).ToArray()
                : [];
        }
    }
}
