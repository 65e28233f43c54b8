using Dashboard.Client.Pages;
using Dashboard.Contracts.Runs;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Client.Tests;

public sealed class LiveRunPageTests
{
    [Fact]
    public async Task Render_RunningWithHistory_ShowsTheLatestIntervalsFiguresWithUnits()
    {
        var html = await RenderAsync(RunFixtures.Details(null, RunFixtures.Snapshot(9), RunFixtures.Snapshot(10)));

        Assert.Equal(("198", "/s"), Read(html, "throughput"));
        Assert.Equal(("1.0", "%"), Read(html, "error-rate"));
        Assert.Equal(("51.3", "ms"), Read(html, "latency-p50"));
        Assert.Equal(("77.7", "ms"), Read(html, "latency-p99"));
        Assert.Equal(("9.87", "ms"), Read(html, "waiting-p99"));
        Assert.Equal(("8.8", "%"), Read(html, "utilization"));
        Assert.Equal(("0.13", "tasks"), Read(html, "ready-mean"));
        Assert.Equal(("11", "requests"), Read(html, "in-flight"));
        Assert.Equal(("5.00", "s"), Read(html, "elapsed"));
        Assert.Equal(("25", "s"), Read(html, "planned"));
        Assert.Equal("12,345", Html.Figure(html, "requests"));
        Assert.Equal("#10", Html.Figure(html, "sequence"));
        Assert.Equal("inject", Html.Figure(html, "phase"));
        Assert.Equal("200", Html.Figure(html, "target"));
        Assert.Contains("<span class=\"unit\" data-unit=\"target\">requests/s</span>", html);
        Assert.Equal("running", Html.Figure(html, "status"));
        Assert.Contains("class=\"progress-fill\" data-progress style=\"width: 20%\"", html);
        Assert.Contains("aria-valuenow=\"20\"", html);
    }

    [Fact]
    public async Task Render_Samples_ListTheSlowestAndRecentEachLinkingToItsStory()
    {
        var samples = new[]
        {
            RunFixtures.Sample(31, "slowest", lifetime: 80),
            RunFixtures.Sample(32, "slowest", lifetime: 120),
            RunFixtures.Sample(33, "slowest", lifetime: 90),
            RunFixtures.Sample(40, "random", lifetime: 55),
        };

        var html = await RenderAsync(RunFixtures.Details(null, RunFixtures.Snapshot(3, [RunFixtures.Sample(20)]), RunFixtures.Snapshot(4, samples)), new DashboardUiOptions { MaxSampleRows = 2 });

        var slowest = Html.BodyRows(html, "data-samples=\"slowest\"");
        Assert.Equal(2, slowest.Count);
        Assert.Contains("data-task-id=\"32\"", slowest[0]);
        Assert.Contains($"href=\"runs/{RunFixtures.RunId}/tasks/32\"", slowest[0]);
        Assert.Equal(["120 ms", "10.0 ms"], Html.Quantities(slowest[0]));
        Assert.Contains("class=\"share-bar\"", slowest[0]);
        Assert.Contains("data-task-id=\"33\"", slowest[1]);

        var recent = Html.BodyRows(html, "data-samples=\"recent\"");
        Assert.Equal(["40", "20"], recent.Select(r => System.Text.RegularExpressions.Regex.Match(r, "data-task-id=\"(\\d+)\"").Groups[1].Value));
    }

    [Fact]
    public async Task Render_Thresholds_ShowTheirLiveStateAndMessage()
    {
        var html = await RenderAsync(RunFixtures.Details(null, RunFixtures.Snapshot(1)));

        var items = System.Text.RegularExpressions.Regex.Matches(html, "<li class=\"threshold\">(.*?)</li>", System.Text.RegularExpressions.RegexOptions.Singleline).Select(m => m.Groups[1].Value).ToArray();
        Assert.Equal(2, items.Length);
        Assert.Contains("<span class=\"pill pill-ok\">pass</span>", items[0]);
        Assert.Contains("errors.rate &lt; 1%", items[0]);
        Assert.Contains("<span class=\"pill pill-bad\">fail</span>", items[1]);
        Assert.Contains("loop.waiting.p99 = 9.87ms (limit &lt; 5ms): fail", items[1]);
    }

