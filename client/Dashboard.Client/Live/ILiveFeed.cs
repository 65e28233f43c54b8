namespace Dashboard.Client.Live;

/// <summary>
/// One live source of a page (the loop's intervals, the run list, a run's snapshots), read into a
/// view once per update and shared by every viewer. A view is immutable: a viewer renders it and
/// may keep it.
/// </summary>
public interface ILiveFeed<T>
    where T : class
{
    /// <summary>The view as of the source's latest change (read again only when the source changed).</summary>
    T Current { get; }

    /// <summary>
    /// Calls <paramref name="onUpdate"/> with the new view after the source changed, at most once
    /// per throttle interval, on a thread of the feed's; until the returned handle is disposed.
    /// </summary>
    IDisposable Subscribe(Func<T, Task> onUpdate);
}
