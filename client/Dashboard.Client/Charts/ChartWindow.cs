namespace Dashboard.Client.Charts;

/// <summary>
/// The newest points of a live chart, oldest first: x, then one column per line (null where a
/// line has no value). Immutable and built once per update in the host, so every viewer of a
/// page shares it; a viewer sends its browser only the points it has not drawn yet.
/// </summary>
public sealed record ChartWindow
{
    public static readonly ChartWindow Empty = new([], []);

    public ChartWindow(double[] x, double?[][] columns)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(columns);
        foreach (var column in columns)
        {
            if (column.Length != x.Length)
            {
                throw new ArgumentException($"every column needs {x.Length} values, one per x; got {column.Length}", nameof(columns));
            }
        }

        X = x;
        Columns = columns;
    }

    public IReadOnlyList<double> X { get; }

    public IReadOnlyList<double?[]> Columns { get; }

    public int Count => X.Count;

    /// <summary>The y scale's top for this window, computed by the page (null: rounded up from the highest point, or the spec's YMax).</summary>
    public double? YTop { get; init; }

    /// <summary>A veil from the left edge to an x (a run's warm-up), with its label; null for none.</summary>
    public ChartVeil? Veil { get; init; }

    /// <summary>Vertical marks at named x values (a sweep's knee and best case).</summary>
    public IReadOnlyList<ChartMark> Marks { get; init; } = [];

    /// <summary>The newest x, or null for an empty window.</summary>
    public double? LastX => X.Count == 0 ? null : X[^1];

    /// <summary>
    /// Builds a window of at most <paramref name="capacity"/> points, the newest of
    /// <paramref name="items"/> (oldest first), with x and one value per line read off each.
    /// </summary>
    public static ChartWindow From<TItem>(IReadOnlyList<TItem> items, int capacity, Func<TItem, double> x, params Func<TItem, double?>[] lines)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        var from = Math.Max(0, items.Count - capacity);
        var length = items.Count - from;
        var xs = new double[length];
        var columns = lines.Select(_ => new double?[length]).ToArray();
        for (var i = 0; i < length; i++)
        {
            var item = items[from + i];
            xs[i] = x(item);
            for (var line = 0; line < lines.Length; line++)
            {
                var value = lines[line](item);
                columns[line][i] = value is { } v && double.IsFinite(v) ? v : null;
            }
        }

        return new ChartWindow(xs, columns);
    }

    /// <summary>x then the columns, from index <paramref name="from"/> on: what the browser module takes.</summary>
    public double?[][] ColumnsFrom(int from)
    {
        from = Math.Clamp(from, 0, Count);
        var result = new double?[Columns.Count + 1][];
        result[0] = X.Skip(from).Select(v => (double?)v).ToArray();
        for (var i = 0; i < Columns.Count; i++)
        {
            result[i + 1] = Columns[i][from..];
        }

        return result;
    }

    /// <summary>Where the points newer than <paramref name="lastX"/> begin (Count when there are none).</summary>
    public int IndexAfter(double lastX)
    {
        var index = Count;
        while (index > 0 && X[index - 1] > lastX)
        {
            index--;
        }

        return index;
    }

    /// <summary>What the browser module takes beside the columns: the top, the veil and the marks.</summary>
    public object Frame() => new
    {
        yTop = YTop is { } top && double.IsFinite(top) && top > 0 ? top : (double?)null,
        veil = Veil is null ? null : new { until = Veil.Until, label = Veil.Label },
        marks = Marks.Where(m => double.IsFinite(m.X)).Select(m => new { x = m.X, label = m.Label, color = m.Color }).ToArray(),
    };
}

/// <summary>A veil over a chart from its left edge to <paramref name="Until"/>, labelled.</summary>
public sealed record ChartVeil(double Until, string Label);

/// <summary>A vertical dashed mark at <paramref name="X"/>, labelled, in a colour.</summary>
public sealed record ChartMark(double X, string Label, string Color);
