using System.Text;

namespace Dashboard.Benchmarks;

/// <summary>
/// Seeded byte and text mutations for the fuzz benchmark: replace, insert or delete a byte (an
/// interesting one more often than not), cut the rest, or, for JSON, swap a number or a string
/// for an extreme one. Deterministic per seed, so a crash can be replayed.
/// </summary>
internal sealed class Mutator(int seed)
{
    private static readonly byte[] Interesting = "\r\n :\t,/?#*0123456789{}[]\"\\\0\x7f\xff-e.".Select(c => (byte)c).ToArray();
    private static readonly string[] ExtremeValues =
        ["0", "-1", "1e308", "-1e308", "1e-320", "99999999999999999999", "NaN", "null", "true", "\"\"", "[]", "{}",
         "\"" + new string('x', 5000) + "\"", "\"0ms\"", "\"-5s\"", "\"1000h\"", "\"\\u0000\"", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]"];

    private readonly Random _random = new(seed);

    public T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    /// <summary>One to four byte edits of <paramref name="source"/>.</summary>
    public byte[] Bytes(byte[] source)
    {
        var bytes = new List<byte>(source);
        var edits = _random.Next(1, 5);
        for (var e = 0; e < edits && bytes.Count > 0; e++)
        {
            var at = _random.Next(bytes.Count);
            var value = _random.Next(3) == 0 ? (byte)_random.Next(256) : Interesting[_random.Next(Interesting.Length)];
            switch (_random.Next(5))
            {
                case 0: bytes[at] = value; break;
                case 1: bytes.Insert(at, value); break;
                case 2: bytes.RemoveAt(at); break;
                case 3: bytes.InsertRange(at, Enumerable.Repeat(value, _random.Next(1, 300))); break;
                default: bytes.RemoveRange(at, bytes.Count - at); break;
            }
        }

        return [.. bytes];
    }

    /// <summary>A JSON document with byte edits, or with one value swapped for an extreme one (still well-formed more often).</summary>
    public string Json(string source)
    {
        if (_random.Next(2) == 0)
        {
            return Encoding.UTF8.GetString(Bytes(Encoding.UTF8.GetBytes(source)));
        }

        // Swap the value after a random ':' for an extreme one.
        var colons = Enumerable.Range(0, source.Length).Where(i => source[i] == ':').ToArray();
        if (colons.Length == 0)
        {
            return source;
        }

        var start = colons[_random.Next(colons.Length)] + 1;
        var end = start;
        var depth = 0;
        var inString = false;
        for (; end < source.Length; end++)
        {
            var c = source[end];
            if (inString)
            {
                if (c == '\\')
                {
                    end++;
                }
                else if (c == '"')
                {
                    inString = false;
                }

                continue;
            }

            if (c == '"')
            {
                inString = true;
            }
            else if (c is '{' or '[')
            {
                depth++;
            }
            else if (c is '}' or ']')
            {
                if (depth == 0)
                {
                    break;
                }

                depth--;
            }
            else if (c == ',' && depth == 0)
            {
                break;
            }
        }

        return string.Concat(source.AsSpan(0, start), " ", ExtremeValues[_random.Next(ExtremeValues.Length)], source.AsSpan(end));
    }
}
