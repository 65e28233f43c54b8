using System.Diagnostics;
using System.Diagnostics.Metrics;
using Dashboard.LoopServer.Http;

namespace Dashboard.LoopServer.Serving;

/// <summary>
/// The loop server's own requests as OpenTelemetry's HTTP server convention names them
/// (<c>http.server.request.duration</c>, seconds, with method, status code and route), on the
/// meter <see cref="MeterName"/>, plus the loop task kind that served each one. Recorded on the loop
/// thread: an instrument nobody listens to costs one branch, a listened one an in-memory update.
/// </summary>
internal static class LoopServerMetrics
{
    public const string MeterName = "Loopdash.LoopServer";
    public const string RequestDuration = "http.server.request.duration";
    public const string KindTag = "loopdash.task.kind";

    // OpenTelemetry's advised boundaries for http.server.request.duration, with sub-millisecond
    // ones in front: a loop's hello answers in tens of microseconds.
    private static readonly double[] Boundaries = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

    private static readonly Meter Meter = new(MeterName);

    private static readonly Histogram<double> Duration = Meter.CreateHistogram(
        RequestDuration, "s", "Duration of the loop server's HTTP requests, from parsed to answered.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = Boundaries });

    // Tag values boxed once, not per request: status codes (0-599) and the two protocol versions.
    private static readonly object?[] BoxedStatus = new object?[600];
    private static readonly object Http10 = "1.0";
    private static readonly object Http11 = "1.1";

    public static bool Enabled => Duration.Enabled;

    public static void Record(HttpRequest request, string kind, int status, long startTimestamp)
    {
        var tags = new TagList
        {
            { "http.request.method", MethodOf(request.Method) },
            { "http.response.status_code", StatusOf(status) },
            { "url.scheme", "http" },
            { "network.protocol.version", request.Version == HttpProtocolVersion.Http10 ? Http10 : Http11 },
            { KindTag, kind },
        };
        if (RouteOf(request.Path) is { } route)
        {
            tags.Add("http.route", route);
        }

        Duration.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds, tags);
    }

    private static object StatusOf(int status) =>
        (uint)status < (uint)BoxedStatus.Length ? BoxedStatus[status] ??= status : status;

    /// <summary>The route template (low cardinality, as the convention asks); null when no route matched.</summary>
    internal static string? RouteOf(string path) => path switch
    {
        "/" or "/health" or "/w" => path,
        _ when path.StartsWith("/w/", StringComparison.Ordinal) => "/w/{name}",
        _ when path.StartsWith("/sync/w/", StringComparison.Ordinal) => "/sync/w/{name}",
        _ when path.StartsWith("/private-loop/w/", StringComparison.Ordinal) => "/private-loop/w/{name}",
        _ => null,
    };

    /// <summary>A known method as sent, anything else as "_OTHER" (a hostile client must not mint series).</summary>
    internal static string MethodOf(string method) => method switch
    {
        "GET" or "HEAD" or "POST" or "PUT" or "DELETE" or "CONNECT" or "OPTIONS" or "TRACE" or "PATCH" => method,
        _ => "_OTHER",
    };
}
