namespace Dashboard.Server.Reports.Html;

/// <summary>A vertical mark on a curve's x axis (the knee, the best case), labelled in the drawing.</summary>
internal sealed record ChartMarker(string Label, double X, string Color);

internal static partial class SvgCharts
{
    // The log axis never reaches below 1 µs (values under it sit on the floor) nor spans more than six decades.
    private const int LowestDecade = -3;
    private const int MostDecades = 6;

    /// <summary>
    /// Lines over something other than time (a sweep's offered rate) on a logarithmic y axis: a sweep's
    /// waiting spans microseconds at the best case to seconds at saturation, and both ends must be read.
    /// Each point is drawn as a dot, since a sweep has few; vertical markers carry their labels stacked
    /// at the top so two close ones stay legible.
    /// </summary>
    public static void LogCurve(HtmlText html, string id, string title, string unit, string xUnit, IReadOnlyList<ChartLine> lines, IReadOnlyList<ChartMarker> markers)
    {
        Open(html, id, title, $"x: {xUnit}; y: {unit}, log scale");
        var points = lines.SelectMany(l => l.Points).Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)).ToArray();
        if (!points.Any(p => p.Y > 0))
        {
            html.Line("<p class=\"empty\">No step to draw.</p></figure>");
            return;
        }

        var xMax = NiceCeiling(Math.Max(points.Max(p => p.X), markers.Select(m => m.X).DefaultIfEmpty(0).Max()));
        var high = (int)Math.Ceiling(Math.Log10(points.Max(p => p.Y)));
        var low = Math.Max(Math.Max(LowestDecade, high - MostDecades), (int)Math.Floor(Math.Log10(points.Where(p => p.Y > 0).Min(p => p.Y))));
        high = Math.Max(high, low + 1);
        html.Raw(SvgOpen(title));
        LogYAxis(html, low, high);
        RateAxis(html, xMax);
        for (var i = 0; i < markers.Count; i++)
        {
            var marker = markers[i];
            var x = X(marker.X, xMax);
            var nearRight = x > Width - 120;
            html.Raw("<line class=\"marker\" stroke-dasharray=\"3 3\" stroke=\"").Text(marker.Color).Raw("\" x1=\"").Raw(Coordinate(x)).Raw("\" x2=\"").Raw(Coordinate(x))
                .Raw("\" y1=\"").Raw(Coordinate(Top)).Raw("\" y2=\"").Raw(Coordinate(Top + PlotHeight)).Raw("\"/>")
                .Raw("<text class=\"tick\" text-anchor=\"").Raw(nearRight ? "end" : "start").Raw("\" x=\"").Raw(Coordinate(nearRight ? x - 3 : x + 3))
                .Raw("\" y=\"").Raw(Coordinate(Top + 10 + (12 * i))).Raw("\" fill=\"").Text(marker.Color).Raw("\">").Text(marker.Label).Raw("</text>\n");
        }

        foreach (var line in lines.Where(l => l.Points.Count > 0))
        {
            var drawn = line.Points.Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)).ToArray();
            html.Raw("<polyline fill=\"none\" stroke-width=\"1.6\" stroke=\"").Text(line.Color).Raw("\"");
            if (line.Dashed)
            {
                html.Raw(" stroke-dasharray=\"6 3\"");
            }

            html.Raw(" points=\"");
            foreach (var (x, y) in drawn)
            {
                html.Raw(Coordinate(X(x, xMax))).Raw(",").Raw(Coordinate(LogY(y, low, high))).Raw(" ");
            }

            html.Line("\"/>");
            foreach (var (x, y) in drawn)
            {
                html.Raw("<circle r=\"2.5\" fill=\"").Text(line.Color).Raw("\" cx=\"").Raw(Coordinate(X(x, xMax))).Raw("\" cy=\"").Raw(Coordinate(LogY(y, low, high))).Raw("\"><title>")
                    .Text($"{line.Label}: {ReportFormat.Readable(y)} {unit} at {ReportFormat.Readable(x)} {xUnit}").Raw("</title></circle>");
            }

            html.Line("");
        }

        html.Line("</svg>");
        Legend(html, lines.Select(l => (l.Label, l.Color, l.Dashed)).Concat(markers.Select(m => (m.Label, m.Color, true))));
        html.Line("</figure>");
    }

    /// <summary>The x axis of rates: plain numbers (the unit is in the title), the last one kept inside the drawing.</summary>
    private static void RateAxis(HtmlText html, double xMax)
    {
        var divisions = Divisions(xMax);
        for (var i = 0; i <= divisions; i++)
        {
            var value = xMax * i / divisions;
            html.Raw("<text class=\"tick\" text-anchor=\"").Raw(i == divisions ? "end" : "middle").Raw("\" x=\"").Raw(Coordinate(X(value, xMax) + (i == divisions ? Right : 0)))
                .Raw("\" y=\"").Raw(Coordinate(Height - 10)).Raw("\">").Text(ReportFormat.Readable(value)).Raw("</text>\n");
        }
    }

    private static void LogYAxis(HtmlText html, int low, int high)
    {
        for (var decade = low; decade <= high; decade++)
        {
            var value = Math.Pow(10, decade);
            var y = Coordinate(LogY(value, low, high));
            html.Raw("<line class=\"grid\" x1=\"").Raw(Coordinate(Left)).Raw("\" x2=\"").Raw(Coordinate(Width - Right))
                .Raw("\" y1=\"").Raw(y).Raw("\" y2=\"").Raw(y).Raw("\"/>")
                .Raw("<text class=\"tick\" text-anchor=\"end\" x=\"").Raw(Coordinate(Left - 4)).Raw("\" y=\"").Raw(y).Raw("\" dy=\"4\">")
                .Text(ReportFormat.Readable(value)).Raw("</text>\n");
        }
    }

    /// <summary>Height of a value on a log axis from 10^low to 10^high; zero and anything below sits on the floor.</summary>
    private static double LogY(double value, int low, int high)
    {
        var position = value > 0 ? (Math.Log10(value) - low) / (high - low) : 0;
        return Top + PlotHeight - (PlotHeight * Math.Clamp(position, 0, 1));
    }
}
