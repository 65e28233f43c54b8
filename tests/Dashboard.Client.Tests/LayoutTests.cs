using Dashboard.Client.Layout;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Client.Tests;

public sealed class LayoutTests
{
    [Theory]
    [InlineData("loop", "loop")]
    [InlineData("", "")]
    [InlineData("runs", "runs")]
    [InlineData("runs/20260304-050607-abc123", "runs")]
    [InlineData("compare", "compare")]
    [InlineData("agents", "agents")]
    public async Task NavMenu_OnAPage_LinksToEveryPageAndMarksOnlyItsOwnActive(string path, string activeHref)
    {
        var html = await ComponentRenderer.RenderAsync<NavMenu>(path: path);

        var links = System.Text.RegularExpressions.Regex.Matches(html, "<a [^>]*>([^<]*)</a>").ToArray();
        Assert.Equal(["Launch", "Runs", "Compare", "Loop", "Agents"], links.Select(l => l.Groups[1].Value));
        var active = Assert.Single(links, l => l.Value.Contains("active", StringComparison.Ordinal));
        Assert.Contains($"href=\"{activeHref}\"", active.Value);
    }

    [Fact]
    public async Task MainLayout_WithABody_RendersTheBodyInsideTheShellUnderTheNav()
    {
        RenderFragment body = builder => builder.AddMarkupContent(0, "<p id=\"page-body\">hello</p>");

        var html = await ComponentRenderer.RenderAsync<MainLayout>(parameters: new Dictionary<string, object?> { ["Body"] = body });

        var nav = html.IndexOf("<nav", StringComparison.Ordinal);
        var main = html.IndexOf("<main class=\"content\">", StringComparison.Ordinal);
        var content = html.IndexOf("<p id=\"page-body\">hello</p>", StringComparison.Ordinal);
        Assert.True(nav >= 0 && main > nav && content > main, html);
    }
}
