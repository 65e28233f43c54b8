using System.Runtime.InteropServices;

namespace Dashboard.EventLoop.Waiting;

/// <summary>
/// Raises the calling thread's scheduling weight on Linux (a negative nice value for this thread
/// only), for a thread that sleeps most of the time and must run soon after it wakes even when its
/// core is saturated: the load scheduler, whose sends are late by however long it queues behind
/// the socket work it feeds. .NET's <see cref="Thread.Priority"/> does nothing on Linux. Best
/// effort: it needs CAP_SYS_NICE (root, or a container given it) and answers false otherwise.
/// </summary>
internal static partial class ThreadNice
{
    private const int PrioProcess = 0;

    public static bool TrySet(int nice)
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            return SetPriority(PrioProcess, GetTid(), nice) == 0;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "gettid")]
    private static partial int GetTid();

    [LibraryImport("libc", EntryPoint = "setpriority")]
    private static partial int SetPriority(int which, int who, int nice);
}
