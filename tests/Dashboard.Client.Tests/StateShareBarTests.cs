using System.Globalization;
using System.Text.RegularExpressions;
using Dashboard.Client.Components;

namespace Dashboard.Client.Tests;

public sealed partial class StateShareBarTests
{
    [Fact]
    public async Task Render_ThreeTimes_SplitsTheBarInProportionSummingToTheWhole()
    {
        var html = await RenderAsync(awake: 1, waiting: 2, asleep: 5);

        var widths = Widths(html);
        Assert.Equal([12.5, 25, 62.5], widths);
        Assert.Equal(100, widths.Sum(), precision: 6);
        Assert.Contains("title=\"awake 12.5 %, waiting 25.0 %, asleep 62.5 %\"", html);
    }

    [Fact]
    public async Task Render_NoTimeAtAll_DrawsAnEmptyBar()
    {
        var html = await RenderAsync(awake: 0, waiting: 0, asleep: 0);

        Assert.Equal([0, 0, 0], Widths(html));
    }

    private static Task<string> RenderAsync(double awake, double waiting, double asleep) =>
        ComponentRenderer.RenderAsync<StateShareBar>(parameters: new Dictionary<string, object?>
        {
            [nameof(StateShareBar.AwakeMs)] = awake,
            [nameof(StateShareBar.WaitingMs)] = waiting,
            [nameof(StateShareBar.AsleepMs)] = asleep,
        });

    private static double[] Widths(string html) =>
        WidthPattern().Matches(html).Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToArray();

    [GeneratedRegex("style=\"width: ([0-9.]+)%\"")]
    private static partial Regex WidthPattern();
}
