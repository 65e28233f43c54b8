using System.Net;
using System.Text.RegularExpressions;
using Dashboard.Contracts.Loop;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Client.Tests;

/// <summary>
/// The pages served for real (static SSR, antiforgery, form posts) on a free 127.0.0.1 port,
/// with fakes behind the contract interfaces: what HtmlRenderer cannot show, a form posted
/// back to its page, answered with a redirect or the page again with the problems.
/// </summary>
internal sealed partial class SsrHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SsrHost(WebApplication app, Uri address)
    {
        _app = app;
        Client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
        {
            BaseAddress = address,
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    public HttpClient Client { get; }

    public static async Task<SsrHost> StartAsync(Action<IServiceCollection> configure)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddAntiforgery();
        builder.Services.AddSingleton(Options.Create(new DashboardUiOptions()));
        builder.Services.AddSingleton<ILoopStatusSource>(new FakeLoopStatusSource(LoopFixtures.Status()));
        builder.Services.AddLiveFeeds(TimeProvider.System);
        configure(builder.Services);
        var app = builder.Build();
        app.UseAntiforgery();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new SsrHost(app, new Uri(address.TrimEnd('/') + "/"));
    }

    /// <summary>GETs the page and posts its named form with the given fields, its antiforgery token and handler.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string path, string formName, IEnumerable<KeyValuePair<string, string>> fields, bool withToken = true)
    {
        var page = await Client.GetStringAsync(path);
        var token = TokenPattern().Match(page);
        Assert.True(token.Success, $"no antiforgery token on {path}");
        var body = new List<KeyValuePair<string, string>>(fields) { new("_handler", formName) };
        if (withToken)
        {
            body.Add(new("__RequestVerificationToken", WebUtility.HtmlDecode(token.Groups[1].Value)));
        }

        return await Client.PostAsync(path, new FormUrlEncodedContent(body));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
