using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Dashboard.Server.Security;

/// <summary>
/// Whether a token is required and which: required when the dashboard listens beyond loopback
/// (or Dashboard:RequireToken says so); the configured one, else one generated at start (and
/// printed as a login URL). Compared in constant time.
/// </summary>
internal sealed class DashboardAccess
{
    public const string CookieName = "loop-dashboard-token";

    private readonly byte[] _token;

    public DashboardAccess(IOptions<DashboardSecurityOptions> options, BoundAddresses addresses)
    {
        var settings = options.Value;
        Required = settings.RequireToken || addresses.BeyondLoopback;
        Generated = string.IsNullOrEmpty(settings.Token);
        Token = Generated ? Base64Url(RandomNumberGenerator.GetBytes(24)) : settings.Token!;
        _token = Encoding.UTF8.GetBytes(Token);
        Addresses = addresses;
        LoginLifetime = settings.LoginLifetime;
    }

    public bool Required { get; }

    public string Token { get; }

    /// <summary>No token was configured: this one was made at start and exists only in this process.</summary>
    public bool Generated { get; }

    public BoundAddresses Addresses { get; }

    public TimeSpan LoginLifetime { get; }

    public bool Matches(string? candidate)
    {
        if (string.IsNullOrEmpty(candidate))
        {
            return false;
        }

        var bytes = Encoding.UTF8.GetBytes(candidate);
        return bytes.Length == _token.Length && CryptographicOperations.FixedTimeEquals(bytes, _token);
    }

    /// <summary>The token a request carries: its cookie, its Bearer header, or (the hub's WebSocket from a script) access_token.</summary>
    public bool Admits(HttpRequest request)
    {
        if (Matches(request.Cookies[CookieName]))
        {
            return true;
        }

        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && Matches(authorization["Bearer ".Length..].Trim()))
        {
            return true;
        }

        // Browsers cannot set headers on a WebSocket; SignalR's clients send the token this way.
        return request.Path.StartsWithSegments("/hubs", StringComparison.OrdinalIgnoreCase) && Matches(request.Query["access_token"].FirstOrDefault());
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
