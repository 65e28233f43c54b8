using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dashboard.Server.Storage;

/// <summary>
/// How stored JSON columns are written and read: the API's web shapes, compact. A saturated
/// run's waiting prediction is infinite: stored as "Infinity" rather than failing the batch.
/// </summary>
internal static class StoreJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Read<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"a stored {typeof(T).Name} was null");
}
