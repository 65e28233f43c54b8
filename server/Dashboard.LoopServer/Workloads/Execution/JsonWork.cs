using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dashboard.LoopServer.Workloads.Execution;

/// <summary>
/// The <c>json</c> step: builds a list of records, serializes it with System.Text.Json and parses
/// it back, as a handler does with a request or response body. The document is about the asked
/// size (within one record, about 170 bytes: every record serializes to the same length); the
/// bytes actually produced are returned.
/// </summary>
internal static class JsonWork
{
    private const int PayloadLength = 64;

    private static readonly string Payload = new('x', PayloadLength);

    // Fixed-width fields keep every record the same length up to this many records (64 MiB of
    // JSON needs fewer), so the count lands the document within one record of the asked size.
    private const int FixedWidthRecords = 9_000_000;

    private const int FirstId = 1_000_000;

    // Measured once (plus the separating comma), whatever the record's shape.
    private static readonly int RecordBytes = JsonSerializer.SerializeToUtf8Bytes(MakeRecord(0), JsonWorkContext.Default.JsonWorkRecord).Length + 1;

    public static int Run(int bytes)
    {
        int count = Math.Clamp((int)Math.Round((double)bytes / RecordBytes), 1, FixedWidthRecords);
        var records = new List<JsonWorkRecord>(count);
        for (int i = 0; i < count; i++)
        {
            records.Add(MakeRecord(i));
        }

        var buffer = new ArrayBufferWriter<byte>(count * RecordBytes + 16);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            JsonSerializer.Serialize(writer, records, JsonWorkContext.Default.ListJsonWorkRecord);
        }

        var parsed = JsonSerializer.Deserialize(buffer.WrittenSpan, JsonWorkContext.Default.ListJsonWorkRecord);
        if (parsed is null || parsed.Count != count || parsed[^1].Id != FirstId + count - 1)
        {
            // Cannot happen unless the serializer is broken; a silent mismatch would make the step meaningless.
            throw new InvalidOperationException("The json step's document did not read back as written.");
        }

        return buffer.WrittenCount;
    }

    private static JsonWorkRecord MakeRecord(int index) =>
        new(FirstId + index, $"item-{index:D7}", 1000.5 + (index % 9), true, ["alpha", "beta"], Payload);
}

/// <summary>One record of the <c>json</c> step's document.</summary>
internal sealed record JsonWorkRecord(int Id, string Name, double Score, bool Active, string[] Tags, string Payload);

/// <summary>Source-generated serialization, so the step measures System.Text.Json's work, not reflection warm-up.</summary>
[JsonSerializable(typeof(List<JsonWorkRecord>))]
[JsonSerializable(typeof(JsonWorkRecord))]
internal sealed partial class JsonWorkContext : JsonSerializerContext;
