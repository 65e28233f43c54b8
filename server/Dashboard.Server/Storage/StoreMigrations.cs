using Microsoft.Data.Sqlite;

namespace Dashboard.Server.Storage;

/// <summary>
/// The schema, as numbered migrations applied in order at start. The file records what it has
/// in <c>schema_version</c>; a file from a newer build is refused rather than guessed at.
/// Add a migration by appending it: never edit one that has shipped.
/// </summary>
internal static class StoreMigrations
{
    public static IReadOnlyList<(int Version, string Sql)> All { get; } =
    [
        (1, """
            CREATE TABLE runs (
                id TEXT NOT NULL PRIMARY KEY,
                scenario_name TEXT NOT NULL,
                status TEXT NOT NULL,
                started_at TEXT NOT NULL,
                ended_at TEXT NULL,
                passed INTEGER NULL,
                message TEXT NULL,
                info_json TEXT NOT NULL,
                scenario_json TEXT NOT NULL,
                summary_json TEXT NULL,
                environment_json TEXT NOT NULL,
                distributions_json TEXT NOT NULL,
                request_tasks_json TEXT NULL
            );
            CREATE INDEX runs_by_start ON runs (started_at, id);
            CREATE INDEX runs_by_status ON runs (status);

            CREATE TABLE snapshots (
                run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
                seq INTEGER NOT NULL,
                at TEXT NOT NULL,
                elapsed_seconds REAL NOT NULL,
                json TEXT NOT NULL,
                PRIMARY KEY (run_id, seq)
            ) WITHOUT ROWID;

            CREATE TABLE task_samples (
                run_id TEXT NOT NULL,
                seq INTEGER NOT NULL,
                ordinal INTEGER NOT NULL,
                task_id INTEGER NOT NULL,
                parent_id INTEGER NOT NULL,
                kind TEXT NOT NULL,
                name TEXT NOT NULL,
                reason TEXT NOT NULL,
                lifetime_ms REAL NOT NULL,
                awake_ms REAL NOT NULL,
                waiting_ms REAL NOT NULL,
                asleep_ms REAL NOT NULL,
                json TEXT NOT NULL,
                PRIMARY KEY (run_id, seq, ordinal),
                FOREIGN KEY (run_id, seq) REFERENCES snapshots (run_id, seq) ON DELETE CASCADE
            ) WITHOUT ROWID;

            CREATE TABLE threshold_results (
                run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
                ordinal INTEGER NOT NULL,
                expression TEXT NOT NULL,
                metric TEXT NOT NULL,
                actual REAL NULL,
                passed INTEGER NOT NULL,
                message TEXT NOT NULL,
                PRIMARY KEY (run_id, ordinal)
            ) WITHOUT ROWID;
            """),
        // Task stories of stored runs: the ones the run's pages link to, kept whole at the run's end;
        // any other sampled task's story is rebuilt from task_samples by task and by parent.
        (2, """
            CREATE TABLE task_stories (
                run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
                task_id INTEGER NOT NULL,
                json TEXT NOT NULL,
                PRIMARY KEY (run_id, task_id)
            ) WITHOUT ROWID;
            CREATE INDEX task_samples_by_task ON task_samples (run_id, task_id, seq);
            CREATE INDEX task_samples_by_parent ON task_samples (run_id, parent_id, task_id);
            """),
        // Each measured interval's latency histograms (LatencyIntervalCodec), for the run's HdrHistogram log.
        (3, """
            CREATE TABLE latency_intervals (
                run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
                seq INTEGER NOT NULL,
                start_seconds REAL NOT NULL,
                duration_seconds REAL NOT NULL,
                corrected BLOB NOT NULL,
                raw BLOB NOT NULL,
                PRIMARY KEY (run_id, seq)
            ) WITHOUT ROWID;
            """),
    ];

    public static int Latest => All[^1].Version;

    /// <summary>Brings the file up to <see cref="Latest"/>; answers the versions applied now (empty when it was current).</summary>
    public static IReadOnlyList<int> Apply(SqliteConnection connection, string appliedAt)
    {
        Execute(connection, null, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY, applied_at TEXT NOT NULL)");
        var current = CurrentVersion(connection);
        if (current > Latest)
        {
            throw new InvalidOperationException(
                $"{connection.DataSource}: schema version {current} is newer than this build knows ({Latest}); use a newer build or another Storage:DataDirectory");
        }

        var applied = new List<int>();
        foreach (var (version, sql) in All.Where(m => m.Version > current))
        {
            // One transaction per migration: a failure leaves the file at the previous version.
            using var transaction = connection.BeginTransaction();
            Execute(connection, transaction, sql);
            using var record = connection.CreateCommand();
            record.Transaction = transaction;
            record.CommandText = "INSERT INTO schema_version (version, applied_at) VALUES ($version, $at)";
            record.Parameters.AddWithValue("$version", version);
            record.Parameters.AddWithValue("$at", appliedAt);
            record.ExecuteNonQuery();
            transaction.Commit();
            applied.Add(version);
        }

        return applied;
    }

    public static int CurrentVersion(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_version";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
