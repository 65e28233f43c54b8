namespace Dashboard.Server.Analysis;

/// <summary>
/// The loop's service time per request, as the queueing models need it: the request task's own
/// awake time (mean and variance) plus the loop's overhead per request (accepting, parsing,
/// writing, the connection task's steps), taken as constant: loop busy time ÷ requests − awake.
/// </summary>
internal static class ServiceTimeEstimate
{
    public static (double MeanMs, double Cv2) From(double requestAwakeMeanMs, double requestAwakeStdDevMs, double loopBusyMs, long requests)
    {
        if (requests <= 0)
        {
            return (0, 0);
        }

        var overhead = Math.Max(0, (loopBusyMs / requests) - requestAwakeMeanMs);
        var mean = requestAwakeMeanMs + overhead;
        var cv2 = mean <= 0 ? 0 : requestAwakeStdDevMs * requestAwakeStdDevMs / (mean * mean);
        return (mean, cv2);
    }
}
