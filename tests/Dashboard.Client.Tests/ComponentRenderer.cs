using Dashboard.Client;
using Dashboard.Contracts.Loop;
using Microsoft.AspNetCore.Components;
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
        string path = "loop")
        where TComponent : IComponent
    {
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton(source ?? new FakeLoopStatusSource(LoopFixtures.Status()));
        services.AddSingleton(Options.Create(options ?? new DashboardUiOptions()));
        services.AddSingleton<NavigationManager>(new FixedNavigationManager("http://dashboard.test/", "http://dashboard.test/" + path));

        await using var provider = services.BuildServiceProvider();
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
