using System.Net;
using System.Text;
using Dashboard.EventLoop;
using Dashboard.LoopServer.Serving;
using Dashboard.LoopServer.Workloads;
using Dashboard.LoopServer.Workloads.Execution;

namespace Dashboard.LoopServer.Tests.Serving;

/// <summary>
/// Workloads through the real server: routes, errors, and the request task's accounting. Runs
/// alone (the accounting checks read wall time on two shared cores); the bounds check where time
/// is put, so their upper ends are sanity limits, not speed targets.
/// </summary>
[Collection(TimingSensitiveCollection.Name)]
public sealed class WorkloadRoutesTests : IAsyncLifetime
{
    private ServerHarness _harness = null!;
    private WorkloadExecutor _executor = null!;
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        var catalog = WorkloadCatalog.Load();
        Assert.Empty(catalog.Errors);
        // The harness owns the loop; the executor must use that same loop.
        _harness = new ServerHarness(handler: null, routes: l =>
        {
            _executor = new WorkloadExecutor(l);
            return new WorkloadRoutes(catalog, _executor, WorkloadLimits.Default);
        });
        _client = new HttpClient { BaseAddress = _harness.BaseAddress };
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _harness.DisposeAsync();
        await _executor.DisposeAsync();
    }

    [Fact]
    public async Task CatalogWorkload_AnswersJsonAndTheRequestTaskIsNamedForIt()
    {
        var response = await _client.GetAsync("/w/hello");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("hello", await response.Content.ReadAsStringAsync());
        var record = await _harness.WaitForRecord(r => r.Name == "GET /w/hello");
        Assert.Equal("hello", record.Kind);
    }

    [Fact]
    public async Task SyncFront_AThreadPoolThreadSubmitsTheWorkloadToTheLoop_WhichRunsItAsASubmittedTask()
    {
        var response = await _client.GetAsync("/sync/w/io-bound");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"workload\":\"io-bound\"", await response.Content.ReadAsStringAsync());
        // The request task slept on the loop while the pool thread blocked; the workload ran as a
        // task of its own, submitted from that thread (its first step waited for the hop).
        var request = await _harness.WaitForRecord(r => r.Name == "GET /sync/w/io-bound");
        Assert.Equal("sync/io-bound", request.Kind);
        Assert.True(Ms(request.AsleepTicks) >= 15, $"the request slept {Ms(request.AsleepTicks)} ms");
        var submitted = await _harness.WaitForRecord(r => r.Kind == "io-bound/submitted");
        Assert.Equal(0, submitted.ParentId);
        Assert.True(submitted.CreatedTimestamp >= request.CreatedTimestamp && submitted.CompletedTimestamp <= request.CompletedTimestamp);
        Assert.Equal(submitted.LifetimeTicks, submitted.AwakeTicks + submitted.WaitingTicks + submitted.AsleepTicks);
    }

    [Fact]
    public async Task PrivateLoopFront_RunsTheWorkloadOnALoopOfItsOwn_WhichTheServersLoopNeverSees()
    {
        var response = await _client.GetAsync("/private-loop/w/io-bound");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"workload\":\"io-bound\"", await response.Content.ReadAsStringAsync());
        var request = await _harness.WaitForRecord(r => r.Name == "GET /private-loop/w/io-bound");
        Assert.Equal("private-loop/io-bound", request.Kind);
        Assert.True(Ms(request.AsleepTicks) >= 15, $"the request slept {Ms(request.AsleepTicks)} ms");
        // The workload's task lived and died on the private loop: the server's loop recorded none.
        Assert.DoesNotContain(_harness.Records, r => r.Kind == "io-bound" && r.CreatedTimestamp >= request.CreatedTimestamp);
    }

    [Theory]
    [InlineData("/sync/w/nope", HttpStatusCode.NotFound, "no workload named 'nope'")]
    [InlineData("/private-loop/w/nope", HttpStatusCode.NotFound, "no workload named 'nope'")]
    public async Task Fronts_UnknownWorkload_Is404ListingTheCatalog(string path, HttpStatusCode status, string message)
    {
        var response = await _client.GetAsync(path);

        Assert.Equal(status, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task UnknownWorkload_Is404ListingTheCatalog()
    {
        var response = await _client.GetAsync("/w/nope");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("'nope'", body);
        Assert.Contains("cpu-bound", body);
    }

    [Fact]
    public async Task InvalidInlineWorkload_Is400NamingTheField()
    {
        var body = """{"name":"bad","steps":[{"cpu":"5ms"},{"sleep":"1ms"},{"gather":[[{"cpu":"fast"}]]}]}""";
        var response = await _client.PostAsync("/w", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("steps[2].gather[0][0].cpu", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Cpu5ms_RequestTaskIsAwakeAbout5ms()
    {
        var record = await RunInline("cpu5", """[{"cpu":"5ms"}]""");
        Assert.InRange(Ms(record.AwakeTicks), 4.5, 250);
        Assert.InRange(Ms(record.AsleepTicks), 0, 5);
    }

    [Fact]
    public async Task Sleep20ms_RequestTaskIsAsleepAbout20ms()
    {
        var record = await RunInline("sleep20", """[{"sleep":"20ms"}]""");
        Assert.InRange(Ms(record.AsleepTicks), 12, 2_000);
        Assert.InRange(Ms(record.AwakeTicks), 0, 10);
    }

    [Fact]
    public async Task Offload20ms_RequestTaskIsAsleepNotAwake()
    {
        var record = await RunInline("offload20", """[{"offload":"20ms"}]""");
        // The spin needs a free pool worker, which a busy process can be slow to give.
        Assert.InRange(Ms(record.AsleepTicks), 15, 5_000);
        // Had the 20 ms spin been counted on the loop, awake would be at least 20 ms.
        Assert.InRange(Ms(record.AwakeTicks), 0, 15);
    }

    [Fact]
    public async Task GatheredWorkload_ChildrenAppearUnderTheRequestTask()
    {
        (await _client.GetAsync("/w/gathered")).EnsureSuccessStatusCode();

        var request = await _harness.WaitForRecord(r => r.Name == "GET /w/gathered");
        var children = _harness.Records.Where(r => r.ParentId == request.Id).ToList();
        Assert.True(children.Count >= 2, $"expected gather children under the request, got {children.Count}");
        Assert.All(children, c => Assert.Equal("gathered/gather", c.Kind));
    }

    private async Task<TaskRecord> RunInline(string name, string steps)
    {
        var body = $$"""{"name":"{{name}}","steps":{{steps}}}""";
        for (var warm = 0; warm < 2; warm++)
        {
            // The first run pays for JIT on the loop; measure a warm one.
            (await _client.PostAsync("/w", new StringContent(body, Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        }

        using var message = new HttpRequestMessage(HttpMethod.Post, "/w") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        var id = $"{name}-{Guid.NewGuid():N}";
        message.Headers.Add("X-Correlation-Id", id);
        (await _client.SendAsync(message)).EnsureSuccessStatusCode();
        var record = await _harness.WaitForRecord(r => r.Tag == id);
        Assert.Equal("inline", record.Kind);
        Assert.Equal(record.LifetimeTicks, record.AwakeTicks + record.WaitingTicks + record.AsleepTicks);
        return record;
    }

    private static double Ms(long ticks) => LoopClock.ToMilliseconds(ticks);
}
