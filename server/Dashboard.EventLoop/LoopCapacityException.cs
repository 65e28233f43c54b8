namespace Dashboard.EventLoop;

/// <summary>Thrown by Spawn when the loop already holds EventLoopOptions.MaxLiveTasks live tasks.</summary>
public sealed class LoopCapacityException(string message) : InvalidOperationException(message);
