using System.Net;
using System.Text;

namespace Dashboard.Server.Reports.Html;

/// <summary>
/// Appending to an HTML document where every piece of text from outside (scenario names, task
/// names, messages, URLs) goes through <see cref="Text"/>: &lt; &gt; &amp; " ' are all encoded, so
/// it is safe in element content and in quoted attributes alike.
/// </summary>
internal sealed class HtmlText
{
    private readonly StringBuilder _html = new(64 * 1024);

    /// <summary>Markup written by this program (never text from outside).</summary>
    public HtmlText Raw(string markup)
    {
        _html.Append(markup);
        return this;
    }

    /// <summary>Text from anywhere, encoded.</summary>
    public HtmlText Text(string? text)
    {
        _html.Append(Encode(text));
        return this;
    }

    public HtmlText Line(string markup)
    {
        _html.Append(markup).Append('\n');
        return this;
    }

    /// <summary><c>&lt;tag class&gt;text&lt;/tag&gt;</c> with the text encoded.</summary>
    public HtmlText Element(string tag, string? text, string? cssClass = null)
    {
        _html.Append('<').Append(tag);
        if (cssClass is not null)
        {
            _html.Append(" class=\"").Append(Encode(cssClass)).Append('"');
        }

        _html.Append('>').Append(Encode(text)).Append("</").Append(tag).Append('>');
        return this;
    }

    public static string Encode(string? text) => WebUtility.HtmlEncode(text ?? "");

    public override string ToString() => _html.ToString();
}
