using Dashboard.Server.Configuration;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Dashboard.Server.Telemetry;

/// <summary>
/// OpenTelemetry's wiring: the dashboard's meters, the host's own (ASP.NET Core, Kestrel, the
/// runtime), OTLP export when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (or a signal's own endpoint) is
/// set, and the Prometheus scrape endpoint for the web host.
/// </summary>
internal static class TelemetryServices
{
    public const string ServiceName = "loop-dashboard";

    private static readonly string[] OtlpEndpointKeys =
        ["OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_LOGS_ENDPOINT"];

    /// <summary>The meters, and OTLP export when configured: for the web host and headless runs alike.</summary>
    public static void AddDashboardTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<TelemetryOptions>(configuration, TelemetryOptions.SectionName, o => o.Validate());
        services.AddSingleton<LoopMeter>();
        services.AddHostedService(sp => sp.GetRequiredService<LoopMeter>());
        services.AddSingleton<RunMeter>();
        services.AddHostedService(sp => sp.GetRequiredService<RunMeter>());
        services.AddSingleton<RunTracer>();
        services.AddHostedService(sp => sp.GetRequiredService<RunTracer>());
        if (!OtlpConfigured(configuration))
        {
            return;
        }

        // OTLP carries traces (runs and their sampled tasks, the host's requests) and logs, and the
        // metrics unless Telemetry:Metrics turns them off.
        var settings = Read(configuration);
        var builder = settings.Metrics ? AddMetrics(services, configuration, settings) : services.AddOpenTelemetry().ConfigureResource(resource => resource.AddService(ServiceNameOf(configuration)));
        builder.WithTracing(tracing => tracing.AddSource(RunTracer.SourceName).AddAspNetCoreInstrumentation()).UseOtlpExporter();
    }

    /// <summary>The web host's part: the scrape endpoint's exporter and ASP.NET Core's instruments.</summary>
    public static void AddDashboardScrape(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = Read(configuration);
        if (!settings.Metrics || !settings.Prometheus)
        {
            return;
        }

        services.AddSingleton<ScrapeRegistered>();
        AddMetrics(services, configuration, settings).WithMetrics(metrics => metrics.AddPrometheusExporter(o => o.ScrapeEndpointPath = settings.PrometheusPath));
    }

    public static void MapDashboardTelemetry(this WebApplication app)
    {
        // The exporter is registered from the configuration read while services were added; the
        // options (bound later, with every source) may still turn the endpoint off.
        var settings = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<TelemetryOptions>>().Value;
        if (app.Services.GetService<ScrapeRegistered>() is not null && settings is { Metrics: true, Prometheus: true })
        {
            app.MapPrometheusScrapingEndpoint(settings.PrometheusPath);
        }
    }

    /// <summary>True when OpenTelemetry's standard variables name an OTLP endpoint.</summary>
    public static bool OtlpConfigured(IConfiguration configuration) =>
        OtlpEndpointKeys.Any(key => !string.IsNullOrWhiteSpace(configuration[key]));

    /// <summary>The provider with the dashboard's meters and the host's; calling it twice adds nothing twice.</summary>
    private static IOpenTelemetryBuilder AddMetrics(IServiceCollection services, IConfiguration configuration, TelemetryOptions settings)
    {
        var builder = services.AddOpenTelemetry();
        if (services.Any(s => s.ServiceType == typeof(MetricsRegistered)))
        {
            return builder;
        }

        services.AddSingleton<MetricsRegistered>();
        return builder
            .ConfigureResource(resource => resource.AddService(ServiceNameOf(configuration)))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(MetricNames.LoopMeter, MetricNames.RunsMeter, MetricNames.LoopServerMeter)
                    .AddAspNetCoreInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddView("loopdash.run.*", new MetricStreamConfiguration { CardinalityLimit = settings.MaxRunSeries });
            });
    }

    /// <summary>OTEL_SERVICE_NAME when set (a service name given here would override it), else loop-dashboard.</summary>
    private static string ServiceNameOf(IConfiguration configuration) =>
        configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } name ? name : ServiceName;

    /// <summary>The section as configured now (the switches decide what is registered, before options exist).</summary>
    private static TelemetryOptions Read(IConfiguration configuration)
    {
        var settings = new TelemetryOptions();
        configuration.GetSection(TelemetryOptions.SectionName).Bind(settings);
        return settings;
    }

    private sealed class MetricsRegistered;

    private sealed class ScrapeRegistered;
}
