using NATS.Client.Core;

namespace Dashboard.Server.Distributed;

/// <summary>
/// The two things both sides do on the broker, written once: publish a message when the broker
/// may be gone (the sender's own timeouts and heartbeats decide what that means), and read a
/// subscription until stopped.
/// </summary>
internal static class NatsMessaging
{
    /// <summary>Publishes <paramref name="message"/>; false when the broker is gone.</summary>
    public static async Task<bool> TryPublishAsync<T>(INatsConnection connection, string subject, T message, CancellationToken cancellationToken = default)
        where T : IAgentMessage
    {
        try
        {
            await connection.PublishAsync(subject, AgentWire.Encode(message), cancellationToken: cancellationToken);
            return true;
        }
        catch (NatsException)
        {
            return false;
        }
    }

    /// <summary>Hands every message of <paramref name="subscription"/> to <paramref name="handle"/>, one at a time, until stopped; then disposes it.</summary>
    public static async Task ReadAllAsync(INatsSub<byte[]> subscription, Func<NatsMsg<byte[]>, Task> handle, CancellationToken stopping)
    {
        await using var _ = subscription;
        try
        {
            await foreach (var message in subscription.Msgs.ReadAllAsync(stopping))
            {
                await handle(message);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }
}
