using System.Runtime.ExceptionServices;

namespace Dashboard.EventLoop;

/// <summary>Waiting for several loop tasks from a loop task, like asyncio's <c>gather</c>.</summary>
public static class LoopTasks
{
    /// <summary>
    /// Waits for every task and answers their results in order; once all have ended, the first
    /// failure in order is rethrown (as <c>Task.WhenAll</c> does, and asyncio's <c>gather</c> with
    /// its siblings left to finish).
    /// </summary>
    /// <remarks>
    /// Not <c>Task.WhenAll</c>: a loop task's completion runs its continuations asynchronously, so
    /// WhenAll's bookkeeping goes through a thread-pool work item before the awaiting task is posted
    /// back to the loop. A busy pool (the dashboard's own process under load) once held a gathering
    /// parent for 585 ms after its children had ended, and that delay read as the parent's asleep
    /// time. Awaiting each task in turn posts the parent straight back to the loop; it costs one
    /// wake-up per child that ends after the ones before it.
    /// </remarks>
    public static async Task<T[]> GatherAsync<T>(IReadOnlyList<LoopTask<T>> tasks)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        var results = new T[tasks.Count];
        ExceptionDispatchInfo? first = null;
        for (var i = 0; i < tasks.Count; i++)
        {
            try
            {
                results[i] = await tasks[i].Completion;
            }
            catch (Exception ex)
            {
                first ??= ExceptionDispatchInfo.Capture(ex);
            }
        }

        first?.Throw();
        return results;
    }

    /// <inheritdoc cref="GatherAsync{T}(IReadOnlyList{LoopTask{T}})"/>
    public static async Task GatherAsync(IReadOnlyList<LoopTask> tasks)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        ExceptionDispatchInfo? first = null;
        foreach (var task in tasks)
        {
            try
            {
                await task.Completion;
            }
            catch (Exception ex)
            {
                first ??= ExceptionDispatchInfo.Capture(ex);
            }
        }

        first?.Throw();
    }
}
