using System.Text;
using Dashboard.Load.Http;
using Dashboard.Load.Scenarios;

namespace Dashboard.Load.Tests.Http;

public sealed class RequestTemplateTests
{
    [Fact]
    public void WriteTo_Get_EncodesRequestWithCorrelationId()
    {
        RequestTemplate template = RequestTemplate.Create(new RequestKindPlan("hello", 1, "GET", "/w/hello", [], null), "127.0.0.1:5080", "run1");
        var buffer = new byte[template.Length];
        int length = template.WriteTo(buffer, 42);

        Assert.Equal(
            "GET /w/hello HTTP/1.1\r\nHost: 127.0.0.1:5080\r\nX-Correlation-Id: run1-000000000042\r\n\r\n",
            Encoding.ASCII.GetString(buffer, 0, length));
        Assert.Equal("run1-000000000042", RequestTemplate.CorrelationId("run1", 42));
        Assert.False(template.IsHead);
    }

    [Fact]
    public void WriteTo_PostWithBody_AddsTypeAndLength_AndOnlyTheIdChanges()
    {
        byte[] body = Encoding.UTF8.GetBytes("{\"a\":1}");
        RequestTemplate template = RequestTemplate.Create(new RequestKindPlan("p", 1, "POST", "/w", body, "application/json"), "h:1", "r");
        var first = new byte[template.Length];
        var second = new byte[template.Length];
        template.WriteTo(first, 1);
        template.WriteTo(second, 999_999_999_999);

        string text = Encoding.ASCII.GetString(first);
        Assert.StartsWith("POST /w HTTP/1.1\r\n", text);
        Assert.Contains("\r\nContent-Type: application/json\r\nContent-Length: 7\r\n\r\n{\"a\":1}", text);
        Assert.Contains("X-Correlation-Id: r-999999999999\r\n", Encoding.ASCII.GetString(second));
        int differing = first.Zip(second).Count(p => p.First != p.Second);
        Assert.Equal(12, differing);
    }

    [Fact]
    public void Create_PostWithoutBody_SaysContentLengthZero()
    {
        RequestTemplate template = RequestTemplate.Create(new RequestKindPlan("p", 1, "POST", "/x", [], null), "h", "r");
        Assert.Contains("Content-Length: 0\r\n", Encoding.ASCII.GetString(template.Bytes));
    }

    [Fact]
    public void Create_Head_IsMarkedSoTheParserExpectsNoBody()
    {
        Assert.True(RequestTemplate.Create(new RequestKindPlan("h", 1, "HEAD", "/", [], null), "h", "r").IsHead);
    }
}
