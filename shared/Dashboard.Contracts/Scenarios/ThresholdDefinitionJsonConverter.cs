using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dashboard.Contracts.Scenarios;

/// <summary>Reads a threshold written as a plain string or as an object; writes the short form
/// when nothing but the expression is set.</summary>
public sealed class ThresholdDefinitionJsonConverter : JsonConverter<ThresholdDefinition>
{
    /// <inheritdoc />
    public override ThresholdDefinition Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return new ThresholdDefinition { Expression = reader.GetString() ?? "" };
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A threshold is a string or an object with \"expression\" and \"abortOnFail\".");
        }

        string expression = "";
        bool abortOnFail = false;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            string property = reader.GetString() ?? "";
            reader.Read();
            switch (property)
            {
                case "expression":
                    expression = reader.GetString() ?? "";
                    break;
                case "abortOnFail":
                    abortOnFail = reader.GetBoolean();
                    break;
                default:
                    throw new JsonException($"Unknown threshold field \"{property}\".");
            }
        }

        return new ThresholdDefinition { Expression = expression, AbortOnFail = abortOnFail };
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, ThresholdDefinition value, JsonSerializerOptions options)
    {
        if (!value.AbortOnFail)
        {
            writer.WriteStringValue(value.Expression);
            return;
        }

        writer.WriteStartObject();
        writer.WriteString("expression", value.Expression);
        writer.WriteBoolean("abortOnFail", value.AbortOnFail);
        writer.WriteEndObject();
    }
}
