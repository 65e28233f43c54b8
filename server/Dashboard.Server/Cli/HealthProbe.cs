namespace Dashboard.Server.Cli;

/// <summary>
/// <c>probe [--url URL]</c>: asks a running dashboard's readiness endpoint and exits 0 when it
/// answers 200, 1 otherwise: a container's HEALTHCHECK with no HTTP client in the image.
/// </summary>
internal static class HealthProbe
{
    public const string DefaultUrl = DashboardApplication.DefaultUrl + "/health/ready";

    public static async Task<int> RunAsync(string url, TimeSpan timeout, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var address) || address.Scheme is not ("http" or "https"))
        {
            await stderr.WriteLineAsync($"error: --url: expected an absolute http(s) URL such as {DefaultUrl}, got '{url}'");
            return CommandLineEntry.InvalidInput;
        }

        using var client = new HttpClient { Timeout = timeout };
        try
        {
            using var response = await client.GetAsync(address, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            await (response.IsSuccessStatusCode ? stdout : stderr).WriteLineAsync($"{(int)response.StatusCode} {body}");
            return response.IsSuccessStatusCode ? CommandLineEntry.Passed : CommandLineEntry.ThresholdsFailed;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            await stderr.WriteLineAsync($"unhealthy: {address} did not answer: {ex.Message}");
            return CommandLineEntry.ThresholdsFailed;
        }
    }
}
