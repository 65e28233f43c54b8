using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Contracts.Runs;
using Dashboard.Server.Storage;
using Dashboard.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Server.Tests.History;

/// <summary>Task stories of a run after the host restarted: stored at the run's end, or rebuilt from its samples.</summary>
public sealed class StoredStoryApiTests : IDisposable
{
    private const string BlockerScenario = """
        {
          "name": "stored-stories",
          "target": { "workload": "hello" },
          "requests": [
            { "name": "hello", "weight": 85, "workload": "hello" },
            { "name": "blocker", "weight": 15, "workload": "blocker" }
          ],
          "phases": [ { "inject": { "rate": 20, "during": "2s" } } ],
          "seed": 4,
          "connections": 5
        }
        """;

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    private readonly string _data = Path.Combine(Path.GetTempPath(), "stories-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    [Fact]
    public async Task Restart_StoredRun_AnswersStoredAndSampledStoriesAndNamesAnUnknownTask()
    {
        string id;
        long blocker;
        string liveStory;
        List<RunSnapshot> snapshots;
        await using (var before = new DashboardFactory(_data).With("Storage:MaxStoredStories", "12"))
        {
            using var client = before.CreateClient();
            id = await ApiRuns.StartAsync(client, BlockerScenario);
            var info = await ApiRuns.WaitUntilEndedAsync(client, id);
            var blocks = info.WorstBlocks.Where(b => b.Kind == "blocker").ToArray();
            Assert.True(blocks.Length > 0, "a 200 ms cpu step is a slow step: " + string.Join(", ", info.WorstBlocks.Select(b => b.Kind)));
            blocker = blocks[0].TaskId;
            liveStory = await client.GetStringAsync($"/api/runs/{id}/tasks/{blocker}");
            snapshots = (await client.GetFromJsonAsync<List<RunSnapshot>>($"/api/runs/{id}/snapshots"))!;
        }

        await using var after = new DashboardFactory(_data);
        using var restarted = after.CreateClient();
        var store = after.Services.GetRequiredService<RunStore>();

        // The worst block's story, kept at the run's end: what the live run told, from the store
        // (its relatives with their times, not their spans; at most 50 children, the rest counted).
        var live = JsonSerializer.Deserialize<RunTaskStory>(liveStory, Web)!;
        var blockerStory = (await restarted.GetFromJsonAsync<RunTaskStory>($"/api/runs/{id}/tasks/{blocker}", Web))!;
        Assert.Equal((TaskStorySources.Live, TaskStorySources.Stored), (live.Source, blockerStory.Source));
        Assert.Equal(JsonSerializer.Serialize(live.Task, Web), JsonSerializer.Serialize(blockerStory.Task, Web));
        Assert.Equal(JsonSerializer.Serialize(live.Timeline, Web), JsonSerializer.Serialize(blockerStory.Timeline, Web));
        Assert.Contains(blockerStory.Timeline, s => s.State == "awake" && s.DurationMs >= 150);
        Assert.Equal(live.Ancestors.Select(a => (a.Id, a.LifetimeMs, a.WaitingMs)), blockerStory.Ancestors.Select(a => (a.Id, a.LifetimeMs, a.WaitingMs)));
        Assert.Equal(live.Children.Take(50).Select(c => c.Task.Id), blockerStory.Children.Select(c => c.Task.Id));
        Assert.Equal(Math.Max(0, live.Children.Count - 50), blockerStory.OmittedChildren);
        // Bounded: 12 of the run's worst blocks (at most 10) and sampled tasks (about 40).
        Assert.Equal(12, store.CountStories(id));

        // Every sampled task answers; beyond the 12 stored stories (worst blocks first), rebuilt from the samples.
        var sources = new Dictionary<long, RunTaskStory>();
        foreach (var sample in snapshots.SelectMany(s => s.Samples).DistinctBy(s => s.Id))
        {
            var response = await restarted.GetAsync($"/api/runs/{id}/tasks/{sample.Id}");
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"sampled task {sample.Id}: {response.StatusCode}");
            sources[sample.Id] = (await response.Content.ReadFromJsonAsync<RunTaskStory>(Web))!;
        }

        Assert.InRange(sources.Values.Count(s => s.Source == TaskStorySources.Stored), 0, 12);
        var rebuilt = snapshots.SelectMany(s => s.Samples).First(s => sources[s.Id].Source == TaskStorySources.Sampled);
        var sampled = sources[rebuilt.Id];
        Assert.Equal(rebuilt.Id, sampled.Task.Id);
        Assert.NotEmpty(sampled.Timeline);
        Assert.Equal(sampled.Task.LifetimeMs, sampled.Timeline.Sum(s => s.DurationMs), 3);

        // Neither stored nor sampled: 404 naming taskId and where it was looked for; an unknown run as before.
        var unknownTask = await restarted.GetAsync($"/api/runs/{id}/tasks/987654321");
        Assert.Equal(HttpStatusCode.NotFound, unknownTask.StatusCode);
        var problem = (await unknownTask.Content.ReadFromJsonAsync<ValidationProblem>(Web))!;
        Assert.Equal("task not found", problem.Title);
        var error = Assert.Single(problem.Errors);
        Assert.Equal("taskId", error.Path);
        Assert.Contains("task 987654321 has no story stored with run", error.Message);
        Assert.Contains("Storage:MaxStoredStories", error.Message);
        var unknownRun = await restarted.GetAsync("/api/runs/20000101-000000-000000/tasks/1");
        Assert.Equal(HttpStatusCode.NotFound, unknownRun.StatusCode);
        Assert.Contains("unknown run", await unknownRun.Content.ReadAsStringAsync());

        // The pages: the story of a stored run renders, and the sampled one says what it lacks.
        var storedPage = await restarted.GetAsync($"/runs/{id}/tasks/{blocker}");
        Assert.Equal(HttpStatusCode.OK, storedPage.StatusCode);
        var storedHtml = await storedPage.Content.ReadAsStringAsync();
        Assert.Contains("data-story-source=\"stored\"", storedHtml);
        Assert.DoesNotContain("data-sampled-note", storedHtml);
        var sampledHtml = await restarted.GetStringAsync($"/runs/{id}/tasks/{rebuilt.Id}");
        Assert.Contains("data-story-source=\"sampled\"", sampledHtml);
        Assert.Contains("relatives are shown only where they were sampled too", sampledHtml);
        Assert.Equal(HttpStatusCode.NotFound, (await restarted.GetAsync($"/runs/{id}/tasks/987654321")).StatusCode);
    }

    [Fact]
    public void InvalidMaxStoredStories_StopsStartupNamingTheSetting()
    {
        using var factory = new DashboardFactory().With("Storage:MaxStoredStories", "-1");

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("Storage:MaxStoredStories: expected 0..10000, got -1", error.ToString());
    }
}
