using System.Globalization;
using System.Text;
using Dashboard.Contracts.Runs;
using Dashboard.Server.History;

namespace Dashboard.Server.Reports;

/// <summary>Owns file naming, so every format of a run is called the same apart from its extension.</summary>
internal abstract class RunExporterBase : IRunExporter
{
    private const int MaxScenarioChars = 48;

    public abstract string ApiFile { get; }

    public abstract string ContentType { get; }

    /// <summary>What follows the common stem, e.g. ".html" or ".trace.json".</summary>
    protected abstract string Extension { get; }

    public string FileName(RunRecord run) => Stem(run.Info) + Extension;

    public abstract void Export(RunRecord run, Stream output);

    /// <summary><c>run-{id}-{scenario}-{started yyyy-MM-ddTHHmm UTC}</c>, safe on every file system.</summary>
    public static string Stem(RunInfo info) =>
        $"run-{Slug(info.Id, 64)}-{Slug(info.Scenario, MaxScenarioChars)}-{info.StartedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HHmm", CultureInfo.InvariantCulture)}";

    /// <summary>ASCII letters (lower-cased), digits and single dashes only; anything else separates. "run" when nothing is left.</summary>
    public static string Slug(string text, int maxChars)
    {
        var slug = new StringBuilder(Math.Min(text.Length, maxChars));
        foreach (var c in text)
        {
            if (slug.Length >= maxChars)
            {
                break;
            }

            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(char.ToLowerInvariant(c));
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        var trimmed = slug.ToString().Trim('-');
        return trimmed.Length == 0 ? "run" : trimmed;
    }
}
