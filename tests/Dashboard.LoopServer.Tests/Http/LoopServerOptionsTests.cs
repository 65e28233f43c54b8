using System.Reflection;

namespace Dashboard.LoopServer.Tests.Http;

public sealed class LoopServerOptionsTests
{
    [Fact]
    public void Validate_Defaults_NoErrors()
    {
        var options = new LoopServerOptions();

        Assert.Empty(options.Validate());
        Assert.Equal("127.0.0.1", options.Host);
        Assert.Equal(5080, options.Port);
        Assert.Equal(8 * 1024, options.MaxRequestLineBytes);
        Assert.Equal(32 * 1024, options.MaxRequestHeadersTotalBytes);
        Assert.Equal(100, options.MaxRequestHeaderCount);
        Assert.Equal(1024 * 1024, options.MaxRequestBodyBytes);
        Assert.Equal(TimeSpan.FromSeconds(10), options.HeaderReadTimeout);
        Assert.Equal(TimeSpan.FromSeconds(30), options.KeepAliveIdleTimeout);
        Assert.Equal(10_000, options.MaxConnections);
        Assert.Equal(64, options.MaxPipelinedRequests);
        Assert.Equal(16 * 1024, options.ReceiveBufferBytes);
        Assert.Equal(8_000, options.MaxConnectionsPerSource);
        Assert.Equal(240, options.MinRequestBodyDataRate);
        Assert.Equal(TimeSpan.FromSeconds(5), options.MinRequestBodyDataRateGracePeriod);
        Assert.Equal(TimeSpan.FromSeconds(30), options.SendTimeout);
    }

    public static TheoryData<string, string> InvalidCases => new()
    {
        { "Port=70000", "LoopServer:Port: expected 0..65535, got 70000" },
        { "Port=-1", "LoopServer:Port: expected 0..65535, got -1" },
        { "Host=localhost", "LoopServer:Host: expected an IP address such as 127.0.0.1, got 'localhost'" },
        { "Host=", "LoopServer:Host: expected an IP address such as 127.0.0.1, got ''" },
        { "MaxRequestLineBytes=0", "LoopServer:MaxRequestLineBytes: expected 16..1048576, got 0" },
        { "MaxRequestHeadersTotalBytes=2000000", "LoopServer:MaxRequestHeadersTotalBytes: expected 16..1048576, got 2000000" },
        { "MaxRequestHeaderCount=0", "LoopServer:MaxRequestHeaderCount: expected 1..10000, got 0" },
        { "MaxRequestBodyBytes=-5", "LoopServer:MaxRequestBodyBytes: expected 0..1073741824, got -5" },
        { "HeaderReadTimeout=0", "LoopServer:HeaderReadTimeout: expected more than 00:00:00 and at most 01:00:00, got 00:00:00" },
        { "KeepAliveIdleTimeout=2h", "LoopServer:KeepAliveIdleTimeout: expected more than 00:00:00 and at most 01:00:00, got 02:00:00" },
        { "MaxConnections=0", "LoopServer:MaxConnections: expected 1..1000000, got 0" },
        { "MaxPipelinedRequests=0", "LoopServer:MaxPipelinedRequests: expected 1..1024, got 0" },
        { "ReceiveBufferBytes=10", "LoopServer:ReceiveBufferBytes: expected 256..16777216, got 10" },
        { "MaxConnectionsPerSource=0", "LoopServer:MaxConnectionsPerSource: expected 1..1000000, got 0" },
        { "SendTimeout=0", "LoopServer:SendTimeout: expected more than 00:00:00 and at most 01:00:00, got 00:00:00" },
        { "MinRequestBodyDataRateGracePeriod=2h", "LoopServer:MinRequestBodyDataRateGracePeriod: expected more than 00:00:00 and at most 01:00:00, got 02:00:00" },
        { "MinRequestBodyDataRate=0", "LoopServer:MinRequestBodyDataRate: expected 1..1073741824 bytes per second, got 0" },
        { "Loops=0", $"LoopServer:Loops: expected 1..{Environment.ProcessorCount} (one loop per core of this machine), got 0" },
        { $"Loops={Environment.ProcessorCount + 1}", $"LoopServer:Loops: expected 1..{Environment.ProcessorCount} (one loop per core of this machine), got {Environment.ProcessorCount + 1}" },
    };

