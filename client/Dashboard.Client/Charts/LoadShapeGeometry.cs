using System.Globalization;
using System.Text;
using Dashboard.Contracts.Scenarios;

namespace Dashboard.Client.Charts;

/// <summary>
/// The small load-shape drawing of a scenario: the arrival rate (open-model phases) and the
/// virtual users (closed-model phases) over the planned time, as SVG area outlines in a fixed
/// box. Each series is scaled to its own peak, since rates and users have different units.
/// </summary>
internal sealed record LoadShapeGeometry(
    double TotalSeconds,
    double PeakRate,
    int PeakUsers,
    string? RateArea,
    string? UsersArea)
{
    public const double Width = 240;
    public const double Height = 64;
    public const double PlotTop = 16;
    public const double PlotBottom = 50;

    public static LoadShapeGeometry From(IReadOnlyList<LoadShapePhase> phases)
    {
        var total = phases.Sum(p => Math.Max(p.DurationSeconds, 0));
        var peakRate = LoadShapePhase.PeakRate(phases);
        var peakUsers = LoadShapePhase.PeakUsers(phases);
        return new LoadShapeGeometry(
            total,
            peakRate,
            peakUsers,
            peakRate > 0 && total > 0 ? Area(phases, total, peakRate, p => p.IsOpen ? (p.StartRate, p.EndRate) : (0, 0)) : null,
            peakUsers > 0 && total > 0 ? Area(phases, total, peakUsers, p => p.IsClosed ? (p.StartUsers, p.EndUsers) : (0, 0)) : null);
    }

    /// <summary>A closed polygon: along the baseline's start, each phase's start and end value (a
    /// sweep's as a staircase of its steps), back down to the baseline.</summary>
    private static string Area(IReadOnlyList<LoadShapePhase> phases, double total, double peak, Func<LoadShapePhase, (double Start, double End)> values)
    {
        var points = new StringBuilder();
        Append(points, 0, PlotBottom);
        double t = 0;
        foreach (var phase in phases)
        {
            var duration = Math.Max(phase.DurationSeconds, 0);
            var (start, end) = values(phase);
            var steps = Math.Max(phase.Steps, 1);
            for (var step = 0; step < steps; step++)
            {
                // One step: the ramp itself when there is one step, else a flat tread at the step's rate.
                var from = steps == 1 ? start : start + ((end - start) * step / (steps - 1));
                var to = steps == 1 ? end : from;
                Append(points, X(t, total), Y(from, peak));
                t += duration / steps;
                Append(points, X(t, total), Y(to, peak));
            }
        }

        Append(points, Width, PlotBottom);
        return points.ToString().TrimEnd();
    }

    private static double X(double seconds, double total) => seconds / total * Width;

    private static double Y(double value, double peak) => PlotBottom - (value / peak * (PlotBottom - PlotTop));

    private static void Append(StringBuilder points, double x, double y) =>
        points.Append(CultureInfo.InvariantCulture, $"{Math.Round(x, 2)},{Math.Round(y, 2)} ");
}
