using Dashboard.Client.Pages;
using Dashboard.Contracts.Loop;

namespace Dashboard.Client.Tests;

public sealed class LoopOverviewTests
{
    [Fact]
    public async Task Render_WithLatestInterval_ShowsEachFigureWithItsUnit()
    {
        var html = await RenderAsync(LoopFixtures.Status(LoopFixtures.Interval()));

        Assert.Equal(("42.3", "%"), Read(html, "utilization"));
        Assert.Equal(("3.46", "tasks"), Read(html, "ready-mean"));
        Assert.Equal(("17", "tasks"), Read(html, "ready-max"));
        Assert.Equal(("12,340", "/s"), Read(html, "steps-per-second"));
        Assert.Equal(("0.12", "ms"), Read(html, "timer-lag-p50"));
        Assert.Equal(("45.7", "ms"), Read(html, "timer-lag-p99"));
        Assert.Equal(("1,234", "tasks"), Read(html, "tasks-alive"));
        Assert.Equal(("0", "steps"), Read(html, "slow-steps"));
        Assert.Equal(("500", "ms"), Read(html, "duration"));
        Assert.Equal(("98,766", "tasks"), Read(html, "tasks-completed"));
        Assert.Equal("#42", Html.Figure(html, "sequence"));
        Assert.Equal("03:06:07 UTC", Html.Figure(html, "at"));
        Assert.Equal("running", Html.Figure(html, "running"));
    }

    [Fact]
    public async Task Render_WithKinds_ShowsOneRowPerKindWithTimesInMillisecondsAndAShareBar()
    {
        var status = LoopFixtures.Status(
            LoopFixtures.Interval(),
            LoopFixtures.Kind("http.request", 1_500, awakeSum: 10, waitingSum: 30, asleepSum: 60),
            LoopFixtures.Kind("connection", 20));

        var html = await RenderAsync(status);

        var rows = Html.BodyRows(html, "data-kinds");
        Assert.Equal(2, rows.Count);
        Assert.Contains("data-kind=\"http.request\"", rows[0]);
        Assert.Equal(
            ["1,500 tasks", "1.25 ms", "7.50 ms", "3.50 ms", "88.8 ms", "6.25 ms", "15.1 ms"],
            Html.Quantities(rows[0]));
        Assert.Contains("class=\"share awake\" style=\"width: 10%\"", rows[0]);
        Assert.Contains("class=\"share waiting\" style=\"width: 30%\"", rows[0]);
        Assert.Contains("class=\"share asleep\" style=\"width: 60%\"", rows[0]);
        Assert.Contains("awake 10.0 %, waiting 30.0 %, asleep 60.0 %", rows[0]);
        Assert.Contains("data-kind=\"connection\"", rows[1]);
    }

    [Fact]
    public async Task Render_MoreKindsThanTheLimit_ShowsTheMostFrequentAndSaysSo()
    {
        var status = LoopFixtures.Status(
            LoopFixtures.Interval(),
            LoopFixtures.Kind("rare", 1),
            LoopFixtures.Kind("common", 1_000),
            LoopFixtures.Kind("middling", 50));

        var html = await RenderAsync(status, new DashboardUiOptions { MaxKindRows = 2 });

        var rows = Html.BodyRows(html, "data-kinds");
        Assert.Equal(2, rows.Count);
        Assert.Contains("data-kind=\"common\"", rows[0]);
        Assert.Contains("data-kind=\"middling\"", rows[1]);
        Assert.Contains("Showing the 2 most frequent of 3 kinds.", html);
    }

