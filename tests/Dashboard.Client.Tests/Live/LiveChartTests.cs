using Bunit;
using Dashboard.Testing;
using Dashboard.Client.Charts;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.JSInterop;

namespace Dashboard.Client.Tests.Live;

/// <summary>A live chart in a circuit whose browser is slow to make the chart.</summary>
public sealed class LiveChartTests : BunitContext
{
    private static readonly ChartSpec Spec = new("probe", "%", [new ChartLine("line", "#000")]);

    [Fact]
    public async Task NewWindowWhileTheChartIsBeingMade_MakesOneChart_ThenSendsTheNewPoints()
    {
        var browser = new SlowChartModule();
        Services.AddScoped(_ => new ChartInterop(browser));
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        var first = new ChartWindow([1, 2], [[10, 20]]);
        var second = new ChartWindow([1, 2, 3], [[10, 20, 30]]);

        var chart = Render<LiveChart>(p => p.Add(c => c.Spec, Spec).Add(c => c.Data, first).Add(c => c.Capacity, 100));
        chart.Render(p => p.Add(c => c.Spec, Spec).Add(c => c.Data, second).Add(c => c.Capacity, 100));
        browser.Created.SetResult(browser);

        // The chart does not render again for its points, so there is no render to wait on: poll.
        await Waits.Until(() => browser.Calls.Contains("update"), "the new points to be sent once the chart exists");
        Assert.Equal(1, browser.Calls.Count(c => c == "create"));
    }

    [Fact]
    public async Task PointsLostWithTheConnection_NextWindowIsSentWhole_SoTheChartCatchesUp()
    {
        var browser = new DroppingChartModule();
        Services.AddScoped(_ => new ChartInterop(browser));
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        var windows = Enumerable.Range(1, 4)
            .Select(n => new ChartWindow(Enumerable.Range(1, n).Select(i => (double)i).ToArray(), [Enumerable.Range(1, n).Select(i => (double?)i * 10).ToArray()]))
            .ToArray();

        var chart = Render<LiveChart>(p => p.Add(c => c.Spec, Spec).Add(c => c.Data, windows[0]).Add(c => c.Capacity, 100));
        await Waits.Until(() => browser.Created, "the chart to be made");
        browser.DropNext = true;
        chart.Render(p => p.Add(c => c.Spec, Spec).Add(c => c.Data, windows[1]).Add(c => c.Capacity, 100));
        await Waits.Until(() => browser.Updates.Count == 1, "the update that is lost");
        chart.Render(p => p.Add(c => c.Spec, Spec).Add(c => c.Data, windows[2]).Add(c => c.Capacity, 100));
        await Waits.Until(() => browser.Updates.Count == 2, "the update after the connection came back");
        chart.Render(p => p.Add(c => c.Spec, Spec).Add(c => c.Data, windows[3]).Add(c => c.Capacity, 100));
        await Waits.Until(() => browser.Updates.Count == 3, "the next update");

        // Lost: one new point. After it: the whole window (three points), then only what is new again.
        Assert.Equal([(false, 1), (true, 3), (false, 1)], browser.Updates.ToArray());
    }

    /// <summary>The browser side: its update calls recorded as (replace, points); the next one throws as a dropped connection does, when told to.</summary>
    private sealed class DroppingChartModule : IJSRuntime, IJSObjectReference
    {
        public volatile bool DropNext;

        public bool Created { get; private set; }

        public System.Collections.Concurrent.ConcurrentQueue<(bool Replace, int Points)> Updates { get; } = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) => InvokeAsync<TValue>(identifier, CancellationToken.None, args);

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args)
        {
            if (identifier == "update")
            {
                var update = System.Text.Json.JsonSerializer.SerializeToElement(args![0])[0];
                Updates.Enqueue((update.GetProperty("replace").GetBoolean(), update.GetProperty("columns")[0].GetArrayLength()));
                if (DropNext)
                {
                    DropNext = false;
                    throw new JSDisconnectedException("the circuit's connection dropped");
                }
            }

            Created |= identifier == "create";
            return ValueTask.FromResult(identifier is "import" or "create" ? (TValue)(object)this : default(TValue)!);
        }
    }

    /// <summary>The browser side: the module and its one chart; "create" answers when the test says so.</summary>
    private sealed class SlowChartModule : IJSRuntime, IJSObjectReference
    {
        public TaskCompletionSource<IJSObjectReference> Created { get; } = new();

        public System.Collections.Concurrent.ConcurrentQueue<string> Calls { get; } = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) => InvokeAsync<TValue>(identifier, CancellationToken.None, args);

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args)
        {
            Calls.Enqueue(identifier);
            return identifier switch
            {
                "import" => ValueTask.FromResult((TValue)(object)this),
                "create" => new ValueTask<TValue>(Created.Task.ContinueWith(t => (TValue)t.Result, TaskScheduler.Default)),
                _ => ValueTask.FromResult(default(TValue)!),
            };
        }
    }
}
