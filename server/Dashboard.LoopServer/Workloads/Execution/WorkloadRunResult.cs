using System.Buffers;
using System.Text.Json;

namespace Dashboard.LoopServer.Workloads.Execution;

/// <summary>
/// What one request of a workload did: the durations it drew and the work it awaited (its own
/// steps plus those of the gather children it awaited; spawned children are still running when
/// the request answers, so only their number is known).
/// </summary>
internal sealed record WorkloadRunResult(
    string Workload,
    int Steps,
    TimeSpan Cpu,
    TimeSpan Sleep,
    TimeSpan Offload,
    TimeSpan Process,
    TimeSpan Pool,
    long JsonBytes,
    int Gathered,
    int Spawned)
{
    /// <summary>The response body: a small JSON object.</summary>
    public byte[] ToJsonUtf8()
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("workload", Workload);
            writer.WriteNumber("steps", Steps);
            writer.WriteNumber("cpuMs", Math.Round(Cpu.TotalMilliseconds, 3));
            writer.WriteNumber("sleepMs", Math.Round(Sleep.TotalMilliseconds, 3));
            writer.WriteNumber("offloadMs", Math.Round(Offload.TotalMilliseconds, 3));
            writer.WriteNumber("processMs", Math.Round(Process.TotalMilliseconds, 3));
            writer.WriteNumber("poolMs", Math.Round(Pool.TotalMilliseconds, 3));
            writer.WriteNumber("jsonBytes", JsonBytes);
            writer.WriteNumber("gathered", Gathered);
            writer.WriteNumber("spawned", Spawned);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
