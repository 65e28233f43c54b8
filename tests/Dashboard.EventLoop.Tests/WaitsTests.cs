namespace Dashboard.EventLoop.Tests;

/// <summary>
/// The shared wait helper (tests/Common/Waits.cs, linked into every test project), tested once
/// here, in the quickest project.
/// </summary>
public sealed class WaitsTests
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(100);

    [Fact]
    public async Task Within_SignalThatNeverComes_FailsNamingWhatItWaitedFor()
    {
        var never = new TaskCompletionSource<int>();

        var error = await Assert.ThrowsAsync<TimeoutException>(() => never.Task.Within("the hub's History message", Short));

        Assert.Equal("Waited 0.1 s for the hub's History message; it did not come.", error.Message);
    }

    [Fact]
    public async Task Within_TaskThatEnds_GivesItsResultAndItsOwnException()
    {
        Assert.Equal(7, await Task.FromResult(7).Within("seven"));
        var own = await Assert.ThrowsAsync<TimeoutException>(() => Task.FromException<int>(new TimeoutException("the task's own")).Within("a failing task"));
        Assert.Equal("the task's own", own.Message);
        await Assert.ThrowsAsync<InvalidOperationException>(() => Task.FromException(new InvalidOperationException()).Within("a failing task"));
    }

    [Fact]
    public async Task Until_ConditionThatComesTrue_ReturnsAndOneThatNeverDoes_FailsNamingIt()
    {
        var asked = 0;
        await Waits.Until(() => ++asked == 3, "the third look");
        Assert.Equal(3, asked);

        var error = await Assert.ThrowsAsync<TimeoutException>(() => Waits.Until(() => false, "a condition that never holds", Short));
        Assert.Contains("a condition that never holds", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UntilAsync_GivesTheFirstAnswerAndBoundsAProbeThatNeverAnswers()
    {
        var asked = 0;
        Assert.Equal("found", await Waits.UntilAsync(() => Task.FromResult(++asked < 3 ? null : "found"), "an answer"));

        var hanging = new TaskCompletionSource<string?>();
        var error = await Assert.ThrowsAsync<TimeoutException>(() => Waits.UntilAsync(() => hanging.Task, "a probe that hangs", Short));
        Assert.Contains("a probe that hangs", error.Message, StringComparison.Ordinal);
    }
}