    [Fact]
    public async Task Render_BeforeTheFirstSnapshot_ShowsDashesAndTheScenariosThresholdsAsPending()
    {
        var details = new RunDetails(RunFixtures.Info(), RunFixtures.Scenario("errors.rate < 1%"), []);

        var html = await RenderAsync(details);

        Assert.Equal(("—", "/s"), Read(html, "throughput"));
        Assert.Equal(("—", "ms"), Read(html, "latency-p99"));
        Assert.Equal("—", Html.Figure(html, "sequence"));
        Assert.Contains("<span class=\"pill pill-muted\">pending</span>", html);
        Assert.Contains("No task sampled yet.", Html.BodyRows(html, "data-samples=\"slowest\"").Single());
        Assert.Contains("No task completed in the latest interval.", Html.BodyRows(html, "data-kinds").Single());
    }

    [Fact]
    public async Task Render_StoppedRun_SaysSoShowsTheVerdictAndDisablesTheControls()
    {
        var html = await RenderAsync(RunFixtures.Details(RunFixtures.Info(RunStatus.Stopped, passed: false), RunFixtures.Snapshot(4)));

        Assert.Equal("stopped", Html.Figure(html, "status"));
        Assert.Contains("class=\"pill pill-muted\" data-figure=\"status\"", html);
        Assert.Matches("class=\"pill pill-bad\" data-figure=\"verdict\">thresholds failed<", html);
        Assert.Matches("<button type=\"button\" class=\"button danger\" data-control=\"stop\" disabled>Stop run</button>", html);
        Assert.Equal("stopped by request", Html.Figure(html, "message"));
        // Ended: elapsed is the run's own, not the last snapshot's.
        Assert.Equal(("12.3", "s"), Read(html, "elapsed"));
    }

    [Fact]
    public async Task Render_EndedRunWithAVerdict_ReadsTheRunInWordsButNotWhileItRuns()
    {
        var verdict = new RunVerdict("saturated", "Saturated from about 350 requests/s: waiting p99 grew 4.2 ms per second.", new Dictionary<string, double>());

        var ended = await RenderAsync(RunFixtures.Details(RunFixtures.Info(RunStatus.Completed) with { Verdict = verdict }, RunFixtures.Snapshot(4)));
        var running = await RenderAsync(RunFixtures.Details(RunFixtures.Info() with { Verdict = verdict }, RunFixtures.Snapshot(4)));

        Assert.Matches("<p class=\"run-verdict\" data-run-verdict>", ended);
        Assert.Contains("<span class=\"pill pill-bad\" data-figure=\"verdict-kind\">saturated</span>", ended);
        Assert.Equal(verdict.Text, Html.Figure(ended, "verdict-text"));
        Assert.Matches("<p class=\"run-verdict\" data-run-verdict hidden>", running);
    }

    [Fact]
    public async Task Render_ClosedModelPhase_OffersAUsersChangeInsteadOfARate()
    {
        var html = await RenderAsync(RunFixtures.Details(null, RunFixtures.Snapshot(2, targetRate: null, targetUsers: 20)));

        Assert.DoesNotContain("data-change=\"rate\"", html);
        Assert.Matches("<div class=\"change-field\" data-change=\"users\">", html);
        Assert.Equal("20", Html.Figure(html, "target"));
        Assert.Contains("data-unit=\"target\">users<", html);
    }

