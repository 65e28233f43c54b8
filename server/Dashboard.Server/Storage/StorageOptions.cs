using Dashboard.Server.Configuration;

namespace Dashboard.Server.Storage;

/// <summary>Where and how much run history is kept (configuration section "Storage").</summary>
internal sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>
    /// Folder of the SQLite file. A relative path is relative to the folder the command was run
    /// in (<see cref="UserPaths"/>), so <c>dotnet run --project server/Dashboard.Server</c> from
    /// the repository root keeps <c>./data/</c> there (git-ignored); the container sets
    /// <c>Storage__DataDirectory=/data</c>.
    /// </summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>File name of the database inside <see cref="DataDirectory"/>.</summary>
    public string FileName { get; set; } = "runs.db";

    /// <summary>Runs kept; beyond it the oldest finished runs are deleted, never a running one.</summary>
    public int MaxRuns { get; set; } = 200;

    /// <summary>Interval snapshots kept per run (the newest; with them their sampled tasks). As many as Runs:SnapshotHistory by default.</summary>
    public int MaxSnapshotsPerRun { get; set; } = 600;

    /// <summary>
    /// Task stories stored per run when it ends, built from its retained task records: its worst
    /// blocks' tasks, then the tasks sampled in its last snapshots. 0 stores none; the story of
    /// any other sampled task is then rebuilt from the stored samples.
    /// </summary>
    public int MaxStoredStories { get; set; } = 200;

    /// <summary>
    /// Children kept in a stored story (and children per child); the rest are counted. A
    /// connection's story would otherwise carry every request it served. As many as the story
    /// page shows by default (DashboardUi:MaxStoryChildren).
    /// </summary>
    public int MaxStoredStoryChildren { get; set; } = 50;

    /// <summary>
    /// Measured intervals whose latency histograms are kept per run (the newest), for its HdrHistogram
    /// log: an hour of 1 s intervals, the longest run LoadEngine allows, by default; one costs 1 to 3 KB.
    /// </summary>
    public int MaxLatencyIntervalsPerRun { get; set; } = 3_600;

    /// <summary>Snapshot writes queued for the writer; when full the oldest queued snapshot is dropped, counted and logged.</summary>
    public int QueueCapacity { get; set; } = 2_048;

    /// <summary>Writes committed per transaction at most.</summary>
    public int BatchSize { get; set; } = 128;

    /// <summary>The database file's full path.</summary>
    public string DatabasePath => UserPaths.Resolve(Path.Combine(DataDirectory, FileName));

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(DataDirectory))
        {
            errors.Add("Storage:DataDirectory: expected a folder path, got an empty value");
        }

        if (string.IsNullOrWhiteSpace(FileName) || FileName.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || FileName.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            errors.Add($"Storage:FileName: expected a plain file name such as runs.db, got '{FileName}'");
        }

        OptionRules.Range(errors, SectionName, nameof(MaxRuns), MaxRuns, 1, 100_000);
        OptionRules.Range(errors, SectionName, nameof(MaxSnapshotsPerRun), MaxSnapshotsPerRun, 1, 100_000);
        OptionRules.Range(errors, SectionName, nameof(MaxStoredStories), MaxStoredStories, 0, 10_000);
        OptionRules.Range(errors, SectionName, nameof(MaxStoredStoryChildren), MaxStoredStoryChildren, 0, 1_000);
        OptionRules.Range(errors, SectionName, nameof(QueueCapacity), QueueCapacity, 16, 1_000_000);
        OptionRules.Range(errors, SectionName, nameof(MaxLatencyIntervalsPerRun), MaxLatencyIntervalsPerRun, 1, 1_000_000);
        OptionRules.Range(errors, SectionName, nameof(BatchSize), BatchSize, 1, 10_000);
        return errors;
    }
}
