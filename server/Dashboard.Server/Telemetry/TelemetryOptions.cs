using Dashboard.Server.Configuration;

namespace Dashboard.Server.Telemetry;

/// <summary>
/// What the dashboard exports (configuration section "Telemetry"). OTLP is switched on by
/// OpenTelemetry's own variables (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c> and the other <c>OTEL_*</c>),
/// not here; these switch the rest.
/// </summary>
internal sealed class TelemetryOptions
{
    public const string SectionName = "Telemetry";

    /// <summary>Collect and export metrics at all (the Prometheus scrape and OTLP). The meters
    /// themselves always exist: <c>dotnet-counters</c> reads them either way.</summary>
    public bool Metrics { get; set; } = true;

    /// <summary>Answer Prometheus scrapes at <see cref="PrometheusPath"/> (behind the token when the dashboard asks for one).</summary>
    public bool Prometheus { get; set; } = true;

    public string PrometheusPath { get; set; } = "/metrics";

    /// <summary>
    /// Distinct tag sets kept per run instrument (each run and scenario is one). Exporters keep a
    /// cumulative series per set for the process's life, so this bounds their memory; runs past it
    /// are counted in OpenTelemetry's overflow series (<c>otel.metric.overflow="true"</c>).
    /// </summary>
    public int MaxRunSeries { get; set; } = 500;

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        OptionRules.Range(errors, SectionName, nameof(MaxRunSeries), MaxRunSeries, 1, 100_000);
        if (string.IsNullOrWhiteSpace(PrometheusPath) || !PrometheusPath.StartsWith('/') || PrometheusPath.StartsWith("/api", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"{SectionName}:{nameof(PrometheusPath)} must be a path starting with / outside /api (it is \"{PrometheusPath}\")");
        }

        return errors;
    }
}
