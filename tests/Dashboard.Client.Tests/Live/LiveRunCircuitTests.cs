using Bunit;
using Dashboard.Client.Charts;
using Dashboard.Client.Live;
using Dashboard.Client.Pages;
using Dashboard.Contracts.Runs;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Client.Tests.Live;

/// <summary>The live run page in a circuit (bunit's interactive renderer), fed by a run the test changes on a fake clock.</summary>
public sealed class LiveRunCircuitTests : BunitContext
{
    private static readonly TimeSpan Refresh = TimeSpan.FromMilliseconds(500);
    private readonly FakeTimeProvider _time = new();
    private readonly DashboardUiOptions _options = new() { LiveRefresh = Refresh };
    private readonly RunsOnFile _runs = new();
    private readonly RunFeeds _feeds;
    private readonly FakeWhatIfPredictor _predictor = new();
    private readonly BunitJSModuleInterop _charts;
    private FakeRunControl _control;

    public LiveRunCircuitTests()
    {
        _feeds = new RunFeeds(runId => RunView.Feed(_runs, runId, _options, _time));
        _control = new FakeRunControl(_runs);
        Services.AddSingleton(Options.Create(_options));
        Services.AddSingleton<IRunFeeds>(_feeds);
        Services.AddSingleton<IWhatIfPredictor>(_predictor);
        Services.AddSingleton<IRunControl>(_ => _control);
        _charts = LiveCircuit.Start(this);
    }

    [Fact]
    public void RunningRun_TenIntervalsWithinOneRefresh_RendersOnceWithTheNewestAndSendsOnlyNewPoints()
    {
        var history = new List<RunSnapshot> { RunFixtures.Snapshot(1) };
        _runs.Put(RunFixtures.Details(null, [.. history]));
        var page = Render<LiveRun>(p => p.Add(c => c.RunId, RunFixtures.RunId));
        // Seven time charts; the sweep curve is drawn only for a run with a sweep.
        page.WaitForAssertion(() => Assert.Equal(7, _charts.Invocations["create"].Count));
        var renders = page.RenderCount;
        var reads = _runs.Reads;

        for (var sequence = 2; sequence <= 11; sequence++)
        {
            history.Add(RunFixtures.Snapshot(sequence));
            _runs.Put(RunFixtures.Details(null, [.. history]));
            _feeds.Changed(RunFixtures.RunId);
            _time.Advance(TimeSpan.FromMilliseconds(30));
        }

        Assert.Equal(renders, page.RenderCount);
        _time.Advance(Refresh);

        page.WaitForAssertion(() => Assert.Equal("#11", page.Find("[data-figure=sequence]").TextContent));
        Assert.Equal(renders + 1, page.RenderCount);
        Assert.Equal(reads + 1, _runs.Reads);
        page.WaitForAssertion(() => Assert.Single(_charts.Invocations["update"]));
        var updates = System.Text.Json.JsonSerializer.SerializeToElement(_charts.Invocations["update"].Single().Arguments[0]);
        // Each time chart gets its ten new points, all in one call.
        Assert.Equal(7, updates.GetArrayLength());
        Assert.All(updates.EnumerateArray(), update =>
        {
            Assert.False(update.GetProperty("replace").GetBoolean());
            Assert.Equal(10, update.GetProperty("columns")[0].GetArrayLength());
        });
        Assert.Equal("11", page.Find("[data-chart=latency]").GetAttribute("data-points"));
    }

