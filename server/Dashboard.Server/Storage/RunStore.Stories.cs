using Dashboard.Contracts.Runs;
using Dashboard.Server.Runs;
using Microsoft.Data.Sqlite;

namespace Dashboard.Server.Storage;

internal sealed partial class RunStore
{
    /// <summary>Ancestors followed at most, as for a live story.</summary>
    private const int MaxAncestors = 16;

    public bool RunExists(string runId)
    {
        using var connection = OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1 FROM runs WHERE id = $id";
        command.Parameters.AddWithValue("$id", runId);
        return command.ExecuteScalar() is not null;
    }

    /// <summary>
    /// A stored run's task story: the one kept whole at the run's end (<see cref="TaskStorySources.Stored"/>),
    /// else one rebuilt from the run's stored samples (<see cref="TaskStorySources.Sampled"/>); null when
    /// the task has neither.
    /// </summary>
    public TaskStory? FindStory(string runId, long taskId)
    {
        using var connection = OpenConnection();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT json FROM task_stories WHERE run_id = $run AND task_id = $task";
            command.Parameters.AddWithValue("$run", runId);
            command.Parameters.AddWithValue("$task", taskId);
            if (command.ExecuteScalar() is string json)
            {
                return StoredStoryShape.FromStorage(StoreJson.Read<TaskStory>(json));
            }
        }

        return SampledStory(connection, runId, taskId);
    }

    /// <summary>Stories stored for a run (for tests and scripts).</summary>
    public int CountStories(string runId)
    {
        using var connection = OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM task_stories WHERE run_id = $run";
        command.Parameters.AddWithValue("$run", runId);
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The story as the run's samples tell it: the task's latest sample, its ancestors by parent id
    /// among the samples, its sampled children with their sampled children. Relatives that were
    /// never sampled are missing; the samples of a run are bounded (Storage:MaxSnapshotsPerRun
    /// intervals), so are the relatives.
    /// </summary>
    private static TaskStory? SampledStory(SqliteConnection connection, string runId, long taskId)
    {
        if (LatestSample(connection, runId, taskId) is not { } task)
        {
            return null;
        }

        var ancestors = new List<TaskSample>();
        var seen = new HashSet<long> { task.Id };
        for (var parentId = task.ParentId; ancestors.Count < MaxAncestors && seen.Add(parentId); )
        {
            if (LatestSample(connection, runId, parentId) is not { } parent)
            {
                break;
            }

            ancestors.Add(parent with { Reason = "ancestor" });
            parentId = parent.ParentId;
        }

        var children = SampledChildren(connection, runId, taskId)
            .Select(c => new TaskStoryChild(c with { Reason = "child" }, SampledChildren(connection, runId, c.Id).Select(g => g with { Reason = "grandchild" }).ToArray()))
            .ToArray();
        var timeline = task.Timeline.Select(s => new TaskStorySpan(s.State, s.StartMs, s.DurationMs)).ToArray();
        return new TaskStory(task with { Reason = "task" }, ancestors, children, timeline, task.TimelineTruncated, TaskStorySources.Sampled);
    }

    private static TaskSample? LatestSample(SqliteConnection connection, string runId, long taskId)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT json FROM task_samples WHERE run_id = $run AND task_id = $task ORDER BY seq DESC LIMIT 1";
        command.Parameters.AddWithValue("$run", runId);
        command.Parameters.AddWithValue("$task", taskId);
        return command.ExecuteScalar() is string json ? StoreJson.Read<TaskSample>(json) : null;
    }

    /// <summary>The sampled children of a task, oldest (lowest id) first, each from its latest sample.</summary>
    private static List<TaskSample> SampledChildren(SqliteConnection connection, string runId, long parentId)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT task_id, json FROM task_samples WHERE run_id = $run AND parent_id = $parent ORDER BY task_id, seq DESC";
        command.Parameters.AddWithValue("$run", runId);
        command.Parameters.AddWithValue("$parent", parentId);
        using var reader = command.ExecuteReader();
        var children = new List<TaskSample>();
        var last = long.MinValue;
        while (reader.Read())
        {
            var id = reader.GetInt64(0);
            if (id != last)
            {
                children.Add(StoreJson.Read<TaskSample>(reader.GetString(1)));
                last = id;
            }
        }

        return children;
    }
}
