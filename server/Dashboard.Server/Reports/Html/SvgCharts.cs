using System.Globalization;
using Dashboard.Server.History;

namespace Dashboard.Server.Reports.Html;

/// <summary>A line of a chart: its points (x in seconds), how it is drawn and named.</summary>
internal sealed record ChartLine(string Label, string Color, IReadOnlyList<(double X, double Y)> Points, bool Dashed = false);

/// <summary>
/// Charts as inline SVG, so a report draws without scripts or network. Fixed size and plain
/// axes: a few lines, stacked shares, bars. Legends are HTML beside the drawing (text escaped there).
/// </summary>
internal static partial class SvgCharts
{
    private const int Width = 560;
    private const int Height = 200;
    private const int Left = 56;
    private const int Right = 12;
    private const int Top = 10;
    private const int Bottom = 28;
    private const int PlotWidth = Width - Left - Right;
    private const int PlotHeight = Height - Top - Bottom;

    public static readonly string AwakeColor = "#e8833a";
    public static readonly string WaitingColor = "#d64545";
    public static readonly string AsleepColor = "#4a90d9";

    /// <param name="warmUpSeconds">The run's warm-up: its stretch of the chart is veiled and labelled (0: none).</param>
    public static void Lines(HtmlText html, string id, string title, string unit, IReadOnlyList<ChartLine> lines, double warmUpSeconds = 0)
    {
        Open(html, id, title, unit);
        var points = lines.SelectMany(l => l.Points).Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)).ToArray();
        if (points.Length == 0)
        {
            Empty(html);
            return;
        }

        var xMax = NiceCeiling(points.Max(p => p.X));
        var yMax = NiceCeiling(points.Max(p => p.Y));
        html.Raw(SvgOpen(title));
        YAxis(html, yMax, unit);
        XAxis(html, xMax);
        foreach (var line in lines.Where(l => l.Points.Count > 0))
        {
            html.Raw("<polyline fill=\"none\" stroke-width=\"1.6\" stroke=\"").Text(line.Color).Raw("\"");
            if (line.Dashed)
            {
                html.Raw(" stroke-dasharray=\"6 3\"");
            }

            html.Raw(" points=\"");
            foreach (var (x, y) in line.Points.Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)))
            {
                html.Raw(Coordinate(X(x, xMax))).Raw(",").Raw(Coordinate(Y(y, yMax))).Raw(" ");
            }

            html.Line("\"/>");
        }

        WarmUpVeil(html, warmUpSeconds, xMax);
        html.Line("</svg>");
        Legend(html, lines.Select(l => (l.Label, l.Color, l.Dashed)));
        html.Line("</figure>");
    }

    /// <summary>Awake, waiting and asleep as stacked shares (0–100 %) of the time of the tasks completed per interval.</summary>
    public static void Shares(HtmlText html, string id, string title, IReadOnlyList<StateShares> shares, double warmUpSeconds = 0)
    {
        Open(html, id, title, "% of task time");
        if (shares.Count == 0)
        {
            Empty(html);
            return;
        }

        var xMax = NiceCeiling(shares.Max(s => s.ElapsedSeconds));
        html.Raw(SvgOpen(title));
        YAxis(html, 100, "%");
        XAxis(html, xMax);
        var layers = new (Func<StateShares, double> Below, Func<StateShares, double> Top, string Color)[]
        {
            (_ => 0, s => s.Awake, AwakeColor),
            (s => s.Awake, s => s.Awake + s.Waiting, WaitingColor),
            (s => s.Awake + s.Waiting, _ => 1, AsleepColor),
        };
        foreach (var (below, top, color) in layers)
        {
            html.Raw("<polygon fill-opacity=\"0.85\" fill=\"").Raw(color).Raw("\" points=\"");
            foreach (var share in shares)
            {
                html.Raw(Coordinate(X(share.ElapsedSeconds, xMax))).Raw(",").Raw(Coordinate(Y(100 * top(share), 100))).Raw(" ");
            }

            foreach (var share in shares.Reverse())
            {
                html.Raw(Coordinate(X(share.ElapsedSeconds, xMax))).Raw(",").Raw(Coordinate(Y(100 * below(share), 100))).Raw(" ");
            }

            html.Line("\"/>");
        }

        WarmUpVeil(html, warmUpSeconds, xMax);
        html.Line("</svg>");
        Legend(html, [("awake", AwakeColor, false), ("waiting", WaitingColor, false), ("asleep", AsleepColor, false)]);
        html.Line("</figure>");
    }

    /// <summary>A distribution as bars, one per bin, with the bin's upper bound under every few bars.</summary>
    public static void Bars(HtmlText html, string id, string title, IReadOnlyList<DistributionBin> bins, string color)
    {
        Open(html, id, title, "count per bin, ms");
        if (bins.Count == 0 || bins.All(b => b.Count == 0))
        {
            Empty(html);
            return;
        }

        var yMax = NiceCeiling(bins.Max(b => b.Count));
        html.Raw(SvgOpen(title));
        YAxis(html, yMax, "");
        var slot = (double)PlotWidth / bins.Count;
        var labelEvery = Math.Max(1, (int)Math.Ceiling(bins.Count / 8.0));
        for (var i = 0; i < bins.Count; i++)
        {
            var bin = bins[i];
            var x = Left + (i * slot);
            var y = Y(bin.Count, yMax);
            html.Raw("<rect fill=\"").Raw(color).Raw("\" x=\"").Raw(Coordinate(x + 1)).Raw("\" y=\"").Raw(Coordinate(y))
                .Raw("\" width=\"").Raw(Coordinate(Math.Max(1, slot - 2))).Raw("\" height=\"").Raw(Coordinate(Top + PlotHeight - y)).Raw("\">")
                .Raw("<title>").Text($"{ReportFormat.Number(bin.FromMs)}–{ReportFormat.Number(bin.ToMs)} ms: {ReportFormat.Count(bin.Count)}").Raw("</title></rect>\n");
            if (i % labelEvery == 0)
            {
                html.Raw("<text class=\"tick\" text-anchor=\"middle\" x=\"").Raw(Coordinate(x + (slot / 2))).Raw("\" y=\"").Raw(Coordinate(Height - 10)).Raw("\">≤")
                    .Text(ReportFormat.Number(bin.ToMs)).Raw("</text>\n");
            }
        }

        html.Line("</svg>");
        html.Line("</figure>");
    }

    /// <summary>One task's life as a bar of its spans (awake, waiting, asleep), scaled to its lifetime.</summary>
    public static void Timeline(HtmlText html, IReadOnlyList<Dashboard.Contracts.Runs.TaskSpanInfo> spans, double lifetimeMs)
    {
        const int BarWidth = 420;
        html.Raw("<svg class=\"timeline\" viewBox=\"0 0 420 12\" width=\"420\" height=\"12\" role=\"img\" aria-label=\"timeline\">");
        html.Raw("<rect fill=\"#eee\" x=\"0\" y=\"0\" width=\"420\" height=\"12\"/>");
        if (lifetimeMs > 0)
        {
            foreach (var span in spans)
            {
                var color = span.State switch { "awake" => AwakeColor, "waiting" => WaitingColor, _ => AsleepColor };
                var x = BarWidth * Math.Clamp(span.StartMs / lifetimeMs, 0, 1);
                var width = Math.Max(0.5, BarWidth * Math.Clamp(span.DurationMs / lifetimeMs, 0, 1));
                html.Raw("<rect fill=\"").Raw(color).Raw("\" x=\"").Raw(Coordinate(x)).Raw("\" y=\"0\" width=\"").Raw(Coordinate(width)).Raw("\" height=\"12\"><title>")
                    .Text($"{span.State} {ReportFormat.Number(span.DurationMs)} ms at {ReportFormat.Number(span.StartMs)} ms").Raw("</title></rect>");
            }
        }

        html.Line("</svg>");
    }

    /// <summary>
    /// Greys the warm-up's stretch (from 0 to its end): a pale veil over what is drawn there, and
    /// its name, so its figures read as counted nowhere.
    /// </summary>
    private static void WarmUpVeil(HtmlText html, double warmUpSeconds, double xMax)
    {
        if (!(warmUpSeconds > 0))
        {
            return;
        }

        var end = X(Math.Min(warmUpSeconds, xMax), xMax);
        html.Raw("<rect class=\"warm-up\" fill=\"#fff\" fill-opacity=\"0.7\" x=\"").Raw(Coordinate(Left)).Raw("\" y=\"").Raw(Coordinate(Top))
            .Raw("\" width=\"").Raw(Coordinate(end - Left)).Raw("\" height=\"").Raw(Coordinate(PlotHeight)).Raw("\"><title>")
            .Text($"warm-up, {ReportFormat.Readable(warmUpSeconds)} s: counted in no figure, threshold or verdict").Raw("</title></rect>")
            .Raw("<text class=\"tick\" x=\"").Raw(Coordinate(Left + 4)).Raw("\" y=\"").Raw(Coordinate(Top + 12)).Raw("\">warm-up</text>\n");
    }

    /// <summary>The smallest round axis end (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10^k) at or above the value (1 for nothing to show).</summary>
    public static double NiceCeiling(double value)
    {
        if (!(value > 0))
        {
            return 1;
        }

        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (var step in (double[])[1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10])
        {
            if (step * magnitude >= value * 0.999999)
            {
                return step * magnitude;
            }
        }

        return 10 * magnitude;
    }

    /// <summary>Into how many steps an axis end splits so every tick is a round number (150 → 3 × 50, 8 → 4 × 2).</summary>
    private static int Divisions(double max)
    {
        foreach (var divisions in (int[])[5, 4, 3, 2, 6])
        {
            var step = max / divisions;
            var mantissa = step / Math.Pow(10, Math.Floor(Math.Log10(step)));
            if (((double[])[1, 2, 2.5, 5]).Any(m => Math.Abs(mantissa - m) < 1e-9))
            {
                return divisions;
            }
        }

        return 4;
    }

    private static void Open(HtmlText html, string id, string title, string unit)
    {
        html.Raw("<figure class=\"chart\" id=\"chart-").Text(id).Raw("\"><figcaption>").Text(title);
        if (unit.Length > 0)
        {
            html.Raw(" <span class=\"unit\">(").Text(unit).Raw(")</span>");
        }

        html.Line("</figcaption>");
    }

    private static void Empty(HtmlText html) => html.Line("<p class=\"empty\">No intervals to draw.</p></figure>");

    private static string SvgOpen(string title) =>
        $"<svg viewBox=\"0 0 {Width} {Height}\" width=\"{Width}\" height=\"{Height}\" role=\"img\" aria-label=\"{HtmlText.Encode(title)}\">\n";

    private static void YAxis(HtmlText html, double yMax, string unit)
    {
        var divisions = Divisions(yMax);
        for (var i = 0; i <= divisions; i++)
        {
            var value = yMax * i / divisions;
            var y = Coordinate(Y(value, yMax));
            html.Raw("<line class=\"grid\" x1=\"").Raw(Left.ToString(CultureInfo.InvariantCulture)).Raw("\" x2=\"").Raw((Width - Right).ToString(CultureInfo.InvariantCulture))
                .Raw("\" y1=\"").Raw(y).Raw("\" y2=\"").Raw(y).Raw("\"/>")
                .Raw("<text class=\"tick\" text-anchor=\"end\" x=\"").Raw((Left - 4).ToString(CultureInfo.InvariantCulture)).Raw("\" y=\"").Raw(y).Raw("\" dy=\"4\">")
                .Text(ReportFormat.Readable(value) + (unit == "%" ? "%" : "")).Raw("</text>\n");
        }
    }

    private static void XAxis(HtmlText html, double xMax, string suffix = "s")
    {
        var divisions = Divisions(xMax);
        for (var i = 0; i <= divisions; i++)
        {
            var value = xMax * i / divisions;
            html.Raw("<text class=\"tick\" text-anchor=\"middle\" x=\"").Raw(Coordinate(X(value, xMax))).Raw("\" y=\"").Raw(Coordinate(Height - 10)).Raw("\">")
                .Text(ReportFormat.Readable(value) + suffix).Raw("</text>\n");
        }
    }

    private static void Legend(HtmlText html, IEnumerable<(string Label, string Color, bool Dashed)> entries)
    {
        html.Raw("<ul class=\"legend\">");
        foreach (var (label, color, dashed) in entries)
        {
            html.Raw("<li><span class=\"swatch").Raw(dashed ? " dashed" : "").Raw("\" style=\"border-color:").Raw(color).Raw("\"></span>").Text(label).Raw("</li>");
        }

        html.Line("</ul>");
    }

    private static double X(double value, double max) => Left + (PlotWidth * Math.Clamp(value / max, 0, 1));

    private static double Y(double value, double max) => Top + PlotHeight - (PlotHeight * Math.Clamp(value / max, 0, 1));

    private static string Coordinate(double value) => Math.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture);
}
