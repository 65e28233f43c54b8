using System.Net.Http.Json;
using System.Text;
using Dashboard.Contracts.Runs;

namespace Dashboard.Browser.Tests;

/// <summary>Runs a short scenario through the REST API and waits for its end, for a test that needs a run in the history.</summary>
internal static class FinishedRuns
{
    public static async Task<RunInfo> RunToEndAsync(Uri baseAddress, string scenarioJson)
    {
        using var client = new HttpClient { BaseAddress = baseAddress };
        var response = await client.PostAsync("api/runs", new StringContent(scenarioJson, Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
        var id = (await response.Content.ReadFromJsonAsync<RunCreated>())!.Id;
        return await Waits.UntilAsync(
            async () => (await client.GetFromJsonAsync<Detail>($"api/runs/{id}"))!.Run is { Status: not RunStatus.Running } run ? run : null,
            $"run {id} to end",
            TimeSpan.FromSeconds(20));
    }

    private sealed record Detail(RunInfo Run);
}
