using System.Diagnostics;
using System.Text.Json;
using Dashboard.EventLoop;
using Dashboard.LoopServer.Tests.Serving;
using Dashboard.LoopServer.Workloads;
using Dashboard.LoopServer.Workloads.Execution;

namespace Dashboard.LoopServer.Tests.Workloads;

/// <summary>
/// Runs alone: an offloaded step needs a free thread-pool worker, and the rest of the assembly
/// running beside it on two cores once starved the pool long enough (860 ms) to fail a bound.
/// The bounds check where time is put (awake or asleep), so their upper ends are sanity limits,
/// not speed targets.
/// </summary>
[Collection(TimingSensitiveCollection.Name)]
public sealed class WorkloadExecutorTests
{
    [Fact]
    public async Task RunAsync_Cpu5ms_RequestIsAwakeAbout5ms()
    {
        await using var loop = new WorkloadLoop();
        var workload = WorkloadLoop.Parse("""{"cpu": "5ms"}""");
        await loop.RunAsync(workload); // the first run pays for JIT compilation, which counts as awake

        var (result, record) = await loop.RunAsync(workload);

        Assert.Equal(TimeSpan.FromMilliseconds(5), result.Cpu);
        Assert.InRange(record.Awake.TotalMilliseconds, 4, 250);
        Assert.Equal(TaskOutcome.RanToCompletion, record.Outcome);
    }

    [Fact]
    public async Task RunAsync_Cpu_BurnsProcessorTime()
    {
        await using var loop = new WorkloadLoop();
        var before = Process.GetCurrentProcess().TotalProcessorTime;

        await loop.RunAsync(WorkloadLoop.Parse("""{"cpu": "200ms"}"""));

        // A Thread.Sleep would cost next to no CPU; a spin costs up to its duration, less when the
        // machine's cores are shared with other busy processes, hence the wide margin.
        var used = Process.GetCurrentProcess().TotalProcessorTime - before;
        Assert.True(used >= TimeSpan.FromMilliseconds(40), $"used {used.TotalMilliseconds} ms of CPU");
    }

    [Fact]
    public async Task RunAsync_Sleep20ms_RequestIsAsleepAbout20ms()
    {
        await using var loop = new WorkloadLoop();
        var workload = WorkloadLoop.Parse("""{"sleep": "20ms"}""");
        await loop.RunAsync(workload); // the first run pays for JIT compilation, which counts as awake

        var (result, record) = await loop.RunAsync(workload);

        Assert.Equal(TimeSpan.FromMilliseconds(20), result.Sleep);
        Assert.InRange(record.Asleep.TotalMilliseconds, 15, 2_000);
        Assert.InRange(record.Awake.TotalMilliseconds, 0, 10);
    }

    [Fact]
    public async Task RunAsync_Offload20ms_RequestIsAsleepAndBarelyAwake()
    {
        await using var loop = new WorkloadLoop();
        var workload = WorkloadLoop.Parse("""{"offload": "20ms"}""");
        await loop.RunAsync(workload); // the first run pays for JIT compilation, which counts as awake

        var (result, record) = await loop.RunAsync(workload);

        Assert.Equal(TimeSpan.FromMilliseconds(20), result.Offload);
        Assert.InRange(record.Asleep.TotalMilliseconds, 15, 5_000);
        // Had the 20 ms spin been counted on the loop, awake would be at least 20 ms.
        Assert.InRange(record.Awake.TotalMilliseconds, 0, 15);
    }

    [Fact]
    public async Task RunAsync_Json_SerializesAboutTheAskedSizeOnTheLoop()
    {
        await using var loop = new WorkloadLoop();

        var (result, record) = await loop.RunAsync(WorkloadLoop.Parse("""{"json": 200000}"""));

        Assert.InRange(result.JsonBytes, 199_800, 200_200);
        Assert.True(record.AwakeTicks > 0);
        Assert.Equal(1, result.Steps);
    }

    [Fact]
    public async Task RunAsync_Gathered_ChildTasksBelongToTheRequestAndOverlap()
    {
        await using var loop = new WorkloadLoop();
        var catalog = WorkloadCatalog.Load();
        Assert.True(catalog.TryGet("gathered", out var gathered));
        Assert.True(catalog.TryGet("sequential", out var sequential));

        var (gatheredResult, gatheredRecord) = await loop.RunAsync(gathered);
        var (sequentialResult, sequentialRecord) = await loop.RunAsync(sequential);

        var children = await loop.RecordsWhere(r => r.ParentId == gatheredRecord.Id, 3);
        Assert.Equal(["gather[0]", "gather[1]", "gather[2]"], children.Select(c => c.Name).Order());
        Assert.All(children, c => Assert.Equal("gathered/gather", c.Kind));
        Assert.Equal(3, gatheredResult.Gathered);
        Assert.Equal(sequentialResult.Sleep, gatheredResult.Sleep);
        Assert.Equal(sequentialResult.Cpu, gatheredResult.Cpu);
        // One after another the sleeps add up to 60 ms; as children they overlap: every branch
        // started before any ended (a structural check, so a slow machine cannot break it).
        Assert.True(sequentialRecord.Lifetime >= TimeSpan.FromMilliseconds(60));
        Assert.True(gatheredRecord.Lifetime >= TimeSpan.FromMilliseconds(30));
        Assert.True(children.Max(c => c.CreatedTimestamp) < children.Min(c => c.CompletedTimestamp));
        Assert.True(gatheredRecord.AsleepTicks > 0);
        // A child's record is published before its parent's, so none can still be on its way.
        Assert.DoesNotContain(loop.Records, r => r.ParentId == sequentialRecord.Id);
    }

