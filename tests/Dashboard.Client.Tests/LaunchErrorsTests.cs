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
    [InlineData("phases[0].keepConstant.copies", LaunchField.Users)]
    [InlineData("phases[2].rampingConstant.copies", LaunchField.Users)]
    [InlineData("thresholds[0]", LaunchField.General)]
    [InlineData("requests[1].path", LaunchField.General)]
    [InlineData("", LaunchField.General)]
    public void FieldOf_ServerPath_IsTheFormFieldThatSetsIt(string path, string field) =>
        Assert.Equal(field, LaunchErrors.FieldOf(path));

    [Fact]
    public void ByField_ProblemOfAFieldThePersonTypedIn_ShowsNextToItWithoutItsPath()
    {
        var byField = LaunchErrors.ByField(
        [
            new FieldError("phases[0].inject.rate", "expected 0..200000, got -5"),
            new FieldError("phases[1].keepConstant.copies", "expected 1..10000, got 0"),
            new FieldError("connections", "expected 1..2000, got 0"),
        ], typed: field => field is LaunchField.Rate or LaunchField.Users or LaunchField.Connections);

        Assert.Equal(["expected 0..200000, got -5"], byField[LaunchField.Rate]);
        Assert.Equal(["expected 1..10000, got 0"], byField[LaunchField.Users]);
        Assert.Equal(["expected 1..2000, got 0"], byField[LaunchField.Connections]);
        Assert.Equal(3, byField.Count);
    }

    [Fact]
    public void ByField_ProblemOfTheScenarioAsWritten_ShowsUnderTheJsonBoxWithItsPath()
    {
        var byField = LaunchErrors.ByField(
        [
            new FieldError("phases[0].inject.rate", "expected 0..200000, got -5"),
            new FieldError("thresholds[0]", "unknown metric"),
            new FieldError("connections", "expected 1..2000, got 0"),
        ], typed: _ => false);

        Assert.Equal(["phases[0].inject.rate: expected 0..200000, got -5", "thresholds[0]: unknown metric", "connections: expected 1..2000, got 0"], byField[LaunchField.Json]);
        Assert.Single(byField);
    }

    [Fact]
    public void ByField_TheScenarioAsAWhole_ShowsAboveTheForm()
    {
        var byField = LaunchErrors.ByField([new FieldError("$", "too many problems"), new FieldError("", "3 runs are already going")], typed: _ => true);

        Assert.Equal(["too many problems", "3 runs are already going"], byField[LaunchField.General]);
        Assert.Single(byField);
    }

    [Fact]
    public void OfForm_TheFormsOwnChecks_ShowByTheFieldTheyName()
    {
        var byField = LaunchErrors.OfForm(
        [
            new FieldError(LaunchField.Rate, "expected a number of requests per second, got 'fast'"),
            new FieldError(LaunchField.Connections, "expected a whole number, got '1.5'"),
        ]);

        Assert.Equal(["expected a number of requests per second, got 'fast'"], byField[LaunchField.Rate]);
        Assert.Equal(["expected a whole number, got '1.5'"], byField[LaunchField.Connections]);
    }
}
