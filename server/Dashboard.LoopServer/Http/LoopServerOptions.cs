using System.Globalization;
using System.Net;

namespace Dashboard.LoopServer;

/// <summary>
/// Every limit of the embedded loop server in one place (like Kestrel's <c>KestrelServerLimits</c>).
/// Public with settable properties because the host binds it from the "LoopServer" configuration
/// section; <see cref="Validate"/> is the single gate that keeps the rest of the server from
/// having to re-check ranges.
/// </summary>
public sealed class LoopServerOptions
{
    /// <summary>The configuration section the host binds.</summary>
    public const string SectionName = "LoopServer";

    // Upper bounds: generous for any real client, small enough that one connection cannot make
    // the single loop thread scan or buffer unbounded data.
    private const int MaxLineOrHeadersBytesBound = 1024 * 1024;
    private const int MaxHeaderCountBound = 10_000;
    private const long MaxBodyBytesBound = 1024L * 1024 * 1024;
    private const int MaxConnectionsBound = 1_000_000;
    private const double MaxBodyDataRateBound = 1024 * 1024 * 1024;
    private const int MaxPipelinedRequestsBound = 1024;
    private const int MinReceiveBufferBytes = 256;
    private const int MaxReceiveBufferBytes = 16 * 1024 * 1024;
    // The shortest legal request line is "GET / HTTP/1.1" (14 bytes); below that nothing parses.
    private const int MinRequestLineBytes = 16;
    private const int MinHeadersTotalBytes = 16;
    private static readonly TimeSpan MaxTimeout = TimeSpan.FromHours(1);

    /// <summary>IP address literal the server binds; loopback by default.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>TCP port; 0 asks the OS for a free port (tests).</summary>
    public int Port { get; set; } = 5080;

    /// <summary>
    /// Event loops serving together, each on its own thread with its own ready queue, timers and
    /// accounting; connections are spread over them as they are accepted. At most one per core:
    /// a second loop on the same core only takes turns with the first.
    /// </summary>
    public int Loops { get; set; } = 1;

    /// <summary>
    /// At shutdown (Ctrl+C, SIGTERM) the server stops accepting, and requests in flight get this
    /// long to finish; the tasks still alive then are listed in the log and in a run's record.
    /// </summary>
    public TimeSpan ShutdownGracePeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Tasks still alive at the end of the shutdown grace period listed by name, the oldest first; the rest are counted.</summary>
    public int MaxShutdownTasksListed { get; set; } = 50;

    /// <summary>Longest request line accepted, without its CRLF; longer answers 414.</summary>
    public int MaxRequestLineBytes { get; set; } = 8 * 1024;

    /// <summary>Sum of all header lines including their CRLFs (not the final empty line); more answers 431.</summary>
    public int MaxRequestHeadersTotalBytes { get; set; } = 32 * 1024;

    /// <summary>Most header fields in one request; more answers 431.</summary>
    public int MaxRequestHeaderCount { get; set; } = 100;

