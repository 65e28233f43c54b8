using System.Diagnostics;
using Dashboard.Worker;

namespace Dashboard.LoopServer.Workloads.Processes;

/// <summary>
/// One worker process of the pool: started with <c>dotnet exec Dashboard.Worker.dll</c>, spoken to
/// through its standard input and output in <see cref="WorkerProtocol"/> frames, one job at a time.
/// Its standard error is the host's, so a crash's message reaches the host's console.
/// </summary>
internal sealed class PoolWorker
{
    private readonly Process _process;
    private readonly Stream _input;
    private readonly Stream _output;
    private readonly byte[] _job = new byte[WorkerProtocol.JobBytes];
    private readonly byte[] _reply = new byte[WorkerProtocol.ReplyBytes];

    private PoolWorker(int id, Process process)
    {
        Id = id;
        _process = process;
        _input = process.StandardInput.BaseStream;
        _output = process.StandardOutput.BaseStream;
        Pid = process.Id;
    }

    /// <summary>The pool's number for it (1, 2, …; a replacement gets a new one).</summary>
    public int Id { get; }

    public int Pid { get; }

    /// <summary>The job it computes now; read and written under the pool's lock.</summary>
    public PendingJob? Current { get; set; }

    /// <summary>Starts the process and waits for its hello (it has warmed up), at most <paramref name="timeout"/>.</summary>
    public static async Task<PoolWorker> StartAsync(int id, string muxer, string workerPath, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(muxer)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(workerPath);
        start.Environment[WorkerProtocol.MarkerVariable] = "1";
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new ProcessPoolException($"could not start {muxer} exec {workerPath}");
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            throw new ProcessPoolException($"could not start a worker process ({muxer} exec {workerPath}): {ex.Message}", ex);
        }

        var worker = new PoolWorker(id, process);
        try
        {
            using var timer = new CancellationTokenSource(timeout);
            await worker._output.ReadExactlyAsync(worker._reply, timer.Token).ConfigureAwait(false);
            if (WorkerProtocol.ReadReply(worker._reply).Id != WorkerProtocol.HelloId)
            {
                throw new ProcessPoolException($"worker process {process.Id} did not start with a hello");
            }

            return worker;
        }
        catch (Exception ex) when (ex is OperationCanceledException or EndOfStreamException or IOException)
        {
            var why = ex is OperationCanceledException ? $"did not say hello within {timeout.TotalSeconds:0.#} s (LoopServer:ProcessPool:StartTimeout)" : "exited before saying hello";
            worker.Kill();
            throw new ProcessPoolException($"worker process {process.Id} ({muxer} exec {workerPath}) {why}", ex);
        }
    }

    /// <summary>Hands it a job: one 16-byte write to its input, which is empty (it holds one job at a time), so it never blocks.</summary>
    public void Send(long jobId, TimeSpan compute)
    {
        WorkerProtocol.WriteJob(_job, jobId, compute);
        _input.Write(_job);
        _input.Flush();
    }

    /// <summary>The next reply, or null once the process has closed its output (it exited).</summary>
    public async Task<(long Id, long ReceivedAt, long FinishedAt)?> ReadReplyAsync()
    {
        try
        {
            await _output.ReadExactlyAsync(_reply).ConfigureAwait(false);
            return WorkerProtocol.ReadReply(_reply);
        }
        catch (Exception ex) when (ex is EndOfStreamException or IOException or ObjectDisposedException)
        {
            return null;
        }
    }

    /// <summary>How it ended, for a message: its exit code, or that it is still running.</summary>
    public string ExitDescription()
    {
        try
        {
            return _process.WaitForExit(100) ? $"exit code {_process.ExitCode}" : "still running";
        }
        catch (InvalidOperationException)
        {
            return "exit code unknown";
        }
    }

    /// <summary>Resident memory now (0 once it has exited).</summary>
    public long WorkingSetBytes()
    {
        try
        {
            _process.Refresh();
            return _process.HasExited ? 0 : _process.WorkingSet64;
        }
        catch (InvalidOperationException)
        {
            return 0;
        }
    }

    /// <summary>Closes its input (it exits when the current job ends), waits up to <paramref name="timeout"/>, then kills it.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        try
        {
            _input.Dispose();
        }
        catch (IOException)
        {
            // Already gone: the pipe's other end is closed.
        }

        using var timer = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(timer.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Kill();
        }
        finally
        {
            _process.Dispose();
        }
    }

    private void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited meanwhile.
        }
    }
}
