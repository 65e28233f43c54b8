using System.Buffers.Binary;

namespace Dashboard.Worker;

/// <summary>
/// The frames between the loop server and a pool worker, over the worker's standard input and
/// output: fixed-size, little-endian, no parsing. A job is its id and how long to compute; a reply
/// is the id and the worker's own <c>Stopwatch</c> timestamps of receiving and finishing it. On Linux
/// (and Windows) that clock is the machine's monotonic clock, shared by every process, so the
/// server can split a hop into send, compute and return without a clock of its own in the worker.
/// The worker's first frame is a hello (id <see cref="HelloId"/>) once it has warmed up.
/// </summary>
public static class WorkerProtocol
{
    public const int JobBytes = 16;
    public const int ReplyBytes = 24;

    /// <summary>The id of the worker's first frame: started and warmed up.</summary>
    public const long HelloId = -1;

    /// <summary>The environment variable the server sets so a worker started by hand says what it is for.</summary>
    public const string MarkerVariable = "DASHBOARD_POOL_WORKER";

    public static void WriteJob(Span<byte> frame, long id, TimeSpan compute)
    {
        BinaryPrimitives.WriteInt64LittleEndian(frame, id);
        BinaryPrimitives.WriteInt64LittleEndian(frame[8..], compute.Ticks);
    }

    public static (long Id, TimeSpan Compute) ReadJob(ReadOnlySpan<byte> frame) =>
        (BinaryPrimitives.ReadInt64LittleEndian(frame), TimeSpan.FromTicks(BinaryPrimitives.ReadInt64LittleEndian(frame[8..])));

    public static void WriteReply(Span<byte> frame, long id, long receivedAt, long finishedAt)
    {
        BinaryPrimitives.WriteInt64LittleEndian(frame, id);
        BinaryPrimitives.WriteInt64LittleEndian(frame[8..], receivedAt);
        BinaryPrimitives.WriteInt64LittleEndian(frame[16..], finishedAt);
    }

    public static (long Id, long ReceivedAt, long FinishedAt) ReadReply(ReadOnlySpan<byte> frame) =>
        (BinaryPrimitives.ReadInt64LittleEndian(frame),
         BinaryPrimitives.ReadInt64LittleEndian(frame[8..]),
         BinaryPrimitives.ReadInt64LittleEndian(frame[16..]));
}