    [Fact]
    public async Task Render_Always_HasEveryChartAndNoPageScript()
    {
        var options = new DashboardUiOptions { ChartWindowPoints = 120 };

        var html = await RenderAsync(RunFixtures.Details(null, RunFixtures.Snapshot(8)), options);

        Assert.DoesNotContain("signalr", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("js/widgets", html, StringComparison.Ordinal);
        Assert.Contains($"data-run-id=\"{RunFixtures.RunId}\"", html);
        Assert.Contains("data-sequence=\"8\"", html);
        foreach (var chart in new[] { "throughput", "latency", "waiting", "utilization", "ready-depth", "share", "prediction" })
        {
            // Prerendered with the points it will be drawn from, so a reader without the canvas knows what it holds.
            Assert.Contains($"data-chart=\"{chart}\" data-points=\"1\"", html);
        }

        Assert.Contains("<strong>waiting</strong> ready, queued behind other work", html);
    }

    [Fact]
    public async Task Render_HostileNames_AreEncodedNotInterpreted()
    {
        var info = RunFixtures.Info(scenario: "<script>alert(1)</script>");
        var sample = RunFixtures.Sample(5, name: "<img src=x onerror=alert(2)>", kind: "<b>kind</b>");

        var html = await RenderAsync(RunFixtures.Details(info, RunFixtures.Snapshot(1, [sample])));

        Assert.DoesNotContain("<script>alert(1)", html);
        Assert.DoesNotContain("<img src=x", html);
        Assert.DoesNotContain("<b>kind</b>", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.Contains("&lt;img src=x onerror=alert(2)&gt;", html);
    }

    [Fact]
    public async Task Render_RunOnTwoLoops_ShowsEachLoopsInterval_ALinePerLoop_AndTheBlockersLoop()
    {
        var loop0 = LoopFixtures.Interval() with { Loop = 0, Utilization = 0.1 };
        var loop1 = LoopFixtures.Interval() with { Loop = 1, Utilization = 0.9 };
        var snapshot = RunFixtures.Snapshot(4) with
        {
            Loop = LoopFixtures.Interval() with { Loop = null, Loops = [loop0, loop1], Utilization = 0.5 },
        };
        snapshot = snapshot with
        {
            Tasks = snapshot.Tasks with
            {
                Loops =
                [
                    LoopFixtures.Kind("loop 0", 50) with { Waiting = new Dashboard.Contracts.Loop.TimeFigures(5, 0.1, 0.1, 0.4, 1) },
                    LoopFixtures.Kind("loop 1", 50) with { Waiting = new Dashboard.Contracts.Loop.TimeFigures(9_000, 180, 150, 210, 215) },
                ],
            },
        };
        var info = RunFixtures.Info() with { Loops = 2, WorstBlocks = [RunFixtures.Block() with { Loop = 1 }], Blockers = [RunFixtures.Blockers() with { Loop = 1 }] };

        var html = await RenderAsync(RunFixtures.Details(info, RunFixtures.Snapshot(3), snapshot));

        var rows = Html.BodyRows(html, "data-loop-threads");
        Assert.Equal(2, rows.Count);
        Assert.Equal(["10.0 %", "3.46 tasks", "17 tasks", "45.7 ms", "0.10 ms", "0.40 ms"], Html.Quantities(rows[0]));
        Assert.Equal(["90.0 %", "3.46 tasks", "17 tasks", "45.7 ms", "180 ms", "210 ms"], Html.Quantities(rows[1]));
        Assert.DoesNotContain("Connections", html);
        Assert.Contains("spread over 2 loops", html);
        Assert.Contains("data-loop=\"1\">loop 1</td>", Html.BodyRows(html, "data-worst-blocks").Single());
        Assert.Contains("data-loop=\"1\">loop 1</td>", Html.BodyRows(html, "data-blocker-kinds").Single());
        Assert.Contains("each of the 2 loops as a server of its own", html);
    }

    [Fact]
    public async Task Render_RunOnOneLoop_HasNoLoopPanelNorLoopColumn()
    {
        var html = await RenderAsync(RunFixtures.Details(RunFixtures.Info() with { Loops = 1, WorstBlocks = [RunFixtures.Block()] }, RunFixtures.Snapshot(3)));

        Assert.DoesNotContain("data-loop-threads", html);
        Assert.DoesNotContain("data-loop=", html);
        Assert.Contains("treat the loop as one server", html);
    }

    [Fact]
    public void Charts_RunOnTwoLoops_DrawALinePerLoop()
    {
        var group = LoopFixtures.Interval() with { Loop = null, Utilization = 0.5, Loops = [LoopFixtures.Interval() with { Loop = 0, Utilization = 0.25 }, LoopFixtures.Interval() with { Loop = 1, Utilization = 0.75 }] };
        var snapshot = RunFixtures.Snapshot(1) with { Loop = group };

        var charts = Dashboard.Client.Live.RunCharts.Of([snapshot], sweep: null, capacity: 240, loops: 2);

        Assert.Equal(["all loops", "loop 0", "loop 1"], Dashboard.Client.Live.RunCharts.UtilizationChartFor(2).Lines.Select(l => l.Label));
        Assert.Equal(3, charts.Utilization.Columns.Count);
        Assert.Equal([50.0, 25.0, 75.0], charts.Utilization.Columns.Select(c => c[0]!.Value));
        Assert.Equal(["p99", "mean", "loop 0 p99", "loop 1 p99"], Dashboard.Client.Live.RunCharts.WaitingChartFor(2).Lines.Select(l => l.Label));
    }

    [Fact]
    public async Task Render_RunCutOffByShutdown_SaysSoAndListsTheTasksStillAlive()
    {
        var shutdown = new GracefulShutdownReport
        {
            GraceSeconds = 5,
            RequestsInFlightAtStart = 12,
            RequestsInFlightAtDeadline = 3,
            TasksAlive = 7,
            Tasks = [new Dashboard.Contracts.Loop.LiveTask(41, 40, "spawn", "fire-and-forget/spawn", null, "asleep", 5_200, 0.1, 0.2, 5_199.7, 2, 0) { Loop = 1 }],
        };
        var info = RunFixtures.Info(RunStatus.Interrupted) with { Shutdown = shutdown, Message = "The host shut down (Ctrl+C or SIGTERM) while the run was going; what it measured until then is kept." };

        var html = await RenderAsync(RunFixtures.Details(info, RunFixtures.Snapshot(3)));

        Assert.Contains("interrupted by shutdown", html);
        Assert.Equal(("12", "requests"), Read(html, "shutdown-in-flight"));
        Assert.Equal(("3", "requests"), Read(html, "shutdown-unanswered"));
        Assert.Equal(("7", "tasks"), Read(html, "shutdown-alive"));
        var row = Html.BodyRows(html, "data-shutdown-tasks").Single();
        Assert.Contains("fire-and-forget/spawn", row);
        Assert.Contains("loop 1", row);
        Assert.Equal(["5,200 ms", "0.10 ms", "0.20 ms", "5,200 ms"], Html.Quantities(row));
    }

    [Fact]
    public async Task Render_RunWithProcessSteps_ShowsWhatThePoolDidTheHopInFourPartsAndTheMemory()
    {
        var pool = new RunProcessPool
        {
            Jobs = 2_000,
            Failed = 1,
            Restarts = 0,
            QueueMeanMs = 4.5,
            SendMeanMs = 0.8,
            ComputeMeanMs = 10.2,
            ReturnMeanMs = 0.7,
            Workers = 2,
            WorkersMemoryBytes = 52 * 1024 * 1024,
            HostMemoryBytes = 180 * 1024 * 1024,
            ThreadPoolThreads = 11,
        };
        var info = RunFixtures.Info(RunStatus.Completed) with { ProcessPool = pool };

        var html = await RenderAsync(RunFixtures.Details(info, RunFixtures.Snapshot(3)));
        var compact = System.Text.RegularExpressions.Regex.Replace(html, @">\s+<", "><");

        Assert.Contains("Process pool during this run", html);
        Assert.Equal(("2,000", "jobs"), Read(html, "run-pool-jobs"));
        Assert.Equal(("1", "failed"), Read(html, "run-pool-failed"));
        Assert.Contains("<tr data-hop=\"queue\"><td>Waiting for a free worker</td><td class=\"num\">4.50</td></tr>", compact);
        Assert.Contains("<tr data-hop=\"compute\"><td>Computing in the worker</td><td class=\"num\">10.2</td></tr>", compact);
        Assert.Contains("2 worker processes, a runtime apiece</td><td class=\"num\">52.0 MB</td>", compact);
        Assert.Contains("11 threads share its memory</td><td class=\"num\">180 MB</td>", compact);
    }

    [Fact]
    public async Task Render_RunWithoutProcessSteps_HasNoPoolPanel()
    {
        var html = await RenderAsync(RunFixtures.Details(RunFixtures.Info(RunStatus.Completed), RunFixtures.Snapshot(3)));

        Assert.DoesNotContain("data-run-process-pool", html);
    }

    [Fact]
    public async Task Render_UnknownRun_SaysSoWithoutCharts()
    {
        var html = await ComponentRenderer.RenderAsync<LiveRun>(path: "runs/nope", parameters: new Dictionary<string, object?> { ["RunId"] = "nope" });

        Assert.Contains("data-not-found", html);
        Assert.Contains("No run with id <code>nope</code>", html);
        Assert.DoesNotContain("data-chart", html);
    }

    [Fact]
    public async Task Render_RunOnAgents_ShowsEachAgentsShareStateAndFigures_AndALostOnesNote()
    {
        var info = RunFixtures.Info() with
        {
            Agents =
            [
                new RunAgent { Name = "east", Host = "load-1", State = RunAgentStates.Running, Share = 0.75, Requests = 1_500, ThroughputPerSecond = 299.6, ErrorRate = 0.002, LatencyP99Ms = 12.34, SendLatenessP99Ms = 0.456, ClockOffsetMs = -1.25, Intervals = 10 },
                new RunAgent { Name = "west", Host = "load-2", State = RunAgentStates.Lost, Share = 0.25, Requests = 200, Intervals = 4, Message = "lost at 10:11:12 UTC" },
            ],
        };

        var html = await RenderAsync(RunFixtures.Details(info, RunFixtures.Snapshot(4)));

        Assert.Contains(RunAgentText.Title, html);
        Assert.Contains("The load came from 2 agent(s)", html);
        var east = System.Text.RegularExpressions.Regex.Match(html, "<tr data-run-agent=\"east\">.*?</tr>", System.Text.RegularExpressions.RegexOptions.Singleline).Value;
        var west = System.Text.RegularExpressions.Regex.Match(html, "<tr data-run-agent=\"west\">.*?</tr>", System.Text.RegularExpressions.RegexOptions.Singleline).Value;
        Assert.Equal("running", Html.Figure(east, "agent-state"));
        Assert.Contains("75.0 %", east);
        Assert.Equal("1,500", Html.Figure(east, "agent-requests"));
        Assert.Equal("300", Html.Figure(east, "agent-rate"));
        Assert.Equal("12.3", Html.Figure(east, "agent-p99"));
        Assert.Equal("0.46", Html.Figure(east, "agent-lateness"));
        Assert.Equal("lost", Html.Figure(west, "agent-state"));
        Assert.Contains("pill-bad", west);
        Assert.Equal("—", Html.Figure(west, "agent-p99"));
        Assert.Contains("lost at 10:11:12 UTC", west);
    }

    [Fact]
    public async Task Render_RunOfItsOwnEngine_HasNoAgentsPanel()
    {
        var html = await RenderAsync(RunFixtures.Details(null, RunFixtures.Snapshot(4)));

        Assert.DoesNotContain("data-run-agents", html);
    }

    private static Task<string> RenderAsync(RunDetails details, DashboardUiOptions? options = null) =>
        ComponentRenderer.RenderAsync<LiveRun>(
            options: options,
            path: "runs/" + details.Info.Id,
            parameters: new Dictionary<string, object?> { ["RunId"] = details.Info.Id },
            services: s => s.AddSingleton<IRunDirectory>(new FakeRunDirectory([details])));

    private static (string Value, string Unit) Read(string html, string figure) =>
        (Html.Figure(html, figure), Html.UnitOf(html, figure));
}
