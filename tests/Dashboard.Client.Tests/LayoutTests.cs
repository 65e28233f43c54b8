using Dashboard.Client.Layout;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Client.Tests;

public sealed class LayoutTests
{
    [Fact]
    public async Task NavMenu_OnTheLoopPage_LinksOnlyToExistingPagesAndMarksLoopActive()
    {
        var html = await ComponentRenderer.RenderAsync<NavMenu>(path: "loop");

        var links = System.Text.RegularExpressions.Regex.Matches(html, "<a [^>]*>").Select(m => m.Value).ToArray();
        var link = Assert.Single(links);
        Assert.Contains("href=\"loop\"", link);
        Assert.Contains("active", link);
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
