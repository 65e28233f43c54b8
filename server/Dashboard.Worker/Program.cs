using System.Diagnostics;
using Dashboard.Worker;

// A pool worker: reads jobs from standard input, computes each on this process's one thread, and
// answers on standard output, one at a time (the pool sends a worker one job at a time). It ends
// when its input closes: the server closed it, or the server died.
if (Environment.GetEnvironmentVariable(WorkerProtocol.MarkerVariable) is null)
{
    Console.Error.WriteLine("Dashboard.Worker is started by the dashboard's loop server for \"process\" workload steps; it is not run by hand.");
    return 2;
}

using var input = Console.OpenStandardInput();
using var output = Console.OpenStandardOutput();
var job = new byte[WorkerProtocol.JobBytes];
var reply = new byte[WorkerProtocol.ReplyBytes];

// Warm up before saying hello, so the first real job does not pay for compiling the spin.
var started = Stopwatch.GetTimestamp();
CpuSpin.Run(TimeSpan.FromMilliseconds(1), CancellationToken.None);
WorkerProtocol.WriteReply(reply, WorkerProtocol.HelloId, started, Stopwatch.GetTimestamp());
output.Write(reply);
output.Flush();

while (ReadFrame(input, job))
{
    var receivedAt = Stopwatch.GetTimestamp();
    var (id, compute) = WorkerProtocol.ReadJob(job);
    CpuSpin.Run(compute, CancellationToken.None);
    WorkerProtocol.WriteReply(reply, id, receivedAt, Stopwatch.GetTimestamp());
    output.Write(reply);
    output.Flush();
}

return 0;

static bool ReadFrame(Stream input, byte[] frame)
{
    var read = 0;
    while (read < frame.Length)
    {
        var n = input.Read(frame, read, frame.Length - read);
        if (n == 0)
        {
            return false;
        }

        read += n;
    }

    return true;
}
