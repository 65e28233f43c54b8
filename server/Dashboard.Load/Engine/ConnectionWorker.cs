using System.Diagnostics;
using System.Threading.Channels;
using Dashboard.Load.Http;

namespace Dashboard.Load.Engine;

/// <summary>
/// Drives one connection: takes open-model requests from the shared queue in arrival order
/// (so waiting for a free connection is part of their corrected latency), or runs a
/// closed-model virtual user in place — send, wait for the answer, think, repeat — until the
/// user is retired. Running users on the connection itself costs no queue hop per request.
/// </summary>
internal sealed class ConnectionWorker(RunContext context, HttpConnection connection, int seed)
{
    private readonly Random _random = new(seed);

    public HttpConnection Connection => connection;

    public async Task RunAsync()
    {
        ChannelReader<WorkItem> queue = context.Queue.Reader;
        while (true)
        {
            if (!queue.TryRead(out WorkItem item))
            {
                try
                {
                    item = await queue.ReadAsync().ConfigureAwait(false);
                }
                catch (ChannelClosedException)
                {
                    return;
                }
            }

            if (item.IsUser)
            {
                await RunUserAsync(item.UserId).ConfigureAwait(false);
            }
            else if (context.DiscardQueued)
            {
                context.Recorder.RecordAbandoned(1);
                context.Leave();
            }
            else
            {
                await SendAsync(item.Kind, item.IntendedTimestamp).ConfigureAwait(false);
                context.Leave();
            }
        }
    }

    private async Task RunUserAsync(int id)
    {
        do
        {
            while (!context.Stopping && context.Users.ShouldRun(id))
            {
                long intended = Stopwatch.GetTimestamp();
                int kind = context.Mix.Pick(_random);
                context.Enter();
                await SendAsync(kind, intended).ConfigureAwait(false);
                context.Leave();

                long think = context.ThinkTicks;
                if (think > 0 && !context.Stopping)
                {
                    try
                    {
                        await Task.Delay(TimeSpan.FromSeconds((double)think / Stopwatch.Frequency), context.StopToken).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        break;
                    }
                }
            }
        }
        while (!context.Stopping && context.Users.ReleaseAndCheck(id));

        if (context.Stopping)
        {
            context.Users.Release(id);
        }
    }

    private async ValueTask SendAsync(int kind, long intendedTimestamp)
    {
        RequestTemplate[] templates = context.IsWarmUp(intendedTimestamp) ? context.WarmUpTemplates : context.Templates;
        ExchangeResult result = await connection.ExchangeAsync(templates[kind], context.NextSequence()).ConfigureAwait(false);
        context.Recorder.Record(kind, intendedTimestamp, result);
    }
}