    [Fact]
    public async Task RunAsync_Spawn_AnswersBeforeTheChildFinishes()
    {
        await using var loop = new WorkloadLoop();

        var (result, record) = await loop.RunAsync(WorkloadLoop.Parse("""{"spawn": [{"sleep": "50ms"}, {"cpu": "2ms"}]}""", seed: 1));

        Assert.Equal(1, result.Spawned);
        var child = Assert.Single(await loop.RecordsWhere(r => r.ParentId == record.Id, 1));
        Assert.Equal("w/spawn", child.Kind);
        Assert.Equal(TaskOutcome.RanToCompletion, child.Outcome);
        Assert.True(child.CompletedTimestamp > record.CompletedTimestamp);
        Assert.True(child.Lifetime >= TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public async Task RunAsync_SameSeedAndRequestNumber_SameDraws()
    {
        await using var loop = new WorkloadLoop();
        var workload = WorkloadLoop.Parse("""
            {"cpu": {"uniform": ["100us", "2ms"]}}, {"sleep": {"exponential": "1ms"}},
            {"gather": [[{"sleep": {"lognormal": {"median": "1ms", "p99": "4ms"}}}], [{"cpu": {"uniform": ["10us", "1ms"]}}]]}
            """, seed: 42);

        var first = (await loop.RunAsync(workload, requestNumber: 7)).Result;
        var again = (await loop.RunAsync(workload, requestNumber: 7)).Result;
        var other = (await loop.RunAsync(workload, requestNumber: 8)).Result;

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public async Task RunAsync_ResultBody_IsSmallJson()
    {
        await using var loop = new WorkloadLoop();

        var (result, _) = await loop.RunAsync(WorkloadLoop.Parse("""{"cpu": "1ms"}, {"sleep": "2ms"}"""));
        using var body = JsonDocument.Parse(result.ToJsonUtf8());

        Assert.Equal("w", body.RootElement.GetProperty("workload").GetString());
        Assert.Equal(2, body.RootElement.GetProperty("steps").GetInt32());
        Assert.Equal(1.0, body.RootElement.GetProperty("cpuMs").GetDouble());
        Assert.Equal(2.0, body.RootElement.GetProperty("sleepMs").GetDouble());
    }

    [Fact]
    public async Task RunAsync_Cancelled_EndsAtTheNextAwait()
    {
        await using var loop = new WorkloadLoop();
        var task = loop.Start(WorkloadLoop.Parse("""{"sleep": "10s"}"""));
        await Waits.UntilAsync(
            async () => (await loop.Loop.GetLiveTasksAsync()).FirstOrDefault(t => t.Id == task.Id && t.State == TaskState.Asleep),
            "the request asleep on its 10 s timer");

        task.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task.Completion.Within($"the end of loop task {task.Name}", TimeSpan.FromSeconds(5)));
        Assert.Equal(TaskOutcome.Cancelled, (await loop.RecordOf(task.Id)).Outcome);
    }

    [Fact]
    public async Task RunAsync_OutsideALoopTask_Throws()
    {
        await using var loop = new WorkloadLoop();

        await Assert.ThrowsAsync<InvalidOperationException>(() => loop.Executor.RunAsync(WorkloadLoop.Parse("")));
    }

    [Fact]
    public void Parse_JsonStepOverTheLimit_NeverReachesTheExecutor()
    {
        var result = WorkloadParser.Parse("""{"name": "w", "steps": [{"gather": [[{"json": 99999999}]]}]}""");

        Assert.Equal("steps[0].gather[0][0].json", Assert.Single(result.Errors).Path);
    }

    [Fact]
    public void Validate_BadExecutorOptions_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => new WorkloadExecutorOptions { MaxPools = 0, ConnectTimeout = TimeSpan.Zero }.Validate());

        Assert.Contains("MaxPools", e.Message, StringComparison.Ordinal);
        Assert.Contains("ConnectTimeout", e.Message, StringComparison.Ordinal);
    }
}
