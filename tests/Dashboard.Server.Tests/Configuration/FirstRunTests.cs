using System.Net;
using Dashboard.Server.Configuration;
using Dashboard.Server.Storage;
using Dashboard.Server.Ui;

namespace Dashboard.Server.Tests.Configuration;

/// <summary>What a newcomer meets first: paths they type, the console, the tab's icon.</summary>
public sealed class FirstRunTests
{
    [Fact]
    public void UserPaths_AreRelativeToTheCurrentFolder_NotToTheProgram()
    {
        Assert.Equal(Path.Combine(Environment.CurrentDirectory, "scenarios", "hello.json"), UserPaths.Resolve("scenarios/hello.json"));
        Assert.Equal("/tmp/x", UserPaths.Resolve("/tmp/x"));
        Assert.Equal(Path.Combine(Environment.CurrentDirectory, "data", "runs.db"), new StorageOptions().DatabasePath);
    }

    [Fact]
    public void Verbose_IsTakenOutOfTheHostsArguments()
    {
        var rest = ConsoleLogging.TakeVerbose(["--verbose", "--urls", "http://127.0.0.1:5001"], out var verbose);

        Assert.True(verbose);
        Assert.Equal(["--urls", "http://127.0.0.1:5001"], rest);

        Assert.Equal(["--urls", "x"], ConsoleLogging.TakeVerbose(["--urls", "x"], out var quiet));
        Assert.False(quiet);
    }

    [Fact]
    public async Task Favicon_PagesNameIt_AndTheBrowsersDefaultPathLeadsToIt()
    {
        await using var factory = new DashboardFactory();
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });

        var page = await client.GetStringAsync("/loop");
        var icon = System.Text.RegularExpressions.Regex.Match(page, "<link rel=\"icon\"[^>]*href=\"([^\"]+)\"");
        Assert.True(icon.Success, "the page names no icon");
        Assert.StartsWith("_content/Dashboard.Client/favicon", icon.Groups[1].Value);
        using var named = await client.GetAsync("/" + icon.Groups[1].Value);
        Assert.Equal(HttpStatusCode.OK, named.StatusCode);

        using var ico = await client.GetAsync("/favicon.ico");
        Assert.Equal(HttpStatusCode.MovedPermanently, ico.StatusCode);
        Assert.Equal("/" + DashboardUi.FaviconPath, ico.Headers.Location?.OriginalString);

        using var svg = await client.GetAsync(ico.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, svg.StatusCode);
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType?.MediaType);
    }
}