    [Fact]
    public void StoredRun_RendersFromTheDirectoryWithoutASubscription()
    {
        _runs.Put(RunFixtures.Details(RunFixtures.Info(RunStatus.Completed, passed: true), RunFixtures.Snapshot(4)));

        var page = Render<LiveRun>(p => p.Add(c => c.RunId, RunFixtures.RunId));

        Assert.Equal("completed", page.Find("[data-figure=status]").TextContent);
        Assert.Equal("ended · figures final", page.Find("[data-live-status]").TextContent);
        Assert.Equal(0, ((LiveFeed<RunView>)_feeds.Open(RunFixtures.RunId).Feed).SubscriberCount);
        Assert.True(page.Find("[data-control=stop]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Disposed_TheRunsFeedGoesAndThePageIsCalledNoMore()
    {
        _runs.Put(RunFixtures.Details(null, RunFixtures.Snapshot(1)));
        var page = Render<LiveRun>(p => p.Add(c => c.RunId, RunFixtures.RunId));
        Assert.Equal(1, _feeds.Count);
        var renders = page.RenderCount;

        await DisposeComponentsAsync();
        _feeds.Changed(RunFixtures.RunId);
        _time.Advance(Refresh);

        Assert.Equal(0, _feeds.Count);
        Assert.Equal(renders, page.RenderCount);
    }

    [Fact]
    public void ChangeRate_TypedWrong_SaysWhyUnderTheFieldAndRefusesApply()
    {
        _control = new FakeRunControl(_runs, [new FieldError("rate", "expected a rate from 0 to 200000 requests per second")]);
        _runs.Put(RunFixtures.Details(null, RunFixtures.Snapshot(1)));
        var page = Render<LiveRun>(p => p.Add(c => c.RunId, RunFixtures.RunId));

        page.Find("#change-rate").Input("fast");
        Assert.Equal("rate: expected a number of requests per second, got 'fast'", page.Find("[data-errors-for=change]").TextContent.Trim());
        Assert.Empty(_control.Checks);

        page.Find("#change-rate").Input("-1");
        Assert.Equal("rate: expected a rate from 0 to 200000 requests per second", page.Find("[data-errors-for=change]").TextContent.Trim());
        Assert.Equal(-1, Assert.Single(_control.Checks).Rate);
        Assert.Equal("true", page.Find("#change-rate").GetAttribute("aria-invalid"));
        Assert.True(page.Find("form[data-control=change] button[type=submit]").HasAttribute("disabled"));
        Assert.Empty(_control.Changes);
    }

    [Fact]
    public void ChangeRate_TypedRightThenApplied_ChangesTheRunInPlace()
    {
        _runs.Put(RunFixtures.Details(null, RunFixtures.Snapshot(1)));
        var page = Render<LiveRun>(p => p.Add(c => c.RunId, RunFixtures.RunId));

        page.Find("#change-rate").Input("150");
        Assert.Empty(page.FindAll("[data-errors-for=change]"));
        page.Find("form[data-control=change]").Submit();

        Assert.Equal(150, Assert.Single(_control.Changes).Rate);
        Assert.Equal("Rate set to 150 requests/s.", page.Find("[data-control-message]").TextContent);
        Assert.Equal("", page.Find("#change-rate").GetAttribute("value"));
    }

    [Fact]
    public void ChangeUsers_ClosedModel_AsksForAWholeNumberOfUsers()
    {
        _runs.Put(RunFixtures.Details(null, RunFixtures.Snapshot(1, targetRate: null, targetUsers: 20)));
        var page = Render<LiveRun>(p => p.Add(c => c.RunId, RunFixtures.RunId));

        Assert.Empty(page.FindAll("#change-rate"));
        page.Find("#change-users").Input("2.5");
        Assert.Equal("users: expected a whole number of virtual users, got '2.5'", page.Find("[data-errors-for=change]").TextContent.Trim());
        page.Find("#change-users").Input("30");
        page.Find("form[data-control=change]").Submit();

        Assert.Equal(30, Assert.Single(_control.Changes).Users);
    }

    [Fact]
    public void Stop_Clicked_StopsTheRunOnce()
    {
        _runs.Put(RunFixtures.Details(null, RunFixtures.Snapshot(1)));
        var page = Render<LiveRun>(p => p.Add(c => c.RunId, RunFixtures.RunId));

        page.Find("[data-control=stop]").Click();

        Assert.Equal([RunFixtures.RunId], _control.Stopped);
        Assert.True(page.Find("[data-control=stop]").HasAttribute("disabled"));
        Assert.StartsWith("Stopping", page.Find("[data-control-message]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void WhatIf_Typed_IsAnsweredInPlaceAndKeptInTheAddress()
    {
        _runs.Put(RunFixtures.Details(null, RunFixtures.Snapshot(1)));
        var page = Render<LiveRun>(p => p.Add(c => c.RunId, RunFixtures.RunId));
        Assert.True(page.Find("[data-what-if-result]").HasAttribute("hidden"));

        page.Find("#what-if-rate").Input("300");

        Assert.Equal((RunFixtures.RunId, (string?)"300"), Assert.Single(_predictor.Asked));
        Assert.False(page.Find("[data-what-if-result]").HasAttribute("hidden"));
        Assert.Equal("45.0", page.Find("[data-figure=what-if-utilization]").TextContent);
        Assert.EndsWith("?whatIf=300", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);

        page.Find("#what-if-rate").Input("");
        Assert.True(page.Find("[data-what-if-result]").HasAttribute("hidden"));
        Assert.DoesNotContain("whatIf", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
    }
}
