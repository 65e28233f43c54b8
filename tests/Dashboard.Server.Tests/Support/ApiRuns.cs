using System.Net.Http.Json;
using System.Text;
using Dashboard.Contracts.Runs;

namespace Dashboard.Server.Tests.Support;

/// <summary>Starting short runs through the REST API and waiting for their end (bounded).</summary>
internal static class ApiRuns
{
    public static string Scenario(string name, string during = "1s", int rate = 50) => $$"""
        {
          "name": "{{name}}",
          "target": { "workload": "io-bound" },
          "phases": [ { "inject": { "rate": {{rate}}, "during": "{{during}}" } } ],
          "connections": 5,
          "thresholds": [ "errors.rate < 1%" ]
        }
        """;

    public static async Task<string> StartAsync(HttpClient client, string scenarioJson)
    {
        var response = await client.PostAsync("/api/runs", new StringContent(scenarioJson, Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<RunCreated>())!.Id;
    }

    public static Task<RunInfo> WaitUntilEndedAsync(HttpClient client, string id) =>
        Waits.UntilAsync(
            async () => (await client.GetFromJsonAsync<Detail>($"/api/runs/{id}"))!.Run is { Status: not RunStatus.Running } run ? run : null,
            $"run {id} to end",
            TimeSpan.FromSeconds(30));

    private sealed record Detail(RunInfo Run);
}
