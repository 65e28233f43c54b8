using Dashboard.Client;
using Dashboard.Client.Charts;
using Dashboard.Client.Live;
using Dashboard.Contracts.Agents;
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
/// Renders a component to HTML as the host prerenders it, with the services the pages inject:
/// the framework's own HtmlRenderer, or for a page with a render mode (which HtmlRenderer refuses)
/// a real host that prerenders it.
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
        if (typeof(TComponent).IsDefined(typeof(RenderModeAttribute), inherit: true))
        {
            // HtmlRenderer refuses a component with a render mode: the page is asked of a host.
            return await RenderPrerendered(path, source, options, parameters, services);
        }

        var collection = new ServiceCollection();
        collection.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        collection.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        collection.AddSingleton<NavigationManager>(new FixedNavigationManager("http://dashboard.test/", "http://dashboard.test/" + path));
        collection.AddSingleton<AntiforgeryStateProvider, FakeAntiforgery>();
        AddPageServices(collection, source, options);
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

    /// <summary>The services the pages inject, with fakes behind the contract interfaces.</summary>
    public static void AddPageServices(IServiceCollection collection, ILoopStatusSource? source, DashboardUiOptions? options)
    {
        collection.AddSingleton(source ?? new FakeLoopStatusSource(LoopFixtures.Status()));
        collection.AddSingleton(Options.Create(options ?? new DashboardUiOptions()));
        collection.AddSingleton<IScenarioCatalog>(new FakeScenarioCatalog());
        collection.AddSingleton<IRunDirectory>(new FakeRunDirectory());
        collection.AddSingleton<IRunLauncher>(new FakeRunLauncher());
        collection.AddSingleton<IWhatIfPredictor>(new FakeWhatIfPredictor());
        collection.AddSingleton<IRunControl>(sp => new FakeRunControl(sp.GetRequiredService<IRunDirectory>()));
        collection.AddSingleton<IAgentDirectory>(new FakeAgentDirectory(new AgentsStatus { Configured = false, Connected = false, Agents = [] }));
        // [SupplyParameterFromQuery] reads the query of the NavigationManager's address.
        collection.AddSupplyValueFromQueryProvider();
        collection.AddLiveFeeds(TimeProvider.System);
    }

    /// <summary>The page as the host serves it: prerendered by a real SSR host on a free port (its parameters are the route values in <paramref name="path"/>).</summary>
    private static async Task<string> RenderPrerendered(string path, ILoopStatusSource? source, DashboardUiOptions? options, IDictionary<string, object?>? parameters, Action<IServiceCollection>? services)
    {
        await using var host = await SsrHost.StartAsync(collection =>
        {
            AddPageServices(collection, source, options);
            services?.Invoke(collection);
        });
        // A page that says "not found" answers 404 with its message: the body is what is rendered.
        using var response = await host.Client.GetAsync(path);
        return await response.Content.ReadAsStringAsync();
    }

    private sealed class FixedNavigationManager : NavigationManager
    {
        public FixedNavigationManager(string baseUri, string uri) => Initialize(baseUri, uri);
    }
}

/// <summary>An agent directory that answers what the test gave it.</summary>
internal sealed class FakeAgentDirectory(AgentsStatus status) : IAgentDirectory
{
    public AgentsStatus Status() => status;
}

/// <summary>A loop status source that answers what the test gave it.</summary>
internal sealed class FakeLoopStatusSource(LoopStatus status, IReadOnlyList<LoopInterval>? intervals = null) : ILoopStatusSource
{
    public LoopStatus Status() => status;

    public IReadOnlyList<LoopInterval> RecentIntervals() => intervals ?? (status.Latest is null ? [] : [status.Latest]);
}

internal static class LiveFeedRegistration
{
    /// <summary>The pages' live feeds over whatever loop source and run directory the collection holds, as the host wires them.</summary>
    public static IServiceCollection AddLiveFeeds(this IServiceCollection services, TimeProvider time)
    {
        services.AddSingleton<ILiveFeed<LoopView>>(sp => LoopView.Feed(sp.GetRequiredService<ILoopStatusSource>(), sp.GetRequiredService<IOptions<DashboardUiOptions>>().Value, time));
        services.AddSingleton<ILiveFeed<RunsView>>(sp => RunsView.Feed(sp.GetRequiredService<IRunDirectory>(), sp.GetRequiredService<IOptions<DashboardUiOptions>>().Value, time));
        services.AddSingleton<ILiveFeed<AgentsView>>(sp => AgentsView.Feed(sp.GetRequiredService<IAgentDirectory>(), sp.GetRequiredService<IOptions<DashboardUiOptions>>().Value, time));
        services.AddSingleton<IRunFeeds>(sp => new RunFeeds(runId => RunView.Feed(sp.GetRequiredService<IRunDirectory>(), runId, sp.GetRequiredService<IOptions<DashboardUiOptions>>().Value, time)));
        services.AddScoped<ChartInterop>();
        return services;
    }
}
