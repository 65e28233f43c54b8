namespace Dashboard.Client.Charts;

/// <summary>One line of a live chart: its name in the legend, its colour, whether the area under it is shaded.</summary>
public sealed record ChartLine(string Label, string Color, bool Fill = false);

/// <summary>
/// What a live chart draws and how, fixed for the chart's life: its name (the element's
/// <c>data-chart</c>), the unit of its y axis, its lines, a fixed top of the y scale (100 for a
/// percentage) and, when x is not a time of day, the unit of x. Every word of a chart is here,
/// in C#; the browser module only draws.
/// </summary>
public sealed record ChartSpec(string Name, string Unit, IReadOnlyList<ChartLine> Lines)
{
    public double? YMax { get; init; }

    /// <summary>Null: x is a time of day in seconds since the epoch, labelled in UTC; otherwise x is a plain number in this unit.</summary>
    public string? XUnit { get; init; }

    public int Height { get; init; } = 160;
}
