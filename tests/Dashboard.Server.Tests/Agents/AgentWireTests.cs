using System.Text;
using Dashboard.Server.Distributed;

namespace Dashboard.Server.Tests.Agents;

/// <summary>What crosses the broker: one JSON form, and the checks a message passes before it is believed.</summary>
public sealed class AgentWireTests
{
    [Fact]
    public void Announcement_RoundTrips()
    {
        var sent = new AgentAnnouncement("east-1", "abc", "load-1", "1.0.0", 8, 2000, ["http://10.0.0.3:5080"]);

        var read = AgentWire.Decode<AgentAnnouncement>(AgentWire.Encode(sent), out var problem);

        Assert.Null(problem);
        Assert.Equal(sent with { AllowedTargets = read!.AllowedTargets }, read);
        Assert.Equal(sent.AllowedTargets, read.AllowedTargets);
    }

    [Theory]
    [InlineData("", "empty message")]
    [InlineData("{not json", "not a AgentAnnouncement")]
    [InlineData("null", "not a AgentAnnouncement: null")]
    [InlineData("""{"name":"a.b","instance":"i","host":"h","version":"v","cores":1,"maxConnections":1,"allowedTargets":[]}""", "name: expected letters, digits")]
    [InlineData("""{"name":"a","instance":"","host":"h","version":"v","cores":1,"maxConnections":1,"allowedTargets":[]}""", "instance: expected text")]
    [InlineData("""{"name":"a","instance":"i","host":"h","version":"v","cores":0,"maxConnections":1,"allowedTargets":[]}""", "cores: expected 1..65536, got 0")]
    [InlineData("""{"name":"a","instance":"i","host":"h","version":"v","cores":1,"maxConnections":1}""", "allowedTargets: expected a list of origins")]
    [InlineData("""{"name":"a","instance":"i","host":"h","version":"v","cores":1,"maxConnections":1,"allowedTargets":[""]}""", "allowedTargets: expected text")]
    public void Announcement_Wrong_IsRefusedSayingWhy(string json, string expected)
    {
        var read = AgentWire.Decode<AgentAnnouncement>(Encoding.UTF8.GetBytes(json), out var problem);

        Assert.Null(read);
        Assert.Contains(expected, problem);
    }

    [Fact]
    public void Message_TooLarge_IsRefusedUnread()
    {
        var read = AgentWire.Decode<AgentHeartbeat>(new byte[AgentWire.MaxMessageBytes + 1], out var problem);

        Assert.Null(read);
        Assert.Equal($"message of {AgentWire.MaxMessageBytes + 1} bytes; expected at most {AgentWire.MaxMessageBytes}", problem);
    }

    [Fact]
    public void Announcement_TooManyTargetsOrTooLongAName_IsRefused()
    {
        var many = new AgentAnnouncement("a", "i", "h", "v", 1, 1, Enumerable.Range(0, AgentAnnouncement.MaxTargets + 1).Select(i => $"http://h:{i}").ToArray());
        var longName = new AgentAnnouncement(new string('a', AgentSubjects.MaxNameLength + 1), "i", "h", "v", 1, 1, []);

        Assert.Contains("allowedTargets: expected at most 64", many.Problem());
        Assert.Contains("name: expected at most 64 characters", longName.Problem());
    }

    [Theory]
    [InlineData("vm.example.com-1234", "vm-example-com-1234")]
    [InlineData("...", "agent")]
    [InlineData("ok_name-2", "ok_name-2")]
    public void Sanitize_MakesAName_OfOneSubjectToken(string text, string expected)
    {
        Assert.Equal(expected, AgentSubjects.Sanitize(text));
        Assert.Null(AgentSubjects.NameProblem(AgentSubjects.Sanitize(text)));
    }

    [Theory]
    [InlineData("nats://127.0.0.1:4222", null, "nats://127.0.0.1:4222")]
    [InlineData("nats://user:secret@10.0.0.2:4222", null, "nats://10.0.0.2:4222")]
    [InlineData("nats://a:4222, nats://tok@b:4222", null, "nats://a:4222,nats://b:4222")]
    [InlineData("http://127.0.0.1:4222", "expected a NATS server URL such as nats://127.0.0.1:4222, got \"http://127.0.0.1:4222\"", "http://127.0.0.1:4222")]
    [InlineData("127.0.0.1:4222", "expected a NATS server URL", "127.0.0.1:4222")]
    public void NatsAddress_IsCheckedAndShownWithoutCredentials(string text, string? error, string display)
    {
        var address = NatsAddress.Parse(text);

        Assert.Equal(display, address.Display);
        if (error is null)
        {
            Assert.Null(address.Error);
        }
        else
        {
            Assert.StartsWith(error, address.Error);
        }
    }

    [Fact]
    public void Options_Wrong_AreEachNamed()
    {
        var errors = new DistributedOptions
        {
            Nats = "http://x",
            Token = "t",
            User = "u",
            HeartbeatInterval = TimeSpan.FromSeconds(2),
            LostAfter = TimeSpan.FromSeconds(3),
            MaxAgents = 0,
        }.Validate();

        Assert.Contains(errors, e => e.StartsWith("Distributed:Nats: expected a NATS server URL", StringComparison.Ordinal));
        Assert.Contains("Distributed:Token: expected a token or a user and password, not both", errors);
        Assert.Contains("Distributed:User: expected a user and a password together", errors);
        Assert.Contains("Distributed:LostAfter: expected at least two heartbeat intervals (00:00:04), got 00:00:03", errors);
        Assert.Contains("Distributed:MaxAgents: expected 1..10000, got 0", errors);
        Assert.Empty(new DistributedOptions().Validate());
    }
}
