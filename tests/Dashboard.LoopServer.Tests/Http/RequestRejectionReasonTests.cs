using Dashboard.LoopServer.Http;

namespace Dashboard.LoopServer.Tests.Http;

public sealed class RequestRejectionReasonTests
{
    public static TheoryData<string> Reasons => new(
        Enum.GetNames<RequestRejectionReason>().Where(n => n != nameof(RequestRejectionReason.None)));

    [Theory]
    [MemberData(nameof(Reasons))]
    public void StatusCode_EveryReason_OneOfTheDocumentedCodes(string name)
    {
        var reason = Enum.Parse<RequestRejectionReason>(name);
        var expected = name switch
        {
            nameof(RequestRejectionReason.RequestHeadersTimeout) or nameof(RequestRejectionReason.RequestBodyTooSlow) => 408,
            nameof(RequestRejectionReason.RequestBodyTooLarge) => 413,
            nameof(RequestRejectionReason.RequestLineTooLong) => 414,
            nameof(RequestRejectionReason.RequestHeadersTooLarge) or nameof(RequestRejectionReason.TooManyHeaders) => 431,
            nameof(RequestRejectionReason.TransferEncodingNotSupported) => 501,
            nameof(RequestRejectionReason.TooManyConnections) or nameof(RequestRejectionReason.TooManyConnectionsFromSource) => 503,
            nameof(RequestRejectionReason.HttpVersionNotSupported) => 505,
            _ => 400,
        };

        Assert.Equal(expected, reason.StatusCode());
        Assert.True(reason.ClosesConnection());
        Assert.NotEmpty(reason.ReasonPhrase());
        Assert.NotEmpty(reason.Describe(new LoopServerOptions()));
    }

    [Fact]
    public void Describe_LimitReasons_NameTheConfiguredLimit()
    {
        var limits = new LoopServerOptions
        {
            MaxRequestHeaderCount = 7,
            MaxRequestLineBytes = 1234,
            MaxRequestHeadersTotalBytes = 4321,
            MaxRequestBodyBytes = 99,
            MaxConnections = 5,
            HeaderReadTimeout = TimeSpan.FromMilliseconds(1500),
        };

        Assert.Equal("more than 7 headers", RequestRejectionReason.TooManyHeaders.Describe(limits));
        Assert.Equal("request line longer than 1234 bytes", RequestRejectionReason.RequestLineTooLong.Describe(limits));
        Assert.Equal("request headers larger than 4321 bytes", RequestRejectionReason.RequestHeadersTooLarge.Describe(limits));
        Assert.Equal("Content-Length over the limit of 99 bytes", RequestRejectionReason.RequestBodyTooLarge.Describe(limits));
        Assert.Equal("more than 5 connections", RequestRejectionReason.TooManyConnections.Describe(limits));
        Assert.Equal("request head not received within 1500 ms", RequestRejectionReason.RequestHeadersTimeout.Describe(limits));
    }

    [Fact]
    public void StatusCode_None_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RequestRejectionReason.None.StatusCode());
        Assert.False(RequestRejectionReason.None.ClosesConnection());
    }
}
