using Dashboard.Client;
using Dashboard.Client.Charts;
using Dashboard.Contracts.Loop;
using Dashboard.Contracts.Runs;
using Dashboard.Contracts.Scenarios;
using Dashboard.Server.Configuration;
using Dashboard.Server.Loop;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Hosting.StaticWebAssets;
using Microsoft.Extensions.Options;

namespace Dashboard.Server.Ui;

/// <summary>
/// The dashboard's pages: Razor components of Dashboard.Client, prerendered on the server; the
/// pages that change while you look are interactive over Blazor's circuit (<c>/_blazor</c>), and
/// the client library's static files (css, js, npm libraries under _content/Dashboard.Client/).
/// </summary>
internal static class DashboardUi
{
    /// <summary>The dashboard's icon, from the client library's wwwroot.</summary>
    public const string FaviconPath = "_content/Dashboard.Client/favicon.svg";

    public static IServiceCollection AddDashboardUi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<DashboardUiOptions>(configuration, "DashboardUi", o => o.Validate());
        // The launch page's JSON view sends its text with each keystroke: the circuit takes that
        // much (SignalR's default of 32 KB would drop the circuit on a long scenario) and no more.
        // Blazor's hub type is internal, so its options are set here, from the same section the
        // validated options above are bound from.
        var ui = configuration.GetSection("DashboardUi").Get<DashboardUiOptions>() ?? new DashboardUiOptions();
        services.AddRazorComponents().AddInteractiveServerComponents()
            .AddHubOptions(hub => hub.MaximumReceiveMessageSize = ui.CircuitMessageBytes);
        // A closed tab's circuit is kept a while for a reconnect, then dropped: memory does not grow with tabs.
        services.AddOptions<CircuitOptions>().Configure<IOptions<DashboardUiOptions>>((circuits, ui) =>
        {
            circuits.DisconnectedCircuitMaxRetained = ui.Value.DisconnectedCircuitsKept;
            circuits.DisconnectedCircuitRetentionPeriod = ui.Value.DisconnectedCircuitRetention;
            circuits.MaxBufferedUnacknowledgedRenderBatches = ui.Value.UnacknowledgedRenderBatches;
            circuits.DetailedErrors = false;
        });
        services.AddAntiforgery();
        services.AddSingleton<ILoopStatusSource>(sp => sp.GetRequiredService<LoopTelemetry>());
        services.AddSingleton<IScenarioCatalog, ScenarioCatalogAdapter>();
        services.AddSingleton<IRunDirectory, RunDirectoryAdapter>();
        services.AddSingleton<IRunLauncher, RunLauncherAdapter>();
        services.AddSingleton<IRunControl, RunControlAdapter>();
        services.AddLiveFeeds();
        services.AddScoped<ChartInterop>();
        return services;
    }

    public static WebApplication MapDashboardUi(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            // Run from the build output (dotnet run, tests), the library's files are still in
            // client/Dashboard.Client/wwwroot: the build's runtime manifest says where. The host
            // reads it by itself only in Development; published, the manifest is absent and
            // this does nothing (the files are then in the app's own wwwroot/_content).
            StaticWebAssetsLoader.UseStaticWebAssets(app.Environment, app.Configuration);
        }

        app.UseAntiforgery();

        // Serves wwwroot of the host and of every referenced Razor class library, from the
        // endpoints manifest the build writes (Dashboard.Server.staticwebassets.endpoints.json).
        app.MapStaticAssets();

        // Pages name their icon; a report or an API answer opened in a tab does not, and the
        // browser then asks for /favicon.ico: send it to the same picture instead of a 404.
        app.MapGet("/favicon.ico", () => Results.Redirect("/" + FaviconPath, permanent: true)).ExcludeFromDescription();

        // No per-message deflate on the circuit's WebSocket: the dashboard is read over loopback or a
        // LAN, where compressing every render batch costs the host CPU (zlib both ways) and a
        // deflate window per tab, and saves nothing worth it (benchmarks/run.sh ui).
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o => o.DisableWebSocketCompression = true);
        return app;
    }
}
