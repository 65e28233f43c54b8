using Dashboard.Server.History;
using Dashboard.Server.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dashboard.Server.Tests.Storage;

/// <summary>A fresh data folder per test; stores opened on it are disposed with it.</summary>
internal sealed class StoreHarness : IDisposable
{
    private readonly List<RunStore> _stores = [];

    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "run-store-" + Guid.NewGuid().ToString("N"));

    public StorageOptions Options(int maxRuns = 200, int maxSnapshotsPerRun = 600) =>
        new() { DataDirectory = Directory, MaxRuns = maxRuns, MaxSnapshotsPerRun = maxSnapshotsPerRun };

    public RunStore Open(int maxRuns = 200, int maxSnapshotsPerRun = 600, TimeProvider? time = null)
    {
        var store = new RunStore(Microsoft.Extensions.Options.Options.Create(Options(maxRuns, maxSnapshotsPerRun)), time ?? TimeProvider.System, NullLogger<RunStore>.Instance);
        _stores.Add(store);
        store.Open();
        return store;
    }

    public void Dispose()
    {
        foreach (var store in _stores)
        {
            store.Dispose();
        }

        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }

    /// <summary>Writes a whole run (its row, then its snapshots) in one batch.</summary>
    public static void Write(RunStore store, RunRecord run)
    {
        using var batch = store.BeginBatch();
        batch.Upsert(run.Header);
        foreach (var snapshot in run.Snapshots)
        {
            Assert.True(batch.Append(snapshot));
        }

        batch.Commit();
    }

    /// <summary>One value of a query on the store's file, as text.</summary>
    public static string? Scalar(RunStore store, string sql)
    {
        using var connection = store.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
