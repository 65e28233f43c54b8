using Microsoft.Playwright;

namespace Dashboard.Browser.Tests;

/// <summary>
/// Collects what went wrong on a page while a test drives it: console errors (except the ones a
/// test provokes on purpose, e.g. a 400 for a bad form value) and uncaught page errors. A test
/// ends with <c>Assert.Empty(problems)</c>.
/// </summary>
internal static class PageProblems
{
    public static List<string> Watch(IPage page, params string[] expectedConsoleErrors)
    {
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !expectedConsoleErrors.Any(expected => message.Text.Contains(expected, StringComparison.Ordinal)))
            {
                problems.Add("console: " + message.Text);
            }
        };
        page.PageError += (_, error) => problems.Add("page error: " + error);
        return problems;
    }
}
