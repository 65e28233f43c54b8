using System.Collections.Concurrent;
using Dashboard.EventLoop;
using Dashboard.LoopServer.Workloads;
using Dashboard.LoopServer.Workloads.Execution;
using Dashboard.LoopServer.Workloads.Processes;

namespace Dashboard.LoopServer.Tests.Workloads;

/// <summary>A started loop with a workload executor, keeping every completed-task record by id.</summary>
internal sealed class WorkloadLoop : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly ConcurrentDictionary<long, TaskRecord> _records = new();
    private readonly Task _reader;

    public WorkloadLoop(WorkloadExecutorOptions? options = null, ProcessPool? processes = null)
    {
        Loop = new EventLoop.EventLoop(new EventLoopOptions { Name = "workload-test-loop" });
        Loop.Start();
        Executor = new WorkloadExecutor(Loop, options, processes);
        _reader = Task.Run(async () =>
        {
            await foreach (var record in Loop.CompletedTasks.ReadAllAsync())
            {
                _records[record.Id] = record;
            }
        });
    }

    public EventLoop.EventLoop Loop { get; }

    public WorkloadExecutor Executor { get; }

    public IReadOnlyCollection<TaskRecord> Records => (IReadOnlyCollection<TaskRecord>)_records.Values;

    public static Workload Parse(string steps, int seed = 0)
    {
        var result = WorkloadParser.Parse($$"""{"name": "w", "seed": {{seed}}, "steps": [{{steps}}]}""");
        Assert.True(result.Success, result.DescribeErrors());
        return result.Workload;
    }

    /// <summary>Starts a request task that runs <paramref name="workload"/>; does not wait.</summary>
    public LoopTask<WorkloadRunResult> Start(Workload workload, long? requestNumber = null) =>
        Loop.Spawn("request", "test", token => requestNumber is long n
            ? Executor.RunAsync(workload, n, token)
            : Executor.RunAsync(workload, token));

    /// <summary>Runs one request to the end and returns its result and the loop's record of it.</summary>
    public async Task<(WorkloadRunResult Result, TaskRecord Record)> RunAsync(Workload workload, long? requestNumber = null)
    {
        var task = Start(workload, requestNumber);
        var result = await task.Completion.Within($"the end of loop task {task.Name}", Patience);
        return (result, await RecordOf(task.Id));
    }

    public Task<TaskRecord> RecordOf(long id) =>
        Waits.Until(() => _records.GetValueOrDefault(id), $"the loop's record of task {id}", Patience);

    /// <summary>Waits until <paramref name="count"/> records match, and returns them all, oldest first.</summary>
    public Task<List<TaskRecord>> RecordsWhere(Func<TaskRecord, bool> match, int count) =>
        Waits.Until(
            () => _records.Values.Where(match).OrderBy(r => r.Id).ToList() is { } found && found.Count >= count ? found : null,
            $"{count} matching task records",
            Patience);

    public async Task<List<LiveTaskInfo>> LiveTasksOfKind(string kind) =>
        (await Loop.GetLiveTasksAsync()).Where(t => t.Kind == kind).ToList();

    public async ValueTask DisposeAsync()
    {
        await Executor.DisposeAsync();
        await Loop.StopAsync(TimeSpan.FromSeconds(5));
        await _reader.Within("the record reader to finish", TimeSpan.FromSeconds(5));
    }
}
