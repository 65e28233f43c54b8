using Dashboard.Client.Live;
using Dashboard.Contracts.Loop;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dashboard.Server.Tests.Ui;

/// <summary>The live pages as the host wires them: bounded circuits, feeds that follow their sources, Blazor's script served.</summary>
public sealed class LivePagesWiringTests
{
    [Fact]
    public async Task Circuits_Configured_AreBoundedByTheDashboardUiOptions()
    {
        await using var factory = new DashboardFactory()
            .With("DashboardUi:DisconnectedCircuitsKept", "7")
            .With("DashboardUi:DisconnectedCircuitRetention", "00:00:30")
            .With("DashboardUi:UnacknowledgedRenderBatches", "4");

        var circuits = factory.Services.GetRequiredService<IOptions<CircuitOptions>>().Value;

        Assert.Equal(7, circuits.DisconnectedCircuitMaxRetained);
        Assert.Equal(TimeSpan.FromSeconds(30), circuits.DisconnectedCircuitRetentionPeriod);
        Assert.Equal(4, circuits.MaxBufferedUnacknowledgedRenderBatches);
        Assert.False(circuits.DetailedErrors);
    }

    [Fact]
    public async Task Circuits_Defaults_KeepFewerDisconnectedCircuitsForLessTimeThanBlazor()
    {
        await using var factory = new DashboardFactory();

        var circuits = factory.Services.GetRequiredService<IOptions<CircuitOptions>>().Value;

        Assert.Equal(20, circuits.DisconnectedCircuitMaxRetained);
        Assert.Equal(TimeSpan.FromMinutes(1), circuits.DisconnectedCircuitRetentionPeriod);
    }

    [Fact]
    public async Task LoopFeed_WhileSomeoneWatches_IsToldOfEachNewIntervalOfTheLoop()
    {
        await using var factory = new DashboardFactory().With("EventLoop:FigureInterval", "00:00:00.100").With("DashboardUi:LiveRefresh", "00:00:00.100");
        var feed = factory.Services.GetRequiredService<ILiveFeed<LoopView>>();
        var sequences = new List<string>();
        using var subscription = feed.Subscribe(view =>
        {
            lock (sequences)
            {
                sequences.Add(view.Sequence);
            }

            return Task.CompletedTask;
        });

        await Waits.Until(() => { lock (sequences) { return sequences.Distinct().Count() >= 3; } }, "three loop intervals on the feed");

        lock (sequences)
        {
            Assert.All(sequences, s => Assert.Matches("^#\\d+$", s));
            Assert.Equal(sequences.Count, sequences.Distinct().Count());
        }
    }

    [Fact]
    public async Task BlazorScript_AndTheChartModule_AreServed()
    {
        await using var factory = new DashboardFactory();
        using var client = factory.CreateClient();

        var page = await client.GetStringAsync("/loop");
        var script = System.Text.RegularExpressions.Regex.Match(page, "<script src=\"(_framework/blazor\\.web[^\"]*\\.js)\"").Groups[1].Value;

        Assert.NotEmpty(script);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/" + script)).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/_content/Dashboard.Client/js/charts.js")).StatusCode);
        Assert.Contains("id=\"components-reconnect-modal\"", page);
    }
}
