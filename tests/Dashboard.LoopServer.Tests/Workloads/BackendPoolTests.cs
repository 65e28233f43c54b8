using Dashboard.EventLoop;
using Dashboard.LoopServer.Workloads.Execution;
using Dashboard.LoopServer.Workloads.Pool;

namespace Dashboard.LoopServer.Tests.Workloads;

public sealed class BackendPoolTests
{
    [Fact]
    public async Task Pool_OneRequest_ReaderIsAChildOfTheOpenerAndOutlivesIt()
    {
        await using var loop = new WorkloadLoop();

        var (result, record) = await loop.RunAsync(WorkloadLoop.Parse("""{"pool": {"backend": "10ms", "size": 4}}"""));

        Assert.Equal(TimeSpan.FromMilliseconds(10), result.Pool);
        Assert.InRange(record.Asleep.TotalMilliseconds, 8, 1_000);
        var reader = Assert.Single(await loop.LiveTasksOfKind("w/pool-reader"));
        Assert.Equal(record.Id, reader.ParentId);
        Assert.Equal("pool-reader[1]", reader.Name);
    }

    [Fact]
    public async Task Pool_SequentialRequests_ReuseTheIdleConnection()
    {
        await using var loop = new WorkloadLoop();
        var workload = WorkloadLoop.Parse("""{"pool": {"backend": "2ms", "size": 4}}""");

        var (_, first) = await loop.RunAsync(workload);
        await loop.RunAsync(workload);
        await loop.RunAsync(workload);

        var reader = Assert.Single(await loop.LiveTasksOfKind("w/pool-reader"));
        Assert.Equal(first.Id, reader.ParentId);
        Assert.Equal(1, loop.Executor.PoolCount);
    }

    [Fact]
    public async Task Pool_MoreRequestsThanConnections_WaitInTurnAndAllSucceed()
    {
        await using var loop = new WorkloadLoop();
        var workload = WorkloadLoop.Parse("""{"pool": {"backend": "20ms", "size": 2}}""");

        var requests = Enumerable.Range(0, 6).Select(_ => loop.Start(workload)).ToList();
        await Task.WhenAll(requests.Select(r => r.Completion)).Within("the end of every request", TimeSpan.FromSeconds(20));

        var readers = await loop.LiveTasksOfKind("w/pool-reader");
        Assert.Equal(2, readers.Count);
        Assert.Subset(requests.Select(r => r.Id).ToHashSet(), readers.Select(r => r.ParentId).ToHashSet());
        // Three rounds of 20 ms through two connections, counted from the first request (the six
        // are created one after another, so the last one's own lifetime is shorter by that stagger):
        // the last ones waited for a connection, asleep (a loaded machine turns a little of that
        // into waiting, hence the margin).
        var records = await Task.WhenAll(requests.Select(r => loop.RecordOf(r.Id)));
        var span = LoopClock.ToTimeSpan(records.Max(r => r.CompletedTimestamp) - records.Min(r => r.CreatedTimestamp));
        Assert.True(span >= TimeSpan.FromMilliseconds(60), $"first created to last completed {span}");
        Assert.True(records.Max(r => r.Asleep) >= TimeSpan.FromMilliseconds(40), $"longest asleep {records.Max(r => r.Asleep)}");
    }

