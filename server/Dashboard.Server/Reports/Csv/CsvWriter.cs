using System.Text;

namespace Dashboard.Server.Reports.Csv;

/// <summary>
/// RFC 4180 CSV: comma-separated, CRLF line ends, a field quoted when it holds a comma, a quote
/// or a line break (quotes doubled). Numbers arrive already formatted invariantly.
/// </summary>
internal sealed class CsvWriter
{
    private readonly StringBuilder _text = new();

    public CsvWriter Row(params string?[] fields)
    {
        for (var i = 0; i < fields.Length; i++)
        {
            if (i > 0)
            {
                _text.Append(',');
            }

            _text.Append(Escape(fields[i]));
        }

        _text.Append("\r\n");
        return this;
    }

    public static string Escape(string? field)
    {
        if (string.IsNullOrEmpty(field))
        {
            return "";
        }

        return field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
    }

    public override string ToString() => _text.ToString();
}