    [Fact]
    public async Task Render_WithSlowSteps_ListsTaskNameKindDurationAndQueueUpToTheLimit()
    {
        var interval = LoopFixtures.Interval(
            new SlowStepInfo(7, "blocker", "cpu-bound", 25.44, 9),
            new SlowStepInfo(8, "second", "cpu-bound", 30, 1),
            new SlowStepInfo(9, "third", "cpu-bound", 31, 2));

        var html = await RenderAsync(LoopFixtures.Status(interval), new DashboardUiOptions { MaxSlowStepRows = 2 });

        var rows = Html.BodyRows(html, "data-slow-steps");
        Assert.Equal(2, rows.Count);
        Assert.Contains("blocker", rows[0]);
        Assert.Contains("#7", rows[0]);
        Assert.Contains("cpu-bound", rows[0]);
        Assert.Equal(["25.4 ms", "9 tasks"], Html.Quantities(rows[0]));
        Assert.Equal(("3", "steps"), Read(html, "slow-steps"));
    }

    [Fact]
    public async Task Render_BeforeTheFirstInterval_ShowsDashesAndSaysNothingCompletedYet()
    {
        var html = await RenderAsync(LoopFixtures.Status(latest: null));

        Assert.Equal(("—", "%"), Read(html, "utilization"));
        Assert.Equal(("—", "ms"), Read(html, "timer-lag-p99"));
        Assert.Equal("—", Html.Figure(html, "sequence"));
        Assert.Equal(("1,234", "tasks"), Read(html, "tasks-alive"));
        Assert.Contains("No task has completed yet.", Html.BodyRows(html, "data-kinds").Single());
        Assert.Contains("No slow step in the latest interval.", Html.BodyRows(html, "data-slow-steps").Single());
    }

