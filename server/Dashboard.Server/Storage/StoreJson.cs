using System.Text.Json;

namespace Dashboard.Server.Storage;

/// <summary>How stored JSON columns are written and read: the API's web shapes, compact.</summary>
internal static class StoreJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Read<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"a stored {typeof(T).Name} was null");
}
