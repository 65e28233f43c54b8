using NATS.Client.Core;

namespace Dashboard.Server.Distributed;

/// <summary>The broker could not be reached or refused us; the message names the address (without credentials) and what to check.</summary>
internal sealed class BrokerUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Opens the one connection to the broker that each side (coordinator, agent) keeps, with the
/// credentials from <see cref="DistributedOptions"/>. Once open, the client reconnects by itself
/// after the broker goes away; the first connect either succeeds within
/// <see cref="DistributedOptions.ConnectTimeout"/> or says why not.
/// </summary>
internal static class NatsConnector
{
    public static NatsOpts Options(DistributedOptions options, string clientName, ILoggerFactory? loggers = null)
    {
        var address = NatsAddress.Parse(options.Nats ?? "");
        var auth = NatsAuthOpts.Default;
        if (!string.IsNullOrEmpty(options.Token))
        {
            auth = auth with { Token = options.Token };
        }
        else if (!string.IsNullOrEmpty(options.User))
        {
            auth = auth with { Username = options.User, Password = options.Password };
        }

        var opts = NatsOpts.Default with
        {
            Url = address.Url,
            Name = clientName,
            AuthOpts = auth,
            ConnectTimeout = options.ConnectTimeout,
            RequestTimeout = options.ConnectTimeout,
            // The coordinator's pings and the agents' heartbeats say when a peer is gone; the
            // client's own pings only keep the socket honest.
            PingInterval = TimeSpan.FromSeconds(10),
            // Our own messages, for instance the coordinator's discover, are not for us.
            Echo = false,
        };
        return loggers is null ? opts : opts with { LoggerFactory = loggers };
    }

    /// <summary>Connects, or throws <see cref="BrokerUnavailableException"/> naming the broker.</summary>
    public static async Task<NatsConnection> ConnectAsync(DistributedOptions options, string clientName, ILoggerFactory? loggers, CancellationToken cancellationToken)
    {
        var display = NatsAddress.Parse(options.Nats ?? "").Display;
        var connection = new NatsConnection(Options(options, clientName, loggers));
        try
        {
            await connection.ConnectAsync().AsTask().WaitAsync(options.ConnectTimeout + TimeSpan.FromSeconds(1), cancellationToken);
            return connection;
        }
        catch (Exception ex) when (ex is NatsException or TimeoutException or System.Net.Sockets.SocketException)
        {
            await connection.DisposeAsync();
            throw new BrokerUnavailableException(Explain(display, ex), ex);
        }
    }

    /// <summary>The broker, what went wrong, and what to check, in one line.</summary>
    public static string Explain(string display, Exception ex)
    {
        var detail = Innermost(ex).Message.TrimEnd('.');
        var hint = detail.Contains("authorization", StringComparison.OrdinalIgnoreCase) || detail.Contains("authentication", StringComparison.OrdinalIgnoreCase)
            ? "check Distributed:Token, or Distributed:User and Distributed:Password, against the broker's"
            : "is nats-server running there, and reachable from this machine?";
        return $"the NATS broker at {display} is unavailable: {detail}; {hint}";
    }

    private static Exception Innermost(Exception ex)
    {
        while (ex.InnerException is not null)
        {
            ex = ex.InnerException;
        }

        return ex;
    }
}
