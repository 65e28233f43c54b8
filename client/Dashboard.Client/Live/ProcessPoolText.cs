using Dashboard.Client.Formatting;
using Dashboard.Contracts.Loop;

namespace Dashboard.Client.Live;

/// <summary>
/// The process pool's part of the loop page, in words: its workers and jobs, where a job's time
/// went outside the loop (the hop), and its memory beside the host's, where the thread pool lives.
/// </summary>
public sealed record ProcessPoolText(
    IReadOnlyList<FigureText> Figures,
    IReadOnlyList<HopRow> Hop,
    IReadOnlyList<MemoryRow> Memory,
    string? Failure)
{
    private const double Megabyte = 1024 * 1024;

    /// <summary>The status in words (null where the host has no pool); <paramref name="previous"/> itself when nothing changed, so its panel skips a render.</summary>
    public static ProcessPoolText? From(ProcessPoolStatus? status, ProcessPoolText? previous)
    {
        if (status is null)
        {
            return null;
        }

        FigureText[] figures =
        [
            new("Workers", "pool-alive", $"{FigureFormat.Count(status.Alive)} of {FigureFormat.Count(status.Size)}", "processes",
                status.WarmUp ? "worker processes running; started with the host" : "worker processes running; started by the first process step"),
            new("Busy", "pool-busy", FigureFormat.Count(status.Busy), "workers", "computing a job now"),
            new("Queued", "pool-queued", FigureFormat.Count(status.Queued), "jobs", "waiting for a free worker now"),
            new("Jobs", "pool-completed", FigureFormat.Count(status.Completed), "answered", "since the host started"),
            new("Failed", "pool-failed", FigureFormat.Count(status.Failed + status.Rejected), "jobs",
                $"{FigureFormat.Count(status.Rejected)} refused with the queue full, {FigureFormat.Count(status.Failed)} lost with their worker; {FigureFormat.Count(status.Restarts)} workers restarted"),
        ];
        HopRow[] hop =
        [
            Row("queue", HopParts.Queue, status.Queue),
            Row("send", HopParts.Send, status.Send),
            Row("compute", HopParts.Compute, status.Compute),
            Row("return", HopParts.Return, status.Return),
        ];
        var each = status.Alive == 0 ? 0 : status.WorkersMemoryBytes / status.Alive;
        MemoryRow[] memory =
        [
            new("workers", $"{FigureFormat.Count(status.Alive)} worker processes",
                $"{Megabytes(status.WorkersMemoryBytes)} MB", status.Alive == 0 ? FigureFormat.Missing : $"{Megabytes(each)} MB each: a runtime apiece"),
            new("host", $"The host, whose thread pool has {FigureFormat.Count(status.ThreadPoolThreads)} threads ({FigureFormat.Count(status.ThreadPoolQueued)} items queued)",
                $"{Megabytes(status.HostMemoryBytes)} MB", "threads share the host's memory"),
        ];
        var failure = status.StartFailure is null ? null : $"No worker process runs, so process steps fail: {status.StartFailure}";
        return previous is not null && previous.Figures.SequenceEqual(figures) && previous.Hop.SequenceEqual(hop)
            && previous.Memory.SequenceEqual(memory) && previous.Failure == failure
            ? previous
            : new ProcessPoolText(figures, hop, memory, failure);
    }

    private static HopRow Row(string part, string description, HopPartStatus figures) =>
        new(part, description, FigureFormat.Adaptive(figures.MeanMs), FigureFormat.Adaptive(figures.MaxMs));

    private static string Megabytes(long bytes) => FigureFormat.Adaptive(bytes / Megabyte);
}

/// <summary>One part of a process-pool hop, as the page shows it: mean and maximum in milliseconds.</summary>
public sealed record HopRow(string Part, string Description, string MeanMs, string MaxMs);

/// <summary>Where memory goes: the pool's processes, or the host with its thread pool.</summary>
public sealed record MemoryRow(string Key, string What, string Resident, string Note);
