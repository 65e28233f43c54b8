namespace Dashboard.Load.Engine;

/// <summary>What a connection is asked to do next: send one open-model request of a kind at
/// its intended time, or run virtual user <see cref="UserId"/> until it is retired.</summary>
internal readonly record struct WorkItem(long IntendedTimestamp, int Kind, int UserId)
{
    public bool IsUser => UserId >= 0;

    public static WorkItem Request(long intendedTimestamp, int kind) => new(intendedTimestamp, kind, -1);

    public static WorkItem User(int userId) => new(0, 0, userId);
}
