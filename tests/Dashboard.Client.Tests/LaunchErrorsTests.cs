using Dashboard.Client.Launching;
using Dashboard.Contracts.Runs;

namespace Dashboard.Client.Tests;

public sealed class LaunchErrorsTests
{
    [Theory]
    [InlineData("phases[0].inject.rate", LaunchField.Rate)]
    [InlineData("phases[12].rampingInject.rate", LaunchField.Rate)]
    [InlineData("phases[1].inject.during", LaunchField.Duration)]
    [InlineData("phases[0].keepConstant.during", LaunchField.Duration)]
    [InlineData("phases[3].pause", LaunchField.Duration)]
    [InlineData("phases", LaunchField.Duration)]
    [InlineData("connections", LaunchField.Connections)]
    [InlineData("target.url", LaunchField.TargetUrl)]
    [InlineData("target", LaunchField.TargetUrl)]
    [InlineData("rate", LaunchField.Rate)]
    [InlineData("phases[0].keepConstant.copies", LaunchField.General)]
    [InlineData("thresholds[0]", LaunchField.General)]
    [InlineData("requests[1].path", LaunchField.General)]
    [InlineData("", LaunchField.General)]
    public void FieldOf_ServerPath_IsTheFormFieldThatSetsIt(string path, string field) =>
        Assert.Equal(field, LaunchErrors.FieldOf(path));

    [Fact]
    public void ByField_FromTheForm_PutsEachMessageByItsFieldAndKeepsThePathOfTheRest()
    {
        var byField = LaunchErrors.ByField(
        [
            new FieldError("phases[0].inject.rate", "expected 0..200000, got -5"),
            new FieldError("thresholds[0]", "unknown metric"),
            new FieldError("$", "too many problems"),
        ], fromJson: false);

        Assert.Equal(["expected 0..200000, got -5"], byField[LaunchField.Rate]);
        Assert.Equal(["thresholds[0]: unknown metric", "too many problems"], byField[LaunchField.General]);
    }

    [Fact]
    public void ByField_FromTheJsonView_PutsEveryMessageUnderTheBoxWithItsPath()
    {
        var byField = LaunchErrors.ByField(
        [
            new FieldError("phases[0].inject.rate", "expected 0..200000, got -5"),
            new FieldError("connections", "expected 1..2000, got 0"),
        ], fromJson: true);

        Assert.Equal(["phases[0].inject.rate: expected 0..200000, got -5", "connections: expected 1..2000, got 0"], byField[LaunchField.Json]);
        Assert.Single(byField);
    }
}