    [Theory]
    [MemberData(nameof(InvalidCases))]
    public void Validate_OneBadValue_OneMessageNamingTheKey(string change, string expected)
    {
        var options = Apply(change);

        Assert.Equal([expected], options.Validate());
    }

    [Fact]
    public void Validate_SeveralBadValues_ReportsEach()
    {
        var options = new LoopServerOptions { Port = 70000, MaxConnections = 0, HeaderReadTimeout = TimeSpan.FromSeconds(-1) };

        var errors = options.Validate();

        Assert.Equal(3, errors.Count);
        Assert.Contains(errors, e => e.StartsWith("LoopServer:Port:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("LoopServer:MaxConnections:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("LoopServer:HeaderReadTimeout:", StringComparison.Ordinal));
    }

    [Fact]
    public void ThrowIfInvalid_Invalid_ThrowsWithEveryMessage()
    {
        var options = new LoopServerOptions { Port = 70000, MaxPipelinedRequests = 0 };

        var error = Assert.Throws<InvalidOperationException>(options.ThrowIfInvalid);

        Assert.Contains("LoopServer:Port: expected 0..65535, got 70000", error.Message, StringComparison.Ordinal);
        Assert.Contains("LoopServer:MaxPipelinedRequests: expected 1..1024, got 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ThrowIfInvalid_Valid_DoesNotThrow()
    {
        new LoopServerOptions { Host = "::1", Port = 0, MaxRequestBodyBytes = 0 }.ThrowIfInvalid();
    }

    [Fact]
    public void Properties_AllPublicReadWrite_SoConfigurationBindingCanSetThem()
    {
        var properties = typeof(LoopServerOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance);

        Assert.Equal(18, properties.Length);
        Assert.All(properties, p => Assert.True(p.SetMethod?.IsPublic, $"{p.Name} has no public setter"));
    }

    private static LoopServerOptions Apply(string change)
    {
        var options = new LoopServerOptions();
        var (key, value) = (change[..change.IndexOf('=')], change[(change.IndexOf('=') + 1)..]);
        switch (key)
        {
            case "Host": options.Host = value; break;
            case "Port": options.Port = int.Parse(value); break;
            case "MaxRequestLineBytes": options.MaxRequestLineBytes = int.Parse(value); break;
            case "MaxRequestHeadersTotalBytes": options.MaxRequestHeadersTotalBytes = int.Parse(value); break;
            case "MaxRequestHeaderCount": options.MaxRequestHeaderCount = int.Parse(value); break;
            case "MaxRequestBodyBytes": options.MaxRequestBodyBytes = long.Parse(value); break;
            case "HeaderReadTimeout": options.HeaderReadTimeout = ParseDuration(value); break;
            case "KeepAliveIdleTimeout": options.KeepAliveIdleTimeout = ParseDuration(value); break;
            case "MaxConnections": options.MaxConnections = int.Parse(value); break;
            case "MaxPipelinedRequests": options.MaxPipelinedRequests = int.Parse(value); break;
            case "ReceiveBufferBytes": options.ReceiveBufferBytes = int.Parse(value); break;
            case "MaxConnectionsPerSource": options.MaxConnectionsPerSource = int.Parse(value); break;
            case "SendTimeout": options.SendTimeout = ParseDuration(value); break;
            case "MinRequestBodyDataRateGracePeriod": options.MinRequestBodyDataRateGracePeriod = ParseDuration(value); break;
            case "Loops": options.Loops = int.Parse(value); break;
            case "MinRequestBodyDataRate": options.MinRequestBodyDataRate = double.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
            default: throw new ArgumentException($"Unknown key {key}", nameof(change));
        }

        return options;
    }

    private static TimeSpan ParseDuration(string value) =>
        value.EndsWith('h') ? TimeSpan.FromHours(int.Parse(value[..^1])) : TimeSpan.FromSeconds(int.Parse(value));
}
