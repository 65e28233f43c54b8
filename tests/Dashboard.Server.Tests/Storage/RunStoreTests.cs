using Dashboard.Contracts.Runs;
using Dashboard.Server.History;
using Dashboard.Server.Reports;
using Dashboard.Server.Storage;
using Dashboard.Server.Tests.Support;
using Microsoft.Data.Sqlite;
using static Dashboard.Server.Tests.Storage.StoreHarness;

namespace Dashboard.Server.Tests.Storage;

public sealed class RunStoreTests : IDisposable
{
    private readonly StoreHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public void Open_EmptyFolder_CreatesTheFileInWalModeAtTheLatestSchema()
    {
        var store = _harness.Open();

        Assert.True(File.Exists(store.DatabasePath));
        Assert.Equal(StoreMigrations.Latest, store.SchemaVersion());
        Assert.Equal("wal", Scalar(store, "PRAGMA journal_mode"));
        Assert.Equal(
            "latency_intervals, runs, schema_version, snapshots, task_samples, task_stories, threshold_results",
            Scalar(store, "SELECT group_concat(name, ', ') FROM (SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name)"));
    }

    [Fact]
    public void Open_AlreadyMigratedFile_AppliesNothingAndKeepsTheRuns()
    {
        var first = _harness.Open();
        Write(first, TestRuns.Fixed());
        first.Dispose();

        var second = _harness.Open();

        Assert.Equal(StoreMigrations.Latest, second.SchemaVersion());
        Assert.Equal(StoreMigrations.All.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), Scalar(second, "SELECT COUNT(*) FROM schema_version"));
        Assert.Single(second.ListRuns());
    }

    [Fact]
    public void Open_VersionOneFile_MigratesToTheLatestKeepingTheRunsAndServingStoriesFromTheirSamples()
    {
        var path = _harness.Options().DatabasePath;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var run = TestRuns.Fixed();
        // A file as the first release left it: migration 1 only, with a run written by the same batch code.
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            Execute(connection, "CREATE TABLE schema_version (version INTEGER NOT NULL PRIMARY KEY, applied_at TEXT NOT NULL)");
            Execute(connection, StoreMigrations.All.Single(m => m.Version == 1).Sql);
            Execute(connection, "INSERT INTO schema_version (version, applied_at) VALUES (1, 'then')");
            using var batch = new RunStoreBatch(connection, 600, 50);
            batch.Upsert(run.Header);
            foreach (var snapshot in run.Snapshots)
            {
                Assert.True(batch.Append(snapshot));
            }

            batch.Commit();
        }

        var store = _harness.Open();

        Assert.Equal(3, StoreMigrations.Latest);
        Assert.Equal(3, store.SchemaVersion());
        Assert.Equal("1, 2, 3", Scalar(store, "SELECT group_concat(version, ', ') FROM (SELECT version FROM schema_version ORDER BY version)"));
        Assert.Equal("then", Scalar(store, "SELECT applied_at FROM schema_version WHERE version = 1"));
        var loaded = store.Load(run.Info.Id)!;
        foreach (var exporter in RunExporters.All)
        {
            Assert.Equal(exporter.ToBytes(run), exporter.ToBytes(loaded));
        }

        Assert.Equal("0", Scalar(store, "SELECT COUNT(*) FROM task_stories"));
        Assert.Empty(store.LoadLatencyIntervals(run.Info.Id)); // a run stored before latency logs were kept has none
        Assert.Equal("task_samples_by_parent, task_samples_by_task", Scalar(store, "SELECT group_concat(name, ', ') FROM (SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'task_samples' AND sql IS NOT NULL ORDER BY name)"));
        var story = store.FindStory(run.Info.Id, 1040)!;
        Assert.Equal(TaskStorySources.Sampled, story.Source);
        Assert.Equal(1041, Assert.Single(story.Children).Task.Id);
    }

    [Fact]
    public void Open_FileFromANewerBuild_IsRefusedNamingTheVersion()
    {
        var store = _harness.Open();
        Scalar(store, "INSERT INTO schema_version (version, applied_at) VALUES (99, 'later')");
        store.Dispose();

        var error = Assert.Throws<InvalidOperationException>(() => _harness.Open());

        Assert.Contains("schema version 99", error.Message);
    }

    [Fact]
    public void Write_ThenLoad_GivesBackTheSameRunAndTheSameReports()
    {
        var store = _harness.Open();
        var run = TestRuns.Fixed();

        Write(store, run);
        var loaded = store.Load(run.Info.Id)!;

        // Records holding lists compare by reference: compare what they say.
        Assert.Equal(StoreJson.Write(run.Info), StoreJson.Write(loaded.Info));
        Assert.Equal(run.Header.Environment, loaded.Header.Environment);
        Assert.Equal(run.Snapshots.Count, loaded.Snapshots.Count);
        Assert.Equal([("errors.rate < 1%", false), ("latency.p99 < 50ms", true)], store.LoadThresholds(run.Info.Id));
        // The strongest statement of a faithful round trip: every report comes out byte for byte the same.
        foreach (var exporter in RunExporters.All)
        {
            Assert.Equal(exporter.ToBytes(run), exporter.ToBytes(loaded));
        }
    }

    [Fact]
    public void Append_BeyondMaxSnapshotsPerRun_KeepsTheNewestWithTheirSamples()
    {
        var store = _harness.Open(maxSnapshotsPerRun: 3);
        var run = TestRuns.Fixed(intervals: 7);

        Write(store, run);

        var snapshots = store.LoadSnapshots(run.Info.Id)!;
        Assert.Equal([5L, 6, 7], snapshots.Select(s => s.Sequence));
        Assert.All(snapshots, s => Assert.Equal(3, s.Samples.Count));
        Assert.Equal("9", Scalar(store, "SELECT COUNT(*) FROM task_samples"));
    }

    [Fact]
    public void Append_ForARunWithoutARow_WritesNothing()
    {
        var store = _harness.Open();
        using var batch = store.BeginBatch();

        Assert.False(batch.Append(TestRuns.Snapshot("no-such-run", 1)));
        batch.Commit();

        Assert.Equal("0", Scalar(store, "SELECT COUNT(*) FROM snapshots"));
    }

    [Fact]
    public void Open_AfterACrashMidRun_MarksThatRunAbortedAndLeavesTheOthersIntact()
    {
        var before = _harness.Open();
        var finished = TestRuns.Fixed(id: "20261123-190000-aaaaaa");
        var running = TestRuns.Fixed(id: "20261123-201434-bbbbbb", status: RunStatus.Running, intervals: 3);
        Write(before, finished);
        Write(before, running);
        before.Dispose(); // the process dies: no end is ever written

        var after = _harness.Open();

        Assert.Equal([running.Info.Id], after.AbortedAtOpen);
        var aborted = after.LoadHeader(running.Info.Id)!.Info;
        Assert.Equal(RunStatus.Aborted, aborted.Status);
        Assert.Contains("stopped while this run was going", aborted.Message);
        Assert.Equal(running.Snapshots[^1].At, aborted.EndedAt);
        Assert.Equal(3, after.LoadSnapshots(running.Info.Id)!.Count);
        Assert.Equal(StoreJson.Write(finished.Info), StoreJson.Write(after.LoadHeader(finished.Info.Id)!.Info));
        Assert.Equal(4, after.LoadSnapshots(finished.Info.Id)!.Count);
        Assert.Equal(["Aborted", "Completed"], after.ListRuns().Select(r => r.Status.ToString()));

        var third = _harness.Open();
        Assert.Empty(third.AbortedAtOpen);
    }

    [Fact]
    public void ApplyRetention_MoreRunsThanMax_DeletesTheOldestFinishedNeverARunningOne()
    {
        var store = _harness.Open(maxRuns: 3);
        var oldestRunning = Shifted(TestRuns.Fixed(id: "r0", status: RunStatus.Running), minutes: 0);
        Write(store, oldestRunning);
        for (var i = 1; i <= 4; i++)
        {
            Write(store, Shifted(TestRuns.Fixed(id: $"r{i}"), minutes: i));
        }

        var deleted = store.ApplyRetention();

        Assert.Equal(2, deleted);
        Assert.Equal(["r4", "r3", "r0"], store.ListRuns().Select(r => r.Id));
        // Their snapshots and samples went with them (cascade).
        Assert.Equal("12", Scalar(store, "SELECT COUNT(*) FROM snapshots"));
        Assert.Equal("0", Scalar(store, "SELECT COUNT(*) FROM threshold_results WHERE run_id IN ('r1', 'r2')"));
    }

    [Fact]
    public void Open_WithMoreRunsThanMax_AppliesRetentionAtStart()
    {
        var store = _harness.Open(maxRuns: 10);
        for (var i = 0; i < 4; i++)
        {
            Write(store, Shifted(TestRuns.Fixed(id: $"r{i}"), minutes: i));
        }

        store.Dispose();

        var smaller = _harness.Open(maxRuns: 2);

        Assert.Equal(["r3", "r2"], smaller.ListRuns().Select(r => r.Id));
    }

    [Fact]
    public void Validate_OutOfRangeOrEmpty_NamesEachSetting()
    {
        var options = new StorageOptions { DataDirectory = " ", FileName = "a/b.db", MaxRuns = 0, MaxSnapshotsPerRun = 0, MaxStoredStories = -1, MaxStoredStoryChildren = 1_001, QueueCapacity = 1, BatchSize = 0 };

        var errors = options.Validate();

        Assert.Equal(8, errors.Count);
        Assert.Contains("Storage:MaxStoredStoryChildren: expected 0..1000, got 1001", errors);
        Assert.Contains("Storage:MaxRuns: expected 1..100000, got 0", errors);
        Assert.Contains("Storage:MaxStoredStories: expected 0..10000, got -1", errors);
        Assert.Empty(new StorageOptions { MaxStoredStories = 0 }.Validate());
        Assert.Contains(errors, e => e.StartsWith("Storage:FileName:", StringComparison.Ordinal));
        Assert.Empty(new StorageOptions().Validate());
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static RunRecord Shifted(RunRecord run, int minutes) =>
        run with { Header = run.Header with { Info = run.Info with { StartedAt = run.Info.StartedAt.AddMinutes(minutes) } } };
}
