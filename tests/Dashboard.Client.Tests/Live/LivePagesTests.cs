using System.Text.Json;
using Bunit;
using Dashboard.Client.Charts;
using Dashboard.Client.Live;
using Dashboard.Client.Pages;
using Dashboard.Contracts.Runs;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using RunsPage = Dashboard.Client.Pages.Runs;

namespace Dashboard.Client.Tests.Live;

/// <summary>The Loop and Runs pages live in a circuit (bunit's interactive renderer), fed by fake sources on a fake clock.</summary>
public sealed class LivePagesTests : BunitContext
{
    private static readonly TimeSpan Refresh = TimeSpan.FromMilliseconds(500);
    private readonly FakeTimeProvider _time = new();
    private readonly DashboardUiOptions _options = new() { LiveRefresh = Refresh };
    private readonly SteppingLoopSource _loop = new();
    private readonly ChangingRunDirectory _runs = new();
    private readonly LiveFeed<LoopView> _loopFeed;
    private readonly LiveFeed<RunsView> _runsFeed;
    private readonly BunitJSModuleInterop _charts;

    public LivePagesTests()
    {
        _loopFeed = LoopView.Feed(_loop, _options, _time);
        _runsFeed = RunsView.Feed(_runs, _options, _time);
        Services.AddSingleton(Options.Create(_options));
        Services.AddSingleton<ILiveFeed<LoopView>>(_loopFeed);
        Services.AddSingleton<ILiveFeed<RunsView>>(_runsFeed);
        _charts = LiveCircuit.Start(this);
    }

    [Fact]
    public void LoopPage_TenIntervalsWithinOneRefresh_RendersOnceWithTheNewest()
    {
        _loop.Next();
        var page = Render<LoopOverview>();
        var renders = page.RenderCount;
        var reads = _loop.Reads;

        for (var i = 0; i < 10; i++)
        {
            _loop.Next();
            _loopFeed.Changed();
            _time.Advance(TimeSpan.FromMilliseconds(30));
        }

        Assert.Equal(renders, page.RenderCount);
        _time.Advance(Refresh);

        page.WaitForAssertion(() => Assert.Equal("#11", page.Find("[data-figure=sequence]").TextContent));
        Assert.Equal(renders + 1, page.RenderCount);
        Assert.Equal(reads + 1, _loop.Reads);
        Assert.Equal("live · every 0.5 s at most", page.Find("[data-live-status]").TextContent);
    }

    [Fact]
    public void LoopPage_NewInterval_SendsOnlyTheNewPointsOfEveryChartInOneCall()
    {
        _loop.Next();
        _loop.Next();
        var page = Render<LoopOverview>();
        page.WaitForAssertion(() => Assert.Equal(3, _charts.Invocations["create"].Count));
        Assert.All(_charts.Invocations["create"], call => Assert.Equal(2, Columns(call.Arguments[2])[0].Length));

        _loop.Next();
        _loopFeed.Changed();
        _time.Advance(Refresh);

        page.WaitForAssertion(() => Assert.Single(_charts.Invocations["update"]));
        var updates = JsonSerializer.SerializeToElement(_charts.Invocations["update"].Single().Arguments[0]);
        Assert.Equal(3, updates.GetArrayLength());
        Assert.All(updates.EnumerateArray(), update =>
        {
            Assert.False(update.GetProperty("replace").GetBoolean());
            Assert.Equal(1, update.GetProperty("columns")[0].GetArrayLength());
        });
        Assert.Equal("3", page.Find("[data-chart=utilization]").GetAttribute("data-points"));
    }

    [Fact]
    public async Task LoopPage_Disposed_IsCalledNoMoreAndTheSourceIsNotRead()
    {
        _loop.Next();
        var page = Render<LoopOverview>();
        Assert.Equal(1, _loopFeed.SubscriberCount);
        var renders = page.RenderCount;

        await DisposeComponentsAsync();
        var reads = _loop.Reads;
        for (var i = 0; i < 5; i++)
        {
            _loop.Next();
            _loopFeed.Changed();
            _time.Advance(Refresh);
        }

        Assert.Equal(0, _loopFeed.SubscriberCount);
        Assert.Equal(reads, _loop.Reads);
        Assert.Equal(renders, page.RenderCount);
    }

    [Fact]
    public void RunsPage_RunStartedThenEnded_AppearsThenShowsItsResultWithoutAReload()
    {
        var page = Render<RunsPage>();
        Assert.Contains("No run yet.", page.Find("tbody[data-runs]").TextContent);

        _runs.Put(RunFixtures.Info(RunStatus.Running) with { Id = "run-1" });
        _runsFeed.Changed();
        _time.Advance(Refresh);
        page.WaitForAssertion(() => Assert.Equal("running", page.Find("tr[data-run-id=run-1] [data-status]").TextContent));

        _runs.Put(RunFixtures.Info(RunStatus.Completed, passed: true) with { Id = "run-1" });
        _runsFeed.Changed();
        _time.Advance(Refresh);
        page.WaitForAssertion(() => Assert.Equal("completed", page.Find("tr[data-run-id=run-1] [data-status]").TextContent));
        Assert.Equal("passed", page.Find("tr[data-run-id=run-1] [data-verdict]").TextContent);
        Assert.Single(page.FindAll("tbody[data-runs] tr"));
    }

    [Fact]
    public void RunsPage_SnapshotsThatChangeNoWord_RenderNoRow()
    {
        _runs.Put(RunFixtures.Info(RunStatus.Completed) with { Id = "old" });
        var page = Render<RunsPage>();
        var row = page.FindComponent<Components.RunRow>();
        var rowRenders = row.RenderCount;

        _runs.Put(RunFixtures.Info(RunStatus.Running) with { Id = "new" });
        _runsFeed.Changed();
        _time.Advance(Refresh);

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("tbody[data-runs] tr").Count));
        Assert.Equal(rowRenders, row.RenderCount);
    }

    private static double?[][] Columns(object? argument) => Assert.IsType<double?[][]>(argument);
}
