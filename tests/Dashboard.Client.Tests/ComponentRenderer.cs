using Dashboard.Client;
using Dashboard.Contracts.Loop;
using Dashboard.Contracts.Runs;
using Dashboard.Contracts.Scenarios;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dashboard.Client.Tests;

/// <summary>
/// Renders a component to HTML with the framework's own HtmlRenderer (bUnit does not restore
/// here), with the services the pages inject.
/// </summary>
internal static class ComponentRenderer
{
    public static async Task<string> RenderAsync<TComponent>(
        ILoopStatusSource? source = null,
        DashboardUiOptions? options = null,
        IDictionary<string, object?>? parameters = null,
        string path = "loop",
        Action<IServiceCollection>? services = null)
        where TComponent : IComponent
    {
        var collection = new ServiceCollection();
        collection.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        collection.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        collection.AddSingleton(source ?? new FakeLoopStatusSource(LoopFixtures.Status()));
        collection.AddSingleton(Options.Create(options ?? new DashboardUiOptions()));
        collection.AddSingleton<NavigationManager>(new FixedNavigationManager("http://dashboard.test/", "http://dashboard.test/" + path));
        collection.AddSingleton<IScenarioCatalog>(new FakeScenarioCatalog());
        collection.AddSingleton<IRunDirectory>(new FakeRunDirectory());
        collection.AddSingleton<IRunLauncher>(new FakeRunLauncher());
        collection.AddSingleton<IWhatIfPredictor>(new FakeWhatIfPredictor());
        collection.AddSingleton<IRunControl>(sp => new FakeRunControl(sp.GetRequiredService<IRunDirectory>()));
        collection.AddSingleton<AntiforgeryStateProvider, FakeAntiforgery>();
        // [SupplyParameterFromQuery] reads the query of the NavigationManager's address.
        collection.AddSupplyValueFromQueryProvider();
        services?.Invoke(collection);

        await using var provider = collection.BuildServiceProvider();
        await using var renderer = new HtmlRenderer(provider, provider.GetRequiredService<ILoggerFactory>());
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var view = parameters is null ? ParameterView.Empty : ParameterView.FromDictionary(parameters);
            var output = await renderer.RenderComponentAsync<TComponent>(view);
            return output.ToHtmlString();
        });
    }

    private sealed class FixedNavigationManager : NavigationManager
    {
        public FixedNavigationManager(string baseUri, string uri) => Initialize(baseUri, uri);
    }
}

/// <summary>A loop status source that answers what the test gave it.</summary>
internal sealed class FakeLoopStatusSource(LoopStatus status, IReadOnlyList<LoopInterval>? intervals = null) : ILoopStatusSource
{
    public LoopStatus Status() => status;

    public IReadOnlyList<LoopInterval> RecentIntervals() => intervals ?? (status.Latest is null ? [] : [status.Latest]);
}
