using System.Globalization;
using Dashboard.Contracts.Runs;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Dashboard.Server.Storage;

/// <summary>
/// Run history in one SQLite file (WAL mode): runs, their interval snapshots, sampled tasks and
/// threshold results. Opening it applies the migrations, marks runs cut off by a crash as
/// <see cref="RunStatus.Aborted"/> and applies retention. Thread-safe: every operation uses its
/// own (pooled) connection; SQLite serializes the writers.
/// </summary>
internal sealed partial class RunStore : IDisposable
{
    private readonly Lock _gate = new();
    private readonly StorageOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<RunStore> _logger;
    private readonly string _connectionString;
    private bool _opened;

    public RunStore(IOptions<StorageOptions> options, TimeProvider time, ILogger<RunStore> logger)
    {
        _options = options.Value;
        _time = time;
        _logger = logger;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = _options.DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
        }.ToString();
    }

    public string DatabasePath => _options.DatabasePath;

    /// <summary>Runs marked aborted when the store opened (they were running when the process died).</summary>
    public IReadOnlyList<string> AbortedAtOpen { get; private set; } = [];

    /// <summary>Opens the file once: folder, WAL, migrations, crash marking, retention. Later calls do nothing.</summary>
    public void Open()
    {
        lock (_gate)
        {
            if (_opened)
            {
                return;
            }

            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(_options.DatabasePath)!);
                using var connection = Connect();
                using (var wal = connection.CreateCommand())
                {
                    // Persistent in the file: readers never block the writer, nor it them.
                    wal.CommandText = "PRAGMA journal_mode = WAL";
                    wal.ExecuteNonQuery();
                }

                var applied = StoreMigrations.Apply(connection, Timestamp(_time.GetUtcNow()));
                if (applied.Count > 0)
                {
                    LogMigrated(_logger, _options.DatabasePath, string.Join(", ", applied));
                }

                AbortedAtOpen = MarkInterruptedRuns(connection);
                _opened = true;
            }
            catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException)
            {
                throw new InvalidOperationException($"the run store {_options.DatabasePath} cannot be opened (Storage:DataDirectory): {ex.Message}", ex);
            }
        }

        ApplyRetention();
    }

    /// <summary>Deletes the oldest finished runs beyond Storage:MaxRuns; never a running one. Answers how many went.</summary>
    public int ApplyRetention()
    {
        using var connection = OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = """
            DELETE FROM runs WHERE id IN (
                SELECT id FROM runs WHERE status <> 'Running'
                ORDER BY started_at DESC, id DESC
                LIMIT -1 OFFSET MAX(0, $max - (SELECT COUNT(*) FROM runs WHERE status = 'Running')))
            """;
        command.Parameters.AddWithValue("$max", _options.MaxRuns);
        var deleted = command.ExecuteNonQuery();
        if (deleted > 0)
        {
            LogRetention(_logger, deleted, _options.MaxRuns);
        }

        return deleted;
    }

    /// <summary>
    /// Takes the file's write lock and lets it go again (<c>BEGIN IMMEDIATE</c>, then a rollback), writing
    /// nothing: throws when the store cannot be opened or written, or stays locked past <paramref name="timeout"/>.
    /// </summary>
    public void CheckWritable(TimeSpan timeout)
    {
        using var connection = OpenConnection();
        using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = $"PRAGMA busy_timeout = {(int)timeout.TotalMilliseconds}";
            pragma.ExecuteNonQuery();
        }

        // Microsoft.Data.Sqlite retries a busy database itself until the timeout (whole seconds), and
        // reports it from BeginTransaction (a BEGIN IMMEDIATE in a command's text passes silently).
        connection.DefaultTimeout = Math.Max(1, (int)Math.Ceiling(timeout.TotalSeconds));
        using var transaction = connection.BeginTransaction(deferred: false);
        transaction.Rollback();
    }

    public int SchemaVersion()
    {
        using var connection = OpenConnection();
        return StoreMigrations.CurrentVersion(connection);
    }

    public void Dispose()
    {
        // Pooled connections keep the file open; a test (or a restart in-process) must be able to reopen or delete it.
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    internal SqliteConnection OpenConnection()
    {
        Open();
        return Connect();
    }

    internal static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    private SqliteConnection Connect()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var pragmas = connection.CreateCommand();
        pragmas.CommandText = "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 10000;";
        pragmas.ExecuteNonQuery();
        return connection;
    }

    private List<string> MarkInterruptedRuns(SqliteConnection connection)
    {
        var interrupted = new List<(string Id, string InfoJson, string? LastAt)>();
        using (var find = connection.CreateCommand())
        {
            find.CommandText = """
                SELECT r.id, r.info_json, (SELECT s.at FROM snapshots s WHERE s.run_id = r.id ORDER BY s.seq DESC LIMIT 1)
                FROM runs r WHERE r.status = 'Running'
                """;
            using var reader = find.ExecuteReader();
            while (reader.Read())
            {
                interrupted.Add((reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
            }
        }

        if (interrupted.Count == 0)
        {
            return [];
        }

        var now = _time.GetUtcNow();
        using var transaction = connection.BeginTransaction();
        using var update = connection.CreateCommand();
        update.Transaction = transaction;
        update.CommandText = "UPDATE runs SET status = $status, ended_at = $ended, message = $message, info_json = $info WHERE id = $id";
        var ids = new List<string>();
        foreach (var (id, infoJson, lastAt) in interrupted)
        {
            var info = StoreJson.Read<RunInfo>(infoJson);
            // The last stored interval is the last moment the run is known to have been going.
            var endedAt = lastAt is null ? info.StartedAt : DateTimeOffset.Parse(lastAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            var message = $"the dashboard stopped while this run was going; marked aborted when it started again at {now.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC";
            var aborted = info with { Status = RunStatus.Aborted, EndedAt = endedAt, Message = message };
            update.Parameters.Clear();
            update.Parameters.AddWithValue("$status", RunStatus.Aborted.ToString());
            update.Parameters.AddWithValue("$ended", Timestamp(endedAt));
            update.Parameters.AddWithValue("$message", message);
            update.Parameters.AddWithValue("$info", StoreJson.Write(aborted));
            update.Parameters.AddWithValue("$id", id);
            update.ExecuteNonQuery();
            ids.Add(id);
            LogAborted(_logger, id);
        }

        transaction.Commit();
        return ids;
    }

    [LoggerMessage(EventId = 600, Level = LogLevel.Information, Message = "Run store {Path}: applied schema migrations {Versions}")]
    private static partial void LogMigrated(ILogger logger, string path, string versions);

    [LoggerMessage(EventId = 601, Level = LogLevel.Warning, Message = "Run {RunId} was still marked running from before the restart: marked aborted")]
    private static partial void LogAborted(ILogger logger, string runId);

    [LoggerMessage(EventId = 602, Level = LogLevel.Information, Message = "Run store retention: deleted {Count} oldest finished runs (Storage:MaxRuns = {MaxRuns})")]
    private static partial void LogRetention(ILogger logger, int count, int maxRuns);
}
