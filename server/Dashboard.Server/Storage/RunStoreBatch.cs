using Dashboard.Contracts.Runs;
using Dashboard.Server.History;
using Dashboard.Server.Runs;
using Microsoft.Data.Sqlite;

namespace Dashboard.Server.Storage;

/// <summary>
/// Writes in one transaction: run rows (insert or update), interval snapshots with their
/// sampled tasks, and the task stories kept at a run's end. Nothing is visible to readers until
/// <see cref="Commit"/>.
/// </summary>
internal sealed class RunStoreBatch : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;
    private readonly int _maxSnapshotsPerRun;
    private readonly int _maxStoredStoryChildren;

    public RunStoreBatch(SqliteConnection connection, int maxSnapshotsPerRun, int maxStoredStoryChildren)
    {
        _connection = connection;
        _transaction = connection.BeginTransaction();
        _maxSnapshotsPerRun = maxSnapshotsPerRun;
        _maxStoredStoryChildren = maxStoredStoryChildren;
    }

    /// <summary>Inserts the run's row or replaces what it says; threshold results follow the summary.</summary>
    public void Upsert(RunHeader header)
    {
        var info = header.Info;
        using (var command = Command("""
            INSERT INTO runs (id, scenario_name, status, started_at, ended_at, passed, message, info_json, scenario_json, summary_json, environment_json, distributions_json, request_tasks_json)
            VALUES ($id, $name, $status, $started, $ended, $passed, $message, $info, $scenario, $summary, $environment, $distributions, $requestTasks)
            ON CONFLICT (id) DO UPDATE SET
                scenario_name = excluded.scenario_name, status = excluded.status, started_at = excluded.started_at,
                ended_at = excluded.ended_at, passed = excluded.passed, message = excluded.message,
                info_json = excluded.info_json, scenario_json = excluded.scenario_json, summary_json = excluded.summary_json,
                environment_json = excluded.environment_json, distributions_json = excluded.distributions_json,
                request_tasks_json = excluded.request_tasks_json
            """))
        {
            command.Parameters.AddWithValue("$id", info.Id);
            command.Parameters.AddWithValue("$name", info.Scenario);
            command.Parameters.AddWithValue("$status", info.Status.ToString());
            command.Parameters.AddWithValue("$started", RunStore.Timestamp(info.StartedAt));
            command.Parameters.AddWithValue("$ended", info.EndedAt is { } ended ? RunStore.Timestamp(ended) : DBNull.Value);
            command.Parameters.AddWithValue("$passed", info.Passed is { } passed ? (passed ? 1 : 0) : DBNull.Value);
            command.Parameters.AddWithValue("$message", (object?)info.Message ?? DBNull.Value);
            command.Parameters.AddWithValue("$info", StoreJson.Write(info));
            command.Parameters.AddWithValue("$scenario", StoreJson.Write(header.Scenario));
            command.Parameters.AddWithValue("$summary", header.Summary is { } summary ? StoreJson.Write(summary) : DBNull.Value);
            command.Parameters.AddWithValue("$environment", StoreJson.Write(header.Environment));
            command.Parameters.AddWithValue("$distributions", StoreJson.Write(header.Distributions));
            command.Parameters.AddWithValue("$requestTasks", header.RequestTasks is { } tasks ? StoreJson.Write(tasks) : DBNull.Value);
            command.ExecuteNonQuery();
        }

        if (header.Summary is not { } withThresholds)
        {
            return;
        }

        using (var clear = Command("DELETE FROM threshold_results WHERE run_id = $id"))
        {
            clear.Parameters.AddWithValue("$id", info.Id);
            clear.ExecuteNonQuery();
        }

        using var insert = Command("""
            INSERT INTO threshold_results (run_id, ordinal, expression, metric, actual, passed, message)
            VALUES ($id, $ordinal, $expression, $metric, $actual, $passed, $message)
            """);
        for (var i = 0; i < withThresholds.Thresholds.Count; i++)
        {
            var threshold = withThresholds.Thresholds[i];
            insert.Parameters.Clear();
            insert.Parameters.AddWithValue("$id", info.Id);
            insert.Parameters.AddWithValue("$ordinal", i);
            insert.Parameters.AddWithValue("$expression", threshold.Expression);
            insert.Parameters.AddWithValue("$metric", threshold.Metric);
            insert.Parameters.AddWithValue("$actual", threshold.Actual is { } actual ? actual : DBNull.Value);
            insert.Parameters.AddWithValue("$passed", threshold.Passed ? 1 : 0);
            insert.Parameters.AddWithValue("$message", threshold.Message);
            insert.ExecuteNonQuery();
        }
    }

    /// <summary>
    /// Stores one interval and its sampled tasks, then drops the run's snapshots beyond
    /// Storage:MaxSnapshotsPerRun (oldest first, their samples with them). False when the run has
    /// no row (nothing is written then).
    /// </summary>
    public bool Append(RunSnapshot snapshot)
    {
        using (var insert = Command("""
            INSERT INTO snapshots (run_id, seq, at, elapsed_seconds, json)
            SELECT $run, $seq, $at, $elapsed, $json WHERE EXISTS (SELECT 1 FROM runs WHERE id = $run)
            ON CONFLICT DO NOTHING
            """))
        {
            insert.Parameters.AddWithValue("$run", snapshot.RunId);
            insert.Parameters.AddWithValue("$seq", snapshot.Sequence);
            insert.Parameters.AddWithValue("$at", RunStore.Timestamp(snapshot.At));
            insert.Parameters.AddWithValue("$elapsed", snapshot.ElapsedSeconds);
            // Samples live in their own rows (queryable, and the spans are the bulk); the row keeps the rest.
            insert.Parameters.AddWithValue("$json", StoreJson.Write(snapshot with { Samples = [] }));
            if (insert.ExecuteNonQuery() == 0)
            {
                return false;
            }
        }

        using (var sample = Command("""
            INSERT INTO task_samples (run_id, seq, ordinal, task_id, parent_id, kind, name, reason, lifetime_ms, awake_ms, waiting_ms, asleep_ms, json)
            VALUES ($run, $seq, $ordinal, $task, $parent, $kind, $name, $reason, $lifetime, $awake, $waiting, $asleep, $json)
            """))
        {
            for (var i = 0; i < snapshot.Samples.Count; i++)
            {
                var task = snapshot.Samples[i];
                sample.Parameters.Clear();
                sample.Parameters.AddWithValue("$run", snapshot.RunId);
                sample.Parameters.AddWithValue("$seq", snapshot.Sequence);
                sample.Parameters.AddWithValue("$ordinal", i);
                sample.Parameters.AddWithValue("$task", task.Id);
                sample.Parameters.AddWithValue("$parent", task.ParentId);
                sample.Parameters.AddWithValue("$kind", task.Kind);
                sample.Parameters.AddWithValue("$name", task.Name);
                sample.Parameters.AddWithValue("$reason", task.Reason);
                sample.Parameters.AddWithValue("$lifetime", task.LifetimeMs);
                sample.Parameters.AddWithValue("$awake", task.AwakeMs);
                sample.Parameters.AddWithValue("$waiting", task.WaitingMs);
                sample.Parameters.AddWithValue("$asleep", task.AsleepMs);
                sample.Parameters.AddWithValue("$json", StoreJson.Write(task));
                sample.ExecuteNonQuery();
            }
        }

        using var trim = Command("DELETE FROM snapshots WHERE run_id = $run AND seq <= $oldest");
        trim.Parameters.AddWithValue("$run", snapshot.RunId);
        trim.Parameters.AddWithValue("$oldest", snapshot.Sequence - _maxSnapshotsPerRun);
        trim.ExecuteNonQuery();
        return true;
    }

    /// <summary>
    /// Stores a run's task stories in place of any it had (an end written twice stores the same
    /// ones again), each in its bounded stored shape (<see cref="StoredStoryShape"/>). Nothing is
    /// written for a run without a row. Answers the stories written.
    /// </summary>
    public int ReplaceStories(string runId, IReadOnlyList<TaskStory> stories)
    {
        using (var clear = Command("DELETE FROM task_stories WHERE run_id = $run"))
        {
            clear.Parameters.AddWithValue("$run", runId);
            clear.ExecuteNonQuery();
        }

        using var insert = Command("""
            INSERT INTO task_stories (run_id, task_id, json)
            SELECT $run, $task, $json WHERE EXISTS (SELECT 1 FROM runs WHERE id = $run)
            ON CONFLICT DO NOTHING
            """);
        var written = 0;
        foreach (var story in stories)
        {
            insert.Parameters.Clear();
            insert.Parameters.AddWithValue("$run", runId);
            insert.Parameters.AddWithValue("$task", story.Task.Id);
            insert.Parameters.AddWithValue("$json", StoreJson.Write(StoredStoryShape.ForStorage(story, _maxStoredStoryChildren)));
            written += insert.ExecuteNonQuery();
        }

        return written;
    }

    /// <summary>Stores a measured interval's latency histograms (once; nothing for a run without a row), keeping the run's newest <c>maxPerRun</c>.</summary>
    public void AppendLatency(string runId, long sequence, double startSeconds, double durationSeconds, byte[] corrected, byte[] raw, int maxPerRun)
    {
        using (var insert = Command("""
            INSERT INTO latency_intervals (run_id, seq, start_seconds, duration_seconds, corrected, raw)
            SELECT $run, $seq, $start, $duration, $corrected, $raw WHERE EXISTS (SELECT 1 FROM runs WHERE id = $run)
            ON CONFLICT DO NOTHING
            """))
        {
            insert.Parameters.AddWithValue("$run", runId);
            insert.Parameters.AddWithValue("$seq", sequence);
            insert.Parameters.AddWithValue("$start", startSeconds);
            insert.Parameters.AddWithValue("$duration", durationSeconds);
            insert.Parameters.AddWithValue("$corrected", corrected);
            insert.Parameters.AddWithValue("$raw", raw);
            if (insert.ExecuteNonQuery() == 0)
            {
                return;
            }
        }

        using var trim = Command("DELETE FROM latency_intervals WHERE run_id = $run AND seq <= $oldest");
        trim.Parameters.AddWithValue("$run", runId);
        trim.Parameters.AddWithValue("$oldest", sequence - maxPerRun);
        trim.ExecuteNonQuery();
    }

    public void Commit() => _transaction.Commit();

    public void Dispose()
    {
        _transaction.Dispose();
        _connection.Dispose();
    }

    private SqliteCommand Command(string sql)
    {
        var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = sql;
        return command;
    }
}
