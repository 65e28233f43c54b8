using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Dashboard.EventLoop.Waiting;

/// <summary>
/// Linux: an eventfd polled with <c>ppoll</c>, whose timeout is a timespec (nanoseconds), as libuv
/// and epoll_pwait2 do. The kernel wakes the thread within its timer slack (50 µs by default)
/// of the deadline; a signal is an 8-byte write to the eventfd.
/// </summary>
/// <remarks>
/// The descriptor is a SafeHandle: a late signal from another thread after disposal must not
/// write into whatever file the number was given to next, so it is closed only once no call holds it.
/// </remarks>
internal sealed unsafe partial class EventFdWait : WakeableWait
{
    private const int EfdCloexec = 0x80000;
    private const int EfdNonblock = 0x800;
    private const short PollIn = 0x1;
    private readonly EventFdHandle _handle;

    private EventFdWait(EventFdHandle handle) => _handle = handle;

    public override bool IsPrecise => true;

    /// <summary>Null when the kernel refuses an eventfd (the caller falls back to <see cref="EventWait"/>).</summary>
    public static EventFdWait? TryCreate()
    {
        try
        {
            var handle = new EventFdHandle(EventFd(0, EfdCloexec | EfdNonblock));
            return handle.IsInvalid ? null : new EventFdWait(handle);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    public override void Signal()
    {
        var added = false;
        try
        {
            _handle.DangerousAddRef(ref added);
            ulong one = 1;
            _ = Write((int)_handle.DangerousGetHandle(), &one, sizeof(ulong)); // a full counter (never reached) stays readable
        }
        catch (ObjectDisposedException)
        {
            // Signalled after disposal: nobody waits any more.
        }
        finally
        {
            if (added)
            {
                _handle.DangerousRelease();
            }
        }
    }

    public override bool WaitUntil(long deadline)
    {
        var added = false;
        try
        {
            _handle.DangerousAddRef(ref added);
            var fd = (int)_handle.DangerousGetHandle();
            var poll = new PollFd { Fd = fd, Events = PollIn };
            int ready;
            if (deadline == long.MaxValue)
            {
                ready = PPoll(&poll, 1, null, null);
            }
            else
            {
                var remaining = Math.Max(0, deadline - LoopClock.Now);
                var nanoseconds = (long)(remaining * (1_000_000_000.0 / LoopClock.Frequency));
                var timeout = new TimeSpec { Seconds = nanoseconds / 1_000_000_000, Nanoseconds = nanoseconds % 1_000_000_000 };
                ready = PPoll(&poll, 1, &timeout, null);
            }

            if (ready <= 0 || (poll.Revents & PollIn) == 0)
            {
                return false; // the deadline, or an interrupted call the caller's clock will judge
            }

            ulong count;
            _ = Read(fd, &count, sizeof(ulong));
            return true;
        }
        finally
        {
            if (added)
            {
                _handle.DangerousRelease();
            }
        }
    }

    public override void Dispose() => _handle.Dispose();

    [LibraryImport("libc", EntryPoint = "eventfd")]
    private static partial int EventFd(uint initialValue, int flags);

    [LibraryImport("libc", EntryPoint = "ppoll")]
    private static partial int PPoll(PollFd* fds, nuint count, TimeSpec* timeout, void* signalMask);

    [LibraryImport("libc", EntryPoint = "read")]
    private static partial nint Read(int fd, ulong* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "write")]
    private static partial nint Write(int fd, ulong* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int CloseDescriptor(int fd);

    private sealed class EventFdHandle : SafeHandleMinusOneIsInvalid
    {
        public EventFdHandle(int fd)
            : base(ownsHandle: true) => SetHandle(fd);

        protected override bool ReleaseHandle() => CloseDescriptor((int)handle) == 0;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
