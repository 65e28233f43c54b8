using System.Net;
using System.Text.RegularExpressions;

namespace Dashboard.Client.Tests;

/// <summary>Small readers for rendered HTML: the text of a live figure, its unit, a table row.</summary>
internal static partial class Html
{
    public static string Figure(string html, string name)
    {
        var match = Regex.Match(html, $"data-figure=\"{Regex.Escape(name)}\">([^<]*)<");
        Assert.True(match.Success, $"no element with data-figure=\"{name}\"");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    public static string UnitOf(string html, string name)
    {
        var match = Regex.Match(html, $"data-figure=\"{Regex.Escape(name)}\">[^<]*</span><span class=\"unit\">([^<]*)<");
        Assert.True(match.Success, $"no unit after data-figure=\"{name}\"");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    /// <summary>The rows of the table body marked with the given data attribute, as HTML.</summary>
    public static IReadOnlyList<string> BodyRows(string html, string bodyAttribute)
    {
        var body = Regex.Match(html, $"<tbody {Regex.Escape(bodyAttribute)}>(.*?)</tbody>", RegexOptions.Singleline);
        Assert.True(body.Success, $"no <tbody {bodyAttribute}>");
        return RowPattern().Matches(body.Groups[1].Value).Select(m => m.Value).ToArray();
    }

    /// <summary>The values of the quantities (number + unit) in a fragment, e.g. "1.25 ms".</summary>
    public static IReadOnlyList<string> Quantities(string fragment) =>
        QuantityPattern().Matches(fragment)
            .Select(m => WebUtility.HtmlDecode(m.Groups[1].Value) + " " + WebUtility.HtmlDecode(m.Groups[2].Value))
            .ToArray();

    [GeneratedRegex("<tr[ >].*?</tr>", RegexOptions.Singleline)]
    private static partial Regex RowPattern();

    [GeneratedRegex("<span class=\"value\"[^>]*>([^<]*)</span><span class=\"unit\">([^<]*)</span>")]
    private static partial Regex QuantityPattern();
}
