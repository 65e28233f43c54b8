using System.Text.RegularExpressions;
using Dashboard.Client.Pages;
using Dashboard.Contracts.Runs;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Client.Tests;

public sealed class TaskStoryPageTests
{
    [Fact]
    public async Task Render_Story_ShowsTheTreeRootFirstTheTaskUnlinkedAndItsChildrenWithBars()
    {
        var story = Story(
            ancestors: [RunFixtures.Sample(2, name: "connection"), RunFixtures.Sample(1, name: "accept")],
            children: [new RunTaskStoryChild(RunFixtures.Sample(11, name: "child"), [RunFixtures.Sample(111, name: "grandchild")])]);

        var html = await RenderAsync(story);

        var nodes = Regex.Matches(html, "<div class=\"task-node( current)?\" data-task-id=\"(\\d+)\"").Select(m => (m.Groups[2].Value, m.Groups[1].Success)).ToArray();
        Assert.Equal([("1", false), ("2", false), ("5", true), ("11", false), ("111", false)], nodes);
        Assert.Contains($"href=\"runs/{RunFixtures.RunId}/tasks/2\"", html);
        Assert.DoesNotContain($"href=\"runs/{RunFixtures.RunId}/tasks/5\"", html);
        Assert.Contains("aria-current=\"page\"", html);
        Assert.Equal(5 + 0, Regex.Matches(html, "<div class=\"task-node").Count);
        Assert.Equal(5, Regex.Matches(html, "class=\"share-bar\"").Count);
    }

    [Fact]
    public async Task Render_Story_ShowsTheTasksTimesWithUnits()
    {
        var html = await RenderAsync(Story());

        Assert.Equal(("60.0", "ms"), (Html.Figure(html, "lifetime"), Html.UnitOf(html, "lifetime")));
        Assert.Equal(("5.00", "ms"), (Html.Figure(html, "awake"), Html.UnitOf(html, "awake")));
        Assert.Equal(("10.0", "ms"), (Html.Figure(html, "waiting"), Html.UnitOf(html, "waiting")));
        Assert.Equal(("45.0", "ms"), (Html.Figure(html, "asleep"), Html.UnitOf(html, "asleep")));
        Assert.Contains("1.50 ms of it timer lateness", html);
        Assert.Contains("in 3 steps", html);
        Assert.Contains("<span data-outcome>completed</span>", html);
    }

    [Fact]
    public async Task Render_Timeline_DrawsEachSpanInItsStatesColourOnAnAxisInMilliseconds()
    {
        var story = Story() with
        {
            Timeline = [new TaskSpanInfo("waiting", 0, 10), new TaskSpanInfo("awake", 10, 5), new TaskSpanInfo("asleep", 15, 45), new TaskSpanInfo("<bogus>", 59, 1)],
        };

        var html = await RenderAsync(story);

        var spans = Regex.Matches(html, "<rect class=\"span (\\w+)\" x=\"([\\d.]+)\" y=\"4\" width=\"([\\d.]+)\"").Select(m => (m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value)).ToArray();
        Assert.Equal([("waiting", "0", "166.667"), ("awake", "166.667", "83.333"), ("asleep", "250", "750"), ("unknown", "983.333", "16.667")], spans);
        Assert.Equal(["0 ms", "10 ms", "20 ms", "30 ms", "40 ms", "50 ms", "60 ms"], Regex.Matches(html, "<text x=\"0\" y=\"56\" text-anchor=\"middle\">([^<]*)</text>").Select(m => m.Groups[1].Value));
        Assert.DoesNotContain("<bogus>", html);
        Assert.Equal(4, Html.BodyRows(html, "data-spans").Count);
    }

    [Fact]
    public async Task Render_TruncatedTimeline_SaysOnlyTheFirstSpansWereKept()
    {
        var html = await RenderAsync(Story() with { TimelineTruncated = true });

        Assert.Contains("Only the first spans were kept", html);
    }

    [Fact]
    public async Task Render_MoreChildrenThanTheLimit_ShowsTheLimitAndHowManyMore()
    {
        var children = Enumerable.Range(100, 5).Select(i => new RunTaskStoryChild(RunFixtures.Sample(i), [])).ToArray();

        var html = await RenderAsync(Story(children: children), new DashboardUiOptions { MaxStoryChildren = 3 });

        Assert.Equal(4, Regex.Matches(html, "<div class=\"task-node").Count);
        Assert.Contains("and 2 more children", html);
    }

