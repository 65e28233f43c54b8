using System.Diagnostics;

namespace Dashboard.Testing;

/// <summary>
/// The one way a test waits for something that may never come (a task, a hub message, a record, a
/// file, a page's state): always with a deadline, and failing with what it waited for. A wait
/// without a deadline holds its whole test project until the suite's hang guard kills the test
/// host (scripts/test.sh), which names the test but not the wait; this names the wait.
/// </summary>
/// <remarks>Linked into every test project by tests/Directory.Build.props.</remarks>
internal static class Waits
{
    /// <summary>
    /// The deadline when a test gives none: generous for a busy two-core machine, well inside the
    /// suite's per-test hang guard (three minutes by default).
    /// </summary>
    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(30);

    /// <summary>How often <see cref="Until(Func{bool}, string, TimeSpan?)"/> looks again.</summary>
    public static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(20);

    /// <summary>Awaits the task, or fails after the deadline naming <paramref name="what"/>.</summary>
    public static async Task Within(this Task task, string what, TimeSpan? deadline = null)
    {
        var limit = deadline ?? DefaultDeadline;
        try
        {
            await task.WaitAsync(limit).ConfigureAwait(false);
        }
        catch (TimeoutException) when (!task.IsCompleted)
        {
            throw TimedOut(what, limit);
        }
    }

    /// <summary>Awaits the task's result, or fails after the deadline naming <paramref name="what"/>.</summary>
    public static async Task<T> Within<T>(this Task<T> task, string what, TimeSpan? deadline = null)
    {
        var limit = deadline ?? DefaultDeadline;
        try
        {
            return await task.WaitAsync(limit).ConfigureAwait(false);
        }
        catch (TimeoutException) when (!task.IsCompleted)
        {
            throw TimedOut(what, limit);
        }
    }

    /// <inheritdoc cref="Within{T}(Task{T}, string, TimeSpan?)"/>
    public static Task<T> Within<T>(this ValueTask<T> task, string what, TimeSpan? deadline = null) =>
        task.AsTask().Within(what, deadline);

    /// <inheritdoc cref="Within(Task, string, TimeSpan?)"/>
    public static Task Within(this ValueTask task, string what, TimeSpan? deadline = null) =>
        task.AsTask().Within(what, deadline);

    /// <summary>Looks at <paramref name="condition"/> until it holds, or fails after the deadline naming <paramref name="what"/>.</summary>
    public static async Task Until(Func<bool> condition, string what, TimeSpan? deadline = null)
    {
        var limit = deadline ?? DefaultDeadline;
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed >= limit)
            {
                throw TimedOut(what, limit);
            }

            await Task.Delay(PollEvery).ConfigureAwait(false);
        }
    }

    /// <summary>Asks <paramref name="probe"/> until it answers (not null), and returns the answer; fails after the deadline naming <paramref name="what"/>.</summary>
    public static Task<T> Until<T>(Func<T?> probe, string what, TimeSpan? deadline = null)
        where T : class =>
        UntilAsync(() => Task.FromResult(probe()), what, deadline);

    /// <summary>
    /// Asks an asynchronous <paramref name="probe"/> (an HTTP call, a query on the loop) until it
    /// answers (not null); each ask counts against the deadline too.
    /// </summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T?>> probe, string what, TimeSpan? deadline = null)
        where T : class
    {
        var limit = deadline ?? DefaultDeadline;
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var left = limit - clock.Elapsed;
            if (left <= TimeSpan.Zero)
            {
                throw TimedOut(what, limit);
            }

            if (await probe().Within(what, left).ConfigureAwait(false) is { } found)
            {
                return found;
            }

            if (clock.Elapsed >= limit)
            {
                throw TimedOut(what, limit);
            }

            await Task.Delay(PollEvery).ConfigureAwait(false);
        }
    }

    private static TimeoutException TimedOut(string what, TimeSpan limit) =>
        new($"Waited {limit.TotalSeconds:0.###} s for {what}; it did not come.");
}
