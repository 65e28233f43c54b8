using System.Collections.Concurrent;
using System.Diagnostics;
using Dashboard.EventLoop;

namespace Dashboard.EventLoop.Tests;

/// <summary>A started loop plus a reader that keeps every completed-task record by id.</summary>
internal sealed class LoopHarness : IAsyncDisposable
{
    private readonly ConcurrentDictionary<long, TaskRecord> _records = new();
    private readonly Task _reader;

    public LoopHarness(EventLoopOptions? options = null)
    {
        Loop = new EventLoop(options ?? new EventLoopOptions { FigureInterval = TimeSpan.FromMilliseconds(100) });
        Loop.Start();
        _reader = Task.Run(async () =>
        {
            await foreach (var record in Loop.CompletedTasks.ReadAllAsync())
            {
                _records[record.Id] = record;
            }
        });
    }

    public EventLoop Loop { get; }

    public IReadOnlyCollection<TaskRecord> Records => (IReadOnlyCollection<TaskRecord>)_records.Values;

    /// <summary>Waits (generously) until the loop has published the record of task <paramref name="id"/>.</summary>
    public Task<TaskRecord> RecordOf(long id) =>
        Waits.Until(() => _records.GetValueOrDefault(id), $"the loop's record of task {id}", TimeSpan.FromSeconds(20));

    public async Task<TaskRecord> RunAndRecord(string name, Func<CancellationToken, Task> body)
    {
        var task = Loop.Spawn(name, "test", body);
        try
        {
            await task.Completion.Within($"the end of loop task {task.Name}", TimeSpan.FromSeconds(20));
        }
        catch (Exception) when (task.IsCompleted)
        {
            // Faulted and cancelled tasks are recorded too; the caller inspects the record.
        }

        return await RecordOf(task.Id);
    }

    public Task WaitUntilRecorded(int count) =>
        Waits.Until(() => _records.Count >= count, $"the loop's records of {count} tasks", TimeSpan.FromSeconds(30));

    public async ValueTask DisposeAsync()
    {
        await Loop.StopAsync(TimeSpan.FromSeconds(5));
        await _reader.Within("the record reader to finish", TimeSpan.FromSeconds(5));
    }

    /// <summary>Burns CPU on the calling thread: on the loop thread that is awake time, and it blocks the loop.</summary>
    public static void Spin(TimeSpan duration)
    {
        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < until)
        {
            Thread.SpinWait(20);
        }
    }

    public static double Ms(long ticks) => LoopClock.ToMilliseconds(ticks);
}