    /// <summary>Largest Content-Length accepted; larger answers 413 before the body is read.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// Deadline for a whole request head, counted from its first byte (not an idle gap: a client
    /// dripping a byte a second does not restart it). Later gets 408 and is closed.
    /// </summary>
    public TimeSpan HeaderReadTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Slowest a request body may arrive, in bytes per second averaged since its head (Kestrel's
    /// MinRequestBodyDataRate); slower, after <see cref="MinRequestBodyDataRateGracePeriod"/>, gets 408 and is closed.
    /// </summary>
    public double MinRequestBodyDataRate { get; set; } = 240;

    /// <summary>How long a body may arrive at any pace before <see cref="MinRequestBodyDataRate"/> applies.</summary>
    public TimeSpan MinRequestBodyDataRateGracePeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Longest one send of answers may wait for the client to read; a client that does not read
    /// its answers is closed then, so it cannot hold a connection (and its buffers) forever.
    /// </summary>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A keep-alive connection idle between requests for this long is closed without an answer.</summary>
    public TimeSpan KeepAliveIdleTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Open connections at most; a connection accepted beyond it gets 503 and is closed.</summary>
    public int MaxConnections { get; set; } = 10_000;

    /// <summary>
    /// Open connections at most from one IP address, so one client cannot take them all. The
    /// default fits the dashboard's own load engine at full stretch (4 runs at once × 2,000
    /// connections, all from loopback) and leaves the rest to everyone else.
    /// </summary>
    public int MaxConnectionsPerSource { get; set; } = 8_000;

    /// <summary>Parsed requests queued per connection while an earlier one is still being handled.</summary>
    public int MaxPipelinedRequests { get; set; } = 64;

    /// <summary>Size of one socket receive.</summary>
    public int ReceiveBufferBytes { get; set; } = 16 * 1024;

    /// <summary>
    /// Bytes a complete request head can take at most (request line, header lines, their CRLFs
    /// and the final empty line). A receive buffer this large always holds a head the limits accept.
    /// </summary>
    internal int MaxRequestHeadBytes => MaxRequestLineBytes + 2 + MaxRequestHeadersTotalBytes + 2;

    /// <summary>
    /// The most bytes one request can take (largest head plus largest body). The parser decides
    /// (completes or rejects) before an unconsumed buffer grows beyond this, so a receive buffer
    /// never has to hold more than this plus what pipelined requests it chooses to read ahead.
    /// </summary>
    internal long MaxRequestBytes => MaxRequestHeadBytes + MaxRequestBodyBytes;

    /// <summary>
    /// Checks every property; returns one message per problem, each naming the configuration key,
    /// e.g. <c>LoopServer:Port: expected 0..65535, got 70000</c>. Empty when valid.
    /// </summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Host) || !IPAddress.TryParse(Host, out _))
        {
            errors.Add($"{SectionName}:{nameof(Host)}: expected an IP address such as 127.0.0.1, got '{Host}'");
        }

        CheckRange(errors, nameof(Port), Port, IPEndPoint.MinPort, IPEndPoint.MaxPort);
        if (Loops < 1 || Loops > Environment.ProcessorCount)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture,
                $"{SectionName}:{nameof(Loops)}: expected 1..{Environment.ProcessorCount} (one loop per core of this machine), got {Loops}"));
        }

        CheckRange(errors, nameof(MaxRequestLineBytes), MaxRequestLineBytes, MinRequestLineBytes, MaxLineOrHeadersBytesBound);
        CheckRange(errors, nameof(MaxRequestHeadersTotalBytes), MaxRequestHeadersTotalBytes, MinHeadersTotalBytes, MaxLineOrHeadersBytesBound);
        CheckRange(errors, nameof(MaxRequestHeaderCount), MaxRequestHeaderCount, 1, MaxHeaderCountBound);
        CheckRange(errors, nameof(MaxRequestBodyBytes), MaxRequestBodyBytes, 0, MaxBodyBytesBound);
        CheckTimeout(errors, nameof(HeaderReadTimeout), HeaderReadTimeout);
        CheckTimeout(errors, nameof(KeepAliveIdleTimeout), KeepAliveIdleTimeout);
        CheckTimeout(errors, nameof(MinRequestBodyDataRateGracePeriod), MinRequestBodyDataRateGracePeriod);
        CheckTimeout(errors, nameof(SendTimeout), SendTimeout);
        if (ShutdownGracePeriod < TimeSpan.Zero || ShutdownGracePeriod > TimeSpan.FromMinutes(5))
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{SectionName}:{nameof(ShutdownGracePeriod)}: expected 00:00:00 to 00:05:00, got {ShutdownGracePeriod:c}"));
        }

        CheckRange(errors, nameof(MaxShutdownTasksListed), MaxShutdownTasksListed, 0, 10_000);
        if (!(MinRequestBodyDataRate >= 1 && MinRequestBodyDataRate <= MaxBodyDataRateBound))
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{SectionName}:{nameof(MinRequestBodyDataRate)}: expected 1..{MaxBodyDataRateBound} bytes per second, got {MinRequestBodyDataRate}"));
        }

        CheckRange(errors, nameof(MaxConnections), MaxConnections, 1, MaxConnectionsBound);
        CheckRange(errors, nameof(MaxConnectionsPerSource), MaxConnectionsPerSource, 1, MaxConnectionsBound);
        CheckRange(errors, nameof(MaxPipelinedRequests), MaxPipelinedRequests, 1, MaxPipelinedRequestsBound);
        CheckRange(errors, nameof(ReceiveBufferBytes), ReceiveBufferBytes, MinReceiveBufferBytes, MaxReceiveBufferBytes);
        return errors;
    }

    /// <summary>Throws <see cref="InvalidOperationException"/> listing every problem <see cref="Validate"/> finds.</summary>
    public void ThrowIfInvalid()
    {
        var errors = Validate();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException(
                $"Invalid {SectionName} configuration:{Environment.NewLine}" + string.Join(Environment.NewLine, errors));
        }
    }

    private static void CheckRange(List<string> errors, string name, long value, long min, long max)
    {
        if (value < min || value > max)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{SectionName}:{name}: expected {min}..{max}, got {value}"));
        }
    }

    private static void CheckTimeout(List<string> errors, string name, TimeSpan value)
    {
        if (value <= TimeSpan.Zero || value > MaxTimeout)
        {
            errors.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"{SectionName}:{name}: expected more than 00:00:00 and at most {MaxTimeout:c}, got {value:c}"));
        }
    }
}