    [Fact]
    public async Task Pool_QueueFull_RequestFailsWithAClearError()
    {
        await using var loop = new WorkloadLoop();
        // The holder must own the only connection before the second request asks: wait for the
        // connection's reader rather than a fixed 100 ms, which a busy machine once outran (the
        // second request then got the connection and nothing was refused); the long backend
        // keeps the holder on it meanwhile.
        var workload = WorkloadLoop.Parse("""{"pool": {"backend": "2s", "size": 1, "queue": 0}}""");
        var holder = loop.Start(workload);
        await WaitForReaders(loop, 1);

        var refused = loop.Start(workload);

        var error = await Assert.ThrowsAsync<BackendPoolException>(() => refused.Completion.Within("the end of loop task refused", TimeSpan.FromSeconds(10)));
        Assert.Contains("is full: 1 connections busy and 0 requests already waiting (queue limit 0)", error.Message, StringComparison.Ordinal);
        Assert.Equal(TaskOutcome.Faulted, (await loop.RecordOf(refused.Id)).Outcome);
        await holder.Completion.Within("the end of loop task holder", TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Pool_FailureInsideAGatherBranch_FaultsTheRequest()
    {
        await using var loop = new WorkloadLoop();
        var workload = WorkloadLoop.Parse("""{"gather": [[{"pool": {"backend": "200ms", "size": 1, "queue": 0}}], [{"pool": {"backend": "200ms", "size": 1, "queue": 0}}]]}""");

        var request = loop.Start(workload);

        await Assert.ThrowsAsync<BackendPoolException>(() => request.Completion.Within("the end of loop task request", TimeSpan.FromSeconds(10)));
        var branches = await loop.RecordsWhere(r => r.ParentId == request.Id, 2);
        Assert.Equal(1, branches.Count(b => b.Outcome == TaskOutcome.Faulted));
        Assert.Equal(1, branches.Count(b => b.Outcome == TaskOutcome.RanToCompletion));
    }

    [Fact]
    public async Task Pool_OpenerCancelled_ItsReaderEndsAndTheNextRequestOpensANewConnection()
    {
        await using var loop = new WorkloadLoop();
        // The opener stays alive after its pool request, so cancelling its tree reaches the reader
        // (as when an HTTP server cancels a request whose client went away).
        var opener = loop.Start(WorkloadLoop.Parse("""{"pool": {"backend": "1ms", "size": 1}}, {"sleep": "10s"}"""));
        Assert.Single(await WaitForReaders(loop, 1));

        opener.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => opener.Completion.Within("the end of loop task opener", TimeSpan.FromSeconds(10)));
        var firstReader = Assert.Single(await loop.RecordsWhere(r => r.Kind == "w/pool-reader", 1));
        Assert.Equal(opener.Id, firstReader.ParentId);
        var (_, second) = await loop.RunAsync(WorkloadLoop.Parse("""{"pool": {"backend": "1ms", "size": 1}}"""));
        var secondReader = Assert.Single(await loop.LiveTasksOfKind("w/pool-reader"));
        Assert.Equal(second.Id, secondReader.ParentId);
        Assert.Equal("pool-reader[2]", secondReader.Name);
    }

    [Fact]
    public async Task DisposeAsync_ClosesConnections_ReadersEndUnderTheirOpener()
    {
        var loop = new WorkloadLoop();
        try
        {
            var (_, opener) = await loop.RunAsync(WorkloadLoop.Parse("""{"pool": {"backend": "1ms"}}"""));

            await loop.Executor.DisposeAsync();

            var reader = Assert.Single(await loop.RecordsWhere(r => r.Kind == "w/pool-reader", 1));
            Assert.Equal(opener.Id, reader.ParentId);
            Assert.Equal(TaskOutcome.RanToCompletion, reader.Outcome);
            var afterDispose = loop.Start(WorkloadLoop.Parse("""{"pool": {"backend": "1ms"}}"""));
            await Assert.ThrowsAsync<ObjectDisposedException>(() => afterDispose.Completion.Within("the end of loop task afterDispose", TimeSpan.FromSeconds(10)));
        }
        finally
        {
            await loop.DisposeAsync();
        }
    }

    [Fact]
    public async Task Registry_OverMaxPools_RefusesANewDefinition()
    {
        await using var loop = new WorkloadLoop(new WorkloadExecutorOptions { MaxPools = 1 });
        await loop.RunAsync(WorkloadLoop.Parse("""{"pool": {"backend": "1ms"}}"""));

        var refused = loop.Start(WorkloadLoop.Parse("""{"pool": {"backend": "2ms"}}"""));

        var error = await Assert.ThrowsAsync<BackendPoolException>(() => refused.Completion.Within("the end of loop task refused", TimeSpan.FromSeconds(10)));
        Assert.Contains("distinct pool definitions", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backend_AnswersAfterTheAskedDelay_OffTheLoop()
    {
        await using var backend = new BackendServer(maxConnections: 2, TimeSpan.FromSeconds(5));
        using var client = new System.Net.Sockets.TcpClient();
        await client.ConnectAsync(backend.EndPoint);
        var stream = client.GetStream();
        var started = System.Diagnostics.Stopwatch.StartNew();

        await stream.WriteAsync("30000\n"u8.ToArray());
        var answer = new byte[3];
        await stream.ReadExactlyAsync(answer).Within("the backend's answer", TimeSpan.FromSeconds(10));

        Assert.Equal("ok\n"u8.ToArray(), answer);
        Assert.True(started.Elapsed >= TimeSpan.FromMilliseconds(29), started.Elapsed.ToString());
    }

    [Fact]
    public async Task Backend_GarbageLine_ClosesTheConnection()
    {
        await using var backend = new BackendServer(maxConnections: 2, TimeSpan.FromSeconds(5));
        using var client = new System.Net.Sockets.TcpClient();
        await client.ConnectAsync(backend.EndPoint);
        var stream = client.GetStream();

        await stream.WriteAsync("soon\n"u8.ToArray());

        Assert.Equal(0, await stream.ReadAsync(new byte[8]).Within("the backend to close the connection", TimeSpan.FromSeconds(10)));
    }

    private static Task<List<LiveTaskInfo>> WaitForReaders(WorkloadLoop loop, int count) =>
        Waits.UntilAsync(
            async () => await loop.LiveTasksOfKind("w/pool-reader") is { } readers && readers.Count >= count ? readers : null,
            $"{count} pooled connections' reader tasks",
            TimeSpan.FromSeconds(10));
}
