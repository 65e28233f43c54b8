namespace Dashboard.Client.Charts;

/// <summary>
/// One line of a live chart: its name in the legend, its colour, whether the area under it is
/// shaded, and a dash pattern (canvas pixels, on and off) for a line that is drawn dashed.
/// </summary>
public sealed record ChartLine(string Label, string Color, bool Fill = false)
{
    public IReadOnlyList<double>? Dash { get; init; }
}

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

    /// <summary>
    /// The lines are the tops of stacked bands, highest first: each is filled down to the next,
    /// the last down to zero (the awake / waiting / asleep shares). The page draws the legend.
    /// </summary>
    public bool Stacked { get; init; }

    /// <summary>Each point is marked (a curve of a few measured steps, not a dense time series).</summary>
    public bool Points { get; init; }

    /// <summary>
    /// Every new window replaces what the chart holds: a curve against a rate, whose points
    /// change in place as its steps are measured, rather than a series that grows at its end.
    /// </summary>
    public bool ReplaceEachWindow { get; init; }

    /// <summary>The x scale starts at 0 and ends at a round value just past the last point or mark (a rate axis).</summary>
    public bool XFromZero { get; init; }

    /// <summary>
    /// A line goes on across x values at which it has no point: two runs overlaid on one axis,
    /// where each x belongs to one run's interval and the other line has none there.
    /// </summary>
    public bool SpanGaps { get; init; }
}