    [Fact]
    public async Task Render_KindNameWithMarkup_IsEncodedNotInterpreted()
    {
        var status = LoopFixtures.Status(LoopFixtures.Interval(), LoopFixtures.Kind("<script>alert(1)</script>", 3));

        var html = await RenderAsync(status);

        Assert.DoesNotContain("<script>alert(1)</script>", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
    }

    [Fact]
    public async Task Render_StoppedLoop_SaysStopped()
    {
        var html = await RenderAsync(LoopFixtures.Status(LoopFixtures.Interval()) with { Running = false });

        Assert.Equal("stopped", Html.Figure(html, "running"));
        Assert.Contains("pill pill-bad", html);
    }

    [Fact]
    public async Task Render_Always_ExplainsTheThreeStatesAndHasItsChartsWithNoScriptOfItsOwn()
    {
        var html = await RenderAsync(LoopFixtures.Status(LoopFixtures.Interval()));

        foreach (var state in new[] { "awake", "waiting", "asleep" })
        {
            Assert.Matches($"<dt><span class=\"swatch {state}\" aria-hidden=\"true\"></span>{state}</dt>\\s*<dd>[^<]{{20,}}</dd>", html);
        }

        foreach (var chart in new[] { "utilization", "ready-depth", "timer-lag" })
        {
            Assert.Contains($"data-chart=\"{chart}\" data-points=\"1\"", html);
        }

        Assert.DoesNotContain("js/widgets", html);
        Assert.Contains("figures as of page load", html);
    }

    [Fact]
    public async Task Render_WithLoopServerRefusals_ShowsItsCountersAndOneRowPerReason()
    {
        var status = LoopFixtures.Status(LoopFixtures.Interval()) with
        {
            Server = new LoopServerStatus
            {
                Address = "http://127.0.0.1:5080/",
                OpenConnections = 3,
                ConnectionsAccepted = 10,
                Requests = 12_345,
                HandlerFailures = 1,
                IdleClosed = 2,
                Refusals =
                [
                    new("RequestHeadersTimeout", 408, "request head not received within 10000 ms", 200),
                    new("SendTimeout", 0, "answers not read by the client within 30000 ms (closed without a word)", 1),
                ],
            },
        };

        var html = await RenderAsync(status);

        Assert.Equal("http://127.0.0.1:5080/", Html.Figure(html, "server-address"));
        Assert.Equal(("12,345", "requests"), Read(html, "server-requests"));
        Assert.Equal(("201", "times"), Read(html, "server-refused"));
        var rows = Html.BodyRows(html, "data-refusals");
        Assert.Equal(2, rows.Count);
        Assert.Contains("request head not received within 10000 ms", rows[0]);
        Assert.Contains("408", rows[0]);
        Assert.Contains("closed", rows[1]);
    }

    [Fact]
    public async Task Render_LoopServerWithoutRefusals_SaysNothingWasRefused()
    {
        var status = LoopFixtures.Status(LoopFixtures.Interval()) with
        {
            Server = new LoopServerStatus { Address = "http://127.0.0.1:5080/", OpenConnections = 0, ConnectionsAccepted = 0, Requests = 0, HandlerFailures = 0, IdleClosed = 0, Refusals = [] },
        };

        var html = await RenderAsync(status);

        Assert.Contains("Nothing refused since the host started.", html);
    }

    [Fact]
    public async Task Render_WithAProcessPool_ShowsItsWorkersTheHopInFourPartsAndTheMemoryBesideTheHosts()
    {
        var status = LoopFixtures.Status(LoopFixtures.Interval()) with { ProcessPool = Pool() };

        var html = await RenderAsync(status);
        var compact = System.Text.RegularExpressions.Regex.Replace(html, @">\s+<", "><");

        Assert.Equal(("2 of 2", "processes"), Read(html, "pool-alive"));
        Assert.Equal(("1,200", "answered"), Read(html, "pool-completed"));
        Assert.Equal(("3", "jobs"), Read(html, "pool-failed"));
        Assert.Contains("<tr data-hop=\"queue\"><td>Waiting for a free worker</td><td class=\"num\">1.50</td><td class=\"num\">40.0</td></tr>", compact);
        Assert.Contains("<tr data-hop=\"compute\"><td>Computing in the worker</td><td class=\"num\">10.0</td><td class=\"num\">12.0</td></tr>", compact);
        Assert.Contains("data-hop=\"send\"", html);
        Assert.Contains("data-hop=\"return\"", html);
        // 60 MB for two workers beside a 150 MB host whose 9 thread-pool threads share its memory.
        Assert.Contains("<td>2 worker processes</td><td class=\"num\">60.0 MB</td><td>30.0 MB each: a runtime apiece</td>", compact);
        Assert.Contains("The host, whose thread pool has 9 threads (0 items queued)", html);
        Assert.Contains("150 MB", html);
        Assert.DoesNotContain("data-pool-failure", html);
    }

    [Fact]
    public async Task Render_ShowsTheThreadPoolsQueueAndThreadsBesideTheLoopsReadyQueue()
    {
        var html = await RenderAsync(LoopFixtures.Status(LoopFixtures.Interval()) with { ThreadPoolQueued = 12, ThreadPoolThreads = 7 });

        Assert.Equal(("12", "items"), Read(html, "thread-pool-queued"));
        Assert.Equal(("7", "threads"), Read(html, "thread-pool-threads"));
    }

    [Fact]
    public async Task Render_AProcessPoolWithNoWorker_SaysWhyStepsFail()
    {
        var status = LoopFixtures.Status(LoopFixtures.Interval()) with { ProcessPool = Pool() with { Alive = 0, WorkersMemoryBytes = 0, StartFailure = "worker process 77 exited before saying hello" } };

        var html = await RenderAsync(status);

        Assert.Contains("No worker process runs, so process steps fail: worker process 77 exited before saying hello", html);
        Assert.Equal(("0 of 2", "processes"), Read(html, "pool-alive"));
    }

    [Fact]
    public async Task Render_NoProcessPool_HasNoPoolPanel()
    {
        var html = await RenderAsync(LoopFixtures.Status(LoopFixtures.Interval()));

        Assert.DoesNotContain("data-process-pool", html);
    }

    [Fact]
    public void ProcessPoolText_Unchanged_IsThePreviousObject_SoItsPanelSkipsARender()
    {
        var first = Dashboard.Client.Live.ProcessPoolText.From(Pool(), null);

        Assert.Same(first, Dashboard.Client.Live.ProcessPoolText.From(Pool(), first));
        Assert.NotSame(first, Dashboard.Client.Live.ProcessPoolText.From(Pool() with { Completed = 1_201 }, first));
    }

    private static ProcessPoolStatus Pool() => new()
    {
        Size = 2,
        WarmUp = true,
        Alive = 2,
        Busy = 1,
        Queued = 0,
        Completed = 1_200,
        Failed = 1,
        Rejected = 2,
        Restarts = 1,
        Queue = new(1.5, 40),
        Send = new(0.05, 0.3),
        Compute = new(10, 12),
        Return = new(0.08, 0.9),
        WorkersMemoryBytes = 60 * 1024 * 1024,
        HostMemoryBytes = 150 * 1024 * 1024,
        ThreadPoolThreads = 9,
        ThreadPoolQueued = 0,
    };

    [Fact]
    public async Task Render_OneLoop_HasNoPanelPerLoop()
    {
        var html = await RenderAsync(LoopFixtures.Status(LoopFixtures.Interval()));

        Assert.DoesNotContain("data-loops", html);
        Assert.DoesNotContain("data-loop-threads", html);
    }

    [Fact]
    public async Task Render_TwoLoops_ShowsARowPerLoopBesideTheTotals_AndNamesEachSlowStepsLoop()
    {
        var loop0 = LoopFixtures.Interval() with { Loop = 0, Utilization = 0.2, SlowSteps = [], SlowStepCount = 0 };
        var loop1 = LoopFixtures.Interval() with { Loop = 1, Utilization = 0.95, ReadyDepthMax = 40, SlowSteps = [new SlowStepInfo(9, "blocker", "cpu", 300, 12) { Loop = 1 }], SlowStepCount = 1 };
        var total = LoopFixtures.Interval() with { Loop = null, Loops = [loop0, loop1], Utilization = 0.575, SlowSteps = loop1.SlowSteps, SlowStepCount = 1 };
        var waiting = new TimeFigures(100, 12.5, 1, 250, 300);
        var status = LoopFixtures.Status(total) with
        {
            Loops =
            [
                new LoopThreadStatus { Index = 0, Name = "event-loop-0", Running = true, TasksAlive = 3, TasksCreated = 10, TasksCompleted = 7, OpenConnections = 5, Requests = 1_000, Latest = loop0 },
                new LoopThreadStatus { Index = 1, Name = "event-loop-1", Running = true, TasksAlive = 4, TasksCreated = 11, TasksCompleted = 7, OpenConnections = 5, Requests = 980, Latest = loop1, Tasks = LoopFixtures.Kind("(all tasks)", 7) with { Waiting = waiting } },
            ],
        };

        var html = await RenderAsync(status);

        Assert.Equal(("57.5", "%"), Read(html, "utilization"));
        var rows = Html.BodyRows(html, "data-loop-threads");
        Assert.Equal(2, rows.Count);
        Assert.Contains("loop 0", rows[0]);
        Assert.Equal(["20.0 %", "3.46 tasks", "17 tasks", "45.7 ms", "— ms", "— ms", "5 open", "1,000 served", "3 tasks"], Html.Quantities(rows[0]));
        Assert.Equal(["95.0 %", "3.46 tasks", "40 tasks", "45.7 ms", "12.5 ms", "250 ms", "5 open", "980 served", "4 tasks"], Html.Quantities(rows[1]));
        Assert.Contains("2 loops serve together", html);
        var slow = Html.BodyRows(html, "data-slow-steps").Single();
        Assert.Contains("data-loop=\"1\"", slow);
        Assert.Contains("loop 1", slow);
        Assert.Contains("data-chart=\"utilization\"", html);
    }

    [Fact]
    public async Task Render_TwoLoopsWithTheirOwnKinds_OffersTheSplitByLoop_ShowingAllLoopsTogetherFirst()
    {
        var status = LoopFixtures.Status(LoopFixtures.Interval(), LoopFixtures.Kind("GET /", 10)) with
        {
            Loops =
            [
                new LoopThreadStatus { Index = 0, Name = "event-loop-0", Running = true, TasksAlive = 0, TasksCreated = 5, TasksCompleted = 5, Kinds = [LoopFixtures.Kind("GET /", 6)] },
                new LoopThreadStatus { Index = 1, Name = "event-loop-1", Running = true, TasksAlive = 0, TasksCreated = 4, TasksCompleted = 4, Kinds = [LoopFixtures.Kind("GET /", 4)] },
            ],
        };

        var html = await RenderAsync(status);

        Assert.Contains("data-split-kinds", html);
        Assert.Contains("Split by loop", html);
        Assert.DoesNotContain("data-loop-kinds", html);
        Assert.Single(Html.BodyRows(html, "data-kinds"));
    }

    [Fact]
    public void LoopKinds_SeveralLoops_KeepEachLoopsRowsUpToTheLimit_AndThePreviousObjectsWhenUnchanged()
    {
        var status = LoopFixtures.Status(LoopFixtures.Interval()) with
        {
            Loops =
            [
                new LoopThreadStatus { Index = 0, Name = "event-loop-0", Running = true, TasksAlive = 0, TasksCreated = 5, TasksCompleted = 5, Kinds = [LoopFixtures.Kind("a", 6), LoopFixtures.Kind("b", 2)] },
                new LoopThreadStatus { Index = 1, Name = "event-loop-1", Running = true, TasksAlive = 0, TasksCreated = 4, TasksCompleted = 4, Kinds = [LoopFixtures.Kind("a", 4)] },
            ],
        };

        var first = Dashboard.Client.Live.LoopKinds.Of(status, maxRows: 1, previous: null);
        var again = Dashboard.Client.Live.LoopKinds.Of(status, maxRows: 1, previous: first);

        Assert.Equal(["loop 0", "loop 1"], first.Select(l => l.Name));
        Assert.Equal(["a"], first[0].Kinds.Select(k => k.Kind));
        Assert.Same(first, again);
        Assert.Empty(Dashboard.Client.Live.LoopKinds.Of(status with { Loops = [status.Loops[0]] }, 10, null));
    }

    [Fact]
    public void UtilizationChart_TwoLoops_HasTheTotalAndALinePerLoop()
    {
        var spec = Dashboard.Client.Live.LoopView.UtilizationChartFor(2);

        Assert.Equal(["all loops", "loop 0", "loop 1"], spec.Lines.Select(l => l.Label));
        Assert.Equal(["utilization"], Dashboard.Client.Live.LoopView.UtilizationChartFor(1).Lines.Select(l => l.Label));
    }

    [Fact]
    public void LoopServerText_Unchanged_IsThePreviousObject_SoItsPanelSkipsARender()
    {
        var status = new LoopServerStatus { Address = "http://127.0.0.1:5080/", OpenConnections = 1, ConnectionsAccepted = 1, Requests = 5, HandlerFailures = 0, IdleClosed = 0, Refusals = [new("TooManyConnections", 503, "more than 5 connections", 2)] };

        var first = Dashboard.Client.Live.LoopServerText.From(status, null);
        var same = Dashboard.Client.Live.LoopServerText.From(status with { Refusals = [new("TooManyConnections", 503, "more than 5 connections", 2)] }, first);
        var changed = Dashboard.Client.Live.LoopServerText.From(status with { Requests = 6 }, first);

        Assert.Same(first, same);
        Assert.NotSame(first, changed);
    }

    private static Task<string> RenderAsync(LoopStatus status, DashboardUiOptions? options = null) =>
        ComponentRenderer.RenderAsync<LoopOverview>(new FakeLoopStatusSource(status), options);

    private static (string Value, string Unit) Read(string html, string figure) =>
        (Html.Figure(html, figure), Html.UnitOf(html, figure));
}
