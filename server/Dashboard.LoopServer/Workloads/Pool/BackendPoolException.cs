namespace Dashboard.LoopServer.Workloads.Pool;

/// <summary>A <c>pool</c> step could not get its answer: the pool was full, the connection broke, or the backend was slow.</summary>
internal sealed class BackendPoolException(string message, Exception? inner = null) : Exception(message, inner);
