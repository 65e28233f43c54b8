using Dashboard.Contracts.Loop;
using Dashboard.Contracts.Runs;
using Dashboard.Contracts.Scenarios;
using Dashboard.Load.Statistics;
using Dashboard.Server.History;

namespace Dashboard.Server.Storage;

internal sealed partial class RunStore
{
    /// <summary>A transaction for the writer; commit it, then dispose it.</summary>
    public RunStoreBatch BeginBatch() => new(OpenConnection(), _options.MaxSnapshotsPerRun, _options.MaxStoredStoryChildren);

    /// <summary>Stored runs, newest first (at most Storage:MaxRuns exist).</summary>
    public IReadOnlyList<RunInfo> ListRuns()
    {
        using var connection = OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT info_json FROM runs ORDER BY started_at DESC, id DESC";
        using var reader = command.ExecuteReader();
        var runs = new List<RunInfo>();
        while (reader.Read())
        {
            runs.Add(StoreJson.Read<RunInfo>(reader.GetString(0)));
        }

        return runs;
    }

    public RunHeader? LoadHeader(string id)
    {
        using var connection = OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT info_json, scenario_json, summary_json, environment_json, distributions_json, request_tasks_json
            FROM runs WHERE id = $id
            """;
        command.Parameters.AddWithValue("$id", id);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        return new RunHeader
        {
            Info = StoreJson.Read<RunInfo>(reader.GetString(0)),
            Scenario = StoreJson.Read<ScenarioDefinition>(reader.GetString(1)),
            Summary = reader.IsDBNull(2) ? null : StoreJson.Read<RunSummary>(reader.GetString(2)),
            Environment = StoreJson.Read<RunEnvironment>(reader.GetString(3)),
            Distributions = StoreJson.Read<RunDistributions>(reader.GetString(4)),
            RequestTasks = reader.IsDBNull(5) ? null : StoreJson.Read<TaskKindBreakdown>(reader.GetString(5)),
        };
    }

    /// <summary>The run's stored snapshots, oldest first, each with its sampled tasks; null for an unknown run.</summary>
    public IReadOnlyList<RunSnapshot>? LoadSnapshots(string id)
    {
        using var connection = OpenConnection();
        using (var exists = connection.CreateCommand())
        {
            exists.CommandText = "SELECT 1 FROM runs WHERE id = $id";
            exists.Parameters.AddWithValue("$id", id);
            if (exists.ExecuteScalar() is null)
            {
                return null;
            }
        }

        var samples = new Dictionary<long, List<TaskSample>>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT seq, json FROM task_samples WHERE run_id = $id ORDER BY seq, ordinal";
            command.Parameters.AddWithValue("$id", id);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var seq = reader.GetInt64(0);
                if (!samples.TryGetValue(seq, out var list))
                {
                    list = [];
                    samples[seq] = list;
                }

                list.Add(StoreJson.Read<TaskSample>(reader.GetString(1)));
            }
        }

        var snapshots = new List<RunSnapshot>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT seq, json FROM snapshots WHERE run_id = $id ORDER BY seq";
            command.Parameters.AddWithValue("$id", id);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var snapshot = StoreJson.Read<RunSnapshot>(reader.GetString(1));
                snapshots.Add(samples.TryGetValue(reader.GetInt64(0), out var taken) ? snapshot with { Samples = taken } : snapshot);
            }
        }

        return snapshots;
    }

    public RunRecord? Load(string id) =>
        LoadHeader(id) is { } header && LoadSnapshots(id) is { } snapshots ? new RunRecord(header, snapshots) : null;

    /// <summary>Stored threshold results of a run, in the scenario's order (for tests and scripts).</summary>
    public IReadOnlyList<(string Expression, bool Passed)> LoadThresholds(string id)
    {
        using var connection = OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT expression, passed FROM threshold_results WHERE run_id = $id ORDER BY ordinal";
        command.Parameters.AddWithValue("$id", id);
        using var reader = command.ExecuteReader();
        var results = new List<(string, bool)>();
        while (reader.Read())
        {
            results.Add((reader.GetString(0), reader.GetInt64(1) != 0));
        }

        return results;
    }

    /// <summary>The run's stored latency intervals, oldest first (empty for an unknown run or one stored before they were kept).</summary>
    public IReadOnlyList<LatencyInterval> LoadLatencyIntervals(string id)
    {
        using var connection = OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT seq, start_seconds, duration_seconds, corrected, raw FROM latency_intervals WHERE run_id = $id ORDER BY seq";
        command.Parameters.AddWithValue("$id", id);
        using var reader = command.ExecuteReader();
        var intervals = new List<LatencyInterval>();
        while (reader.Read())
        {
            intervals.Add(new LatencyInterval(
                reader.GetInt64(0),
                reader.GetDouble(1),
                reader.GetDouble(2),
                LatencyIntervalCodec.Decode((byte[])reader[3]),
                LatencyIntervalCodec.Decode((byte[])reader[4])));
        }

        return intervals;
    }
}
