using Dashboard.Server.Security;

namespace Dashboard.Server.Tests.Security;

public sealed class BoundAddressesTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5000", false, false)]
    [InlineData("http://localhost:5000;http://[::1]:5001", false, false)]
    [InlineData("http://0.0.0.0:5000", true, true)]
    [InlineData("http://*:5000", true, true)]
    [InlineData("http://+:5000", true, true)]
    [InlineData("http://[::]:5000", true, true)]
    [InlineData("http://10.1.2.3:5000", true, false)]
    [InlineData("http://127.0.0.1:5000;http://dashboard.example:80", true, false)]
    public void From_Urls_SaysWhetherTheyReachBeyondLoopback(string urls, bool beyond, bool wildcard)
    {
        var bound = BoundAddresses.From(urls, "http://127.0.0.1:5000");

        Assert.Equal(beyond, bound.BeyondLoopback);
        Assert.Equal(wildcard, bound.AnyWildcard);
        Assert.Contains("localhost", bound.Hosts);
    }

    [Fact]
    public void From_NamedHost_AddsItToTheAnsweredNames()
    {
        var bound = BoundAddresses.From("http://10.1.2.3:5000", "unused");

        Assert.Contains("10.1.2.3", bound.Hosts);
        Assert.Contains("127.0.0.1", bound.Hosts);
        Assert.Contains("[::1]", bound.Hosts);
        Assert.DoesNotContain("evil.example", bound.Hosts);
    }

    [Fact]
    public void From_EveryInterface_AnswersTheMachinesOwnNames()
    {
        var bound = BoundAddresses.From("http://0.0.0.0:5000", "unused", ["build-box", "10.9.8.7", "[fd00::5]"]);

        Assert.Contains("build-box", bound.Hosts);
        Assert.Contains("[fd00::5]", bound.Hosts);
        Assert.DoesNotContain("0.0.0.0", bound.Hosts);
    }

    [Fact]
    public void HostText_WritesIPv6InBrackets()
    {
        Assert.Equal("[::1]", BoundAddresses.HostText(System.Net.IPAddress.IPv6Loopback));
        Assert.Equal("127.0.0.1", BoundAddresses.HostText(System.Net.IPAddress.Loopback));
    }

    [Fact]
    public void LoginUrls_ForEveryInterface_NameLocalhostAndTheMachine_ForOneAddressJustIt()
    {
        var everywhere = LoginAnnouncement.LoginUrls(["http://0.0.0.0:5000"], "tok-en");
        var one = LoginAnnouncement.LoginUrls(["http://[::1]:5080"], "tok-en");

        Assert.Equal(["http://localhost:5000/login?t=tok-en", $"http://{Environment.MachineName.ToLowerInvariant()}:5000/login?t=tok-en"], everywhere.Select(u => u.ToLowerInvariant()));
        Assert.Equal("http://[::1]:5080/login?t=tok-en", Assert.Single(one));
    }

    [Fact]
    public void From_Nothing_ReadsTheDefault()
    {
        Assert.False(BoundAddresses.From(null, "http://127.0.0.1:5000").BeyondLoopback);
    }
}
