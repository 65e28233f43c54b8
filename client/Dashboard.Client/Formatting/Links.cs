using System.Globalization;

namespace Dashboard.Client.Formatting;

/// <summary>
/// The pages' addresses, relative to the document's base (&lt;base href="/"&gt;), with ids escaped.
/// </summary>
internal static class Links
{
    public static string Run(string runId) => "runs/" + Uri.EscapeDataString(runId);

    public static string Task(string runId, long taskId) =>
        Run(runId) + "/tasks/" + taskId.ToString(CultureInfo.InvariantCulture);

    public static string Series(string seriesId) => "series/" + Uri.EscapeDataString(seriesId);

    public static string SeriesReport(string seriesId) => "api/series/" + Uri.EscapeDataString(seriesId) + "/report.html";

    public static string RunApi(string runId) => "api/runs/" + Uri.EscapeDataString(runId);

    /// <summary>A run's downloadable report: report.html, report.json, report.csv.zip, trace.json or latency.hlog.</summary>
    public static string Report(string runId, string file) => RunApi(runId) + "/" + file + (file == "report.html" ? "?download=1" : "");

    public static string ChooseScenario(string name) => "?scenario=" + Uri.EscapeDataString(name);
}
