using Dashboard.Load.Engine;

namespace Dashboard.Load.Tests.Engine;

public sealed class VirtualUsersTests
{
    [Fact]
    public void SetTarget_StartsEachMissingUserOnce()
    {
        var users = new VirtualUsers(10);
        var started = new List<int>();
        users.SetTarget(3, started.Add);
        users.SetTarget(5, started.Add);
        Assert.Equal([0, 1, 2, 3, 4], started);
        Assert.True(users.ShouldRun(4));
        Assert.False(users.ShouldRun(5));
    }

    [Fact]
    public void LoweredThenRaisedBeforeRetiring_UserKeepsRunningWithoutASecondStart()
    {
        var users = new VirtualUsers(10);
        var started = new List<int>();
        users.SetTarget(5, started.Add);
        users.SetTarget(2, started.Add);
        users.SetTarget(5, started.Add);

        // User 4 never noticed it was retired: it goes on, and nobody started it twice.
        Assert.Equal([0, 1, 2, 3, 4], started);
        Assert.True(users.ShouldRun(4));
    }

    [Fact]
    public void ReleaseAndCheck_RetiredUser_StopsUnlessTargetedAgain()
    {
        var users = new VirtualUsers(4);
        var started = new List<int>();
        users.SetTarget(4, started.Add);
        users.SetTarget(1, started.Add);
        Assert.False(users.ReleaseAndCheck(3));

        users.SetTarget(4, started.Add);
        Assert.Equal([0, 1, 2, 3, 3], started);
    }

    [Fact]
    public void SetTarget_AboveCapacity_IsClamped()
    {
        var users = new VirtualUsers(2);
        var started = new List<int>();
        users.SetTarget(9, started.Add);
        Assert.Equal(2, users.Target);
        Assert.Equal([0, 1], started);
    }
}