    [Fact]
    public async Task Render_StoredStoryThatLeftChildrenOut_CountsThemWithThoseBeyondTheLimit()
    {
        var children = Enumerable.Range(100, 5).Select(i => new RunTaskStoryChild(RunFixtures.Sample(i), [RunFixtures.Sample(i * 10)], OmittedChildren: 4)).ToArray();
        var story = Story(children: children) with { Source = TaskStorySources.Stored, OmittedChildren = 20 };

        var html = await RenderAsync(story, new DashboardUiOptions { MaxStoryChildren = 3 });

        Assert.Equal(1 + 3 + 3, Regex.Matches(html, "<div class=\"task-node").Count);
        Assert.Contains("and 22 more children", html);
        Assert.Equal(3, Regex.Matches(html, "<li class=\"muted\">and 4 more</li>").Count);
    }

    [Fact]
    public async Task Render_FailedTask_SaysHowItEndedInItsNode()
    {
        var story = Story() with { Task = RunFixtures.Sample(5) with { Outcome = "Faulted" } };

        var html = await RenderAsync(story);

        Assert.Contains("<span class=\"task-outcome\"><span class=\"pill pill-bad\">faulted</span></span>", html);
        Assert.Contains("<span data-outcome>faulted</span>", html);
    }

    [Fact]
    public async Task Render_ParentNotKept_SaysWhy()
    {
        var html = await RenderAsync(Story());

        Assert.Contains($"Spawned by task <a href=\"runs/{RunFixtures.RunId}/tasks/7\" data-parent-link>#7</a>, which is not among the completed tasks kept", html);
    }

    [Fact]
    public async Task Render_SampledStoryOfAStoredRun_SaysRelativesAreShownOnlyWhereTheyWereSampled()
    {
        var story = Story(children: [new RunTaskStoryChild(RunFixtures.Sample(11, name: "child"), [])]) with { Source = TaskStorySources.Sampled };

        var html = await RenderAsync(story);

        Assert.Contains("data-story-source=\"sampled\"", html);
        Assert.Contains("Rebuilt from the tasks this stored run sampled: its relatives are shown only where they were sampled too.", html);
        Assert.Contains("Spawned by task #7, which was not sampled.", html);
        Assert.DoesNotContain("which is not among the completed tasks kept", html);
        Assert.Equal(2, Regex.Matches(html, "<div class=\"task-node").Count);
    }

    [Theory]
    [InlineData(TaskStorySources.Live)]
    [InlineData(TaskStorySources.Stored)]
    public async Task Render_LiveOrStoredStory_HasNoSampledNote(string source)
    {
        var html = await RenderAsync(Story() with { Source = source });

        Assert.Contains($"data-story-source=\"{source}\"", html);
        Assert.DoesNotContain("data-sampled-note", html);
        Assert.Contains("which is not among the completed tasks kept", html);
        Assert.Equal(3, Html.BodyRows(html, "data-spans").Count);
    }

    [Fact]
    public async Task Render_TaskNoLongerKept_SaysSoAndLinksBackToTheRun()
    {
        var html = await RenderAsync(null);

        Assert.Contains("Task #5 is no longer kept", html);
        Assert.Contains($"href=\"runs/{RunFixtures.RunId}\"", html);
    }

    [Fact]
    public async Task Render_UnknownRun_SaysSo()
    {
        var html = await ComponentRenderer.RenderAsync<TaskStory>(path: "runs/nope/tasks/5", parameters: new Dictionary<string, object?> { ["RunId"] = "nope", ["TaskId"] = 5L });

        Assert.Contains("Unknown run", html);
        Assert.Contains("<code>nope</code>", html);
    }

    [Fact]
    public async Task Render_HostileTaskName_IsEncoded()
    {
        var story = Story() with { Task = RunFixtures.Sample(5, name: "<script>alert(1)</script>") };

        var html = await RenderAsync(story);

        Assert.DoesNotContain("<script>alert(1)", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
    }

    private static RunTaskStory Story(IReadOnlyList<TaskSample>? ancestors = null, IReadOnlyList<RunTaskStoryChild>? children = null) => new(
        RunFixtures.Sample(5),
        ancestors ?? [],
        children ?? [],
        [new TaskSpanInfo("waiting", 0, 10), new TaskSpanInfo("awake", 10, 5), new TaskSpanInfo("asleep", 15, 45)],
        false);

    private static Task<string> RenderAsync(RunTaskStory? story, DashboardUiOptions? options = null) =>
        ComponentRenderer.RenderAsync<TaskStory>(
            options: options,
            path: $"runs/{RunFixtures.RunId}/tasks/5",
            parameters: new Dictionary<string, object?> { ["RunId"] = RunFixtures.RunId, ["TaskId"] = 5L },
            services: s => s.AddSingleton<IRunDirectory>(new FakeRunDirectory(
                [RunFixtures.Details()],
                story is null ? new Dictionary<long, RunTaskStory>() : new Dictionary<long, RunTaskStory> { [5] = story })));
}
