using Dashboard.Contracts.Runs;
using Dashboard.EventLoop;
using Dashboard.Load;
using Dashboard.LoopServer;
using Dashboard.LoopServer.Workloads;
using Dashboard.LoopServer.Workloads.Processes;
using Dashboard.Server.Analysis;
using Dashboard.Server.Api;
using Dashboard.Server.Configuration;
using Dashboard.Server.Distributed;
using Dashboard.Server.Health;
using Dashboard.Server.History;
using Dashboard.Server.Live;
using Dashboard.Server.Loop;
using Dashboard.Server.Reports.Compare;
using Dashboard.Server.Runs;
using Dashboard.Server.Security;
using Dashboard.Server.Storage;
using Dashboard.Server.Telemetry;
using Dashboard.Server.Ui;

namespace Dashboard.Server;

/// <summary>The host's wiring in one place: services, options with validation, endpoints.</summary>
internal static class DashboardApplication
{
    public const string DefaultUrl = "http://127.0.0.1:5000";

    /// <summary>The web dashboard: <c>dotnet run --project server/Dashboard.Server [-- --urls URL] [--verbose]</c>.</summary>
    public static async Task<int> RunAsync(string[] args, bool verbose = false)
    {
        var app = Build(args, verbose ? builder => ConsoleLogging.MakeVerbose(builder.Configuration) : null);
        await app.RunAsync();
        return 0;
    }

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // The content root is the program's folder, not the current directory: appsettings.json
        // is copied there, and the current directory is the user's (UserPaths).
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        AddCoreServices(builder.Services, builder.Configuration);
        AddWebServices(builder.Services, builder.Configuration);
        configure?.Invoke(builder);
        var app = builder.Build();
        MapEndpoints(app);
        return app;
    }

    /// <summary>The loop, the loop server, telemetry and runs: everything a headless run needs too.</summary>
    public static void AddCoreServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<EventLoopOptions>(configuration, "EventLoop", o => o.Validate());
        services.AddValidatedOptions<LoopTelemetryOptions>(configuration, "LoopTelemetry", o => o.Validate());
        services.AddSingleton<EventLoopHost>();
        services.AddHostedService(sp => sp.GetRequiredService<EventLoopHost>());
        services.AddValidatedOptions<LoopServerOptions>(configuration, LoopServerOptions.SectionName, o => o.Validate());
        services.AddValidatedOptions<WorkloadCatalogOptions>(configuration, "Workloads", ThrowingValidator<WorkloadCatalogOptions>(o => o.Validate()));
        // Before the loop server: started (warmed up) before it serves, stopped after it has drained.
        services.AddValidatedOptions<ProcessPoolOptions>(configuration, ProcessPoolOptions.SectionName, ThrowingValidator<ProcessPoolOptions>(o => o.Validate()));
        services.AddSingleton<ProcessPoolHost>();
        services.AddHostedService(sp => sp.GetRequiredService<ProcessPoolHost>());
        services.AddSingleton<LoopServerHost>();
        services.AddHostedService(sp => sp.GetRequiredService<LoopServerHost>());
        services.AddSingleton<LoopSpread>();
        services.AddValidatedOptions<RunOptions>(configuration, "Runs", o => o.Validate());
        services.AddValidatedOptions<ScenarioCatalogOptions>(configuration, "Scenarios", o => o.Validate());
        services.AddValidatedOptions<LoadEngineOptions>(configuration, "LoadEngine", ThrowingValidator<LoadEngineOptions>(o => o.Validate()));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<RunManager>();
        services.AddSingleton<IRunEvents>(sp => sp.GetRequiredService<RunManager>());
        services.AddSingleton<ScenarioCatalog>();
        services.AddSingleton<LoopTelemetry>();
        services.AddHostedService(sp => sp.GetRequiredService<LoopTelemetry>());
        AddHistoryServices(services, configuration);
        services.AddDashboardTelemetry(configuration);
        // Headless runs may run on agents too.
        services.AddAgentCoordination(configuration);

        // Last registered, first stopped: runs are interrupted and the loop server drained while
        // the recorder, telemetry and loops still run. The host waits for the grace period and then some.
        services.AddHostedService<GracefulShutdown>();
        services.AddOptions<HostOptions>().Configure<Microsoft.Extensions.Options.IOptions<LoopServerOptions>>((host, loopServer) =>
            host.ShutdownTimeout = loopServer.Value.ShutdownGracePeriod + TimeSpan.FromSeconds(25));
    }

    /// <summary>The run store, its recorder, history over live and stored runs, comparisons.</summary>
    private static void AddHistoryServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<StorageOptions>(configuration, StorageOptions.SectionName, o => o.Validate());
        services.AddSingleton(RunEnvironment.Current);
        services.AddSingleton<RunStore>();
        services.AddSingleton<ILiveRunHeaders, LiveRunHeaders>();
        services.AddSingleton<ILiveRunStories, LiveRunStories>();
        services.AddSingleton<RunRecorder>();
        services.AddHostedService(sp => sp.GetRequiredService<RunRecorder>());
        services.AddSingleton<RunHistory>();
        services.AddSingleton<RunTaskStories>();
        services.AddSingleton<IWhatIfPredictor, WhatIfPredictor>();
        services.AddSingleton<RunComparer>();
        services.AddSingleton<IRunComparisonSource>(sp => sp.GetRequiredService<RunComparer>());
    }

    /// <summary>Who may drive it, the live hub and the pages.</summary>
    private static void AddWebServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddDashboardSecurity(configuration, DefaultUrl);
        services.AddValidatedOptions<LiveOptions>(configuration, "Live", o => o.Validate());
        services.AddSignalR(o => o.EnableDetailedErrors = false);
        services.AddSingleton<RunSubscriptions>();
        services.AddHostedService(sp => sp.GetRequiredService<RunSubscriptions>());
        services.AddDashboardUi(configuration);
        services.AddDashboardScrape(configuration);
        services.AddDashboardHealth(configuration);
    }

    /// <summary>Adapts an options class whose Validate throws to the list-of-errors shape.</summary>
    private static Func<T, IReadOnlyList<string>> ThrowingValidator<T>(Action<T> validate) => options =>
    {
        try
        {
            validate(options);
            return [];
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            return [ex.Message];
        }
    };

    private static void MapEndpoints(WebApplication app)
    {
        app.UseDashboardSecurity();
        app.MapLogin();
        app.MapHealthEndpoints();
        app.MapDashboardTelemetry();
        app.MapLoopEndpoints();
        app.MapWorkloadEndpoints();
        app.MapRunEndpoints();
        app.MapPredictionEndpoints();
        app.MapReportEndpoints();
        app.MapAgentEndpoints();
        app.MapHub<RunsHub>(RunsHub.Path);
        app.MapDashboardUi();
    }
}
