using Dashboard.Client.Formatting;
using Dashboard.Contracts.Loop;

namespace Dashboard.Client.Live;

/// <summary>The loop server's part of the loop page, in words: its address, its counters, what it refused and why.</summary>
public sealed record LoopServerText(string Address, IReadOnlyList<FigureText> Figures, IReadOnlyList<RefusalRow> Refusals)
{
    /// <summary>Before the loop server has started.</summary>
    public static readonly LoopServerText NotStarted = new("not started", [], []);

    /// <summary>The status in words; <paramref name="previous"/> itself when nothing changed, so its panel skips a render.</summary>
    public static LoopServerText From(LoopServerStatus? status, LoopServerText? previous)
    {
        if (status is null)
        {
            return NotStarted;
        }

        FigureText[] figures =
        [
            new("Open connections", "server-open", FigureFormat.Count(status.OpenConnections), "connections", "clients connected now"),
            new("Requests", "server-requests", FigureFormat.Count(status.Requests), "requests", "answered since the host started"),
            new("Refused", "server-refused", FigureFormat.Count(status.Refusals.Sum(r => r.Count)), "times", "requests and connections turned away, by reason below"),
            new("Handler failures", "server-failures", FigureFormat.Count(status.HandlerFailures), "requests", "answered 500 with an id; the detail is in the log"),
        ];
        var refusals = status.Refusals
            .Select(r => new RefusalRow(r.Reason, r.Description, r.Status == 0 ? "closed" : r.Status.ToString(System.Globalization.CultureInfo.InvariantCulture), FigureFormat.Count(r.Count)))
            .ToArray();
        return previous is not null && previous.Address == status.Address && previous.Figures.SequenceEqual(figures) && previous.Refusals.SequenceEqual(refusals)
            ? previous
            : new LoopServerText(status.Address, figures, refusals);
    }
}

/// <summary>One reason the loop server refused, as the page shows it.</summary>
public sealed record RefusalRow(string Reason, string Description, string Status, string Count);
