using System.Globalization;
using Dashboard.Fidelity;

namespace Dashboard.Benchmarks;

/// <summary>
/// Does the loop queue as theory says? <see cref="Md1Experiment"/>: Poisson arrivals of tasks
/// that compute a fixed 1 ms on the loop, an M/D/1 queue. The measured mean waiting of the tasks is set beside
/// ρ·S / (2·(1−ρ)), with S the measured loop time per task (its 1 ms plus the loop's own
/// overhead per task) and ρ = λ·S, at two utilizations.
/// </summary>
internal static class FidelityBenchmark
{
    private static readonly TimeSpan Service = TimeSpan.FromMilliseconds(1);

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 20;
        // Calibrate S (service plus overhead) at a light load, then aim λ at each ρ.
        var calibration = await Md1Experiment.MeasureAsync(100, 3, Service);
        var serviceMs = calibration.ServiceMs;
        Console.WriteLine($"fidelity.service_ms = {serviceMs:F4}");

        // At a rate so low that nothing queues, the waiting left is the loop's wake-up from idle:
        // the time between a post from another thread and the loop running it (an OS figure).
        var idle = await Md1Experiment.MeasureAsync(50, 3, Service);
        var wakeMs = Math.Max(0, idle.MeanWaitingMs - idle.PredictedWaitingMs) / (1 - idle.Utilization);
        Console.WriteLine($"fidelity.idle_wakeup_ms = {wakeMs:F4}");
        foreach (var rho in new[] { 0.5, 0.7 })
        {
            var rate = rho * 1000.0 / serviceMs;
            var result = await Md1Experiment.MeasureAsync(rate, seconds, Service);
            var actualRho = result.Utilization;
            var predicted = result.PredictedWaitingMs;
            var name = rho.ToString("0.0", CultureInfo.InvariantCulture).Replace('.', '_');
            Console.WriteLine($"fidelity.rho_{name}.utilization = {actualRho:F3}");
            Console.WriteLine($"fidelity.rho_{name}.measured_waiting_ms = {result.MeanWaitingMs:F4}");
            Console.WriteLine($"fidelity.rho_{name}.md1_predicted_ms = {predicted:F4}");
            Console.WriteLine($"fidelity.rho_{name}.measured_vs_predicted = {result.MeanWaitingMs / predicted:F2}");

            // M/G/1 with a setup time D when an arrival finds the loop idle (Takagi):
            // W = W_md1 + (2D + λD²) / (2(1 + λD)), λ per ms.
            var lambda = result.Rate / 1000.0;
            var withWakeup = predicted + (((2 * wakeMs) + (lambda * wakeMs * wakeMs)) / (2 * (1 + (lambda * wakeMs))));
            Console.WriteLine($"fidelity.rho_{name}.md1_with_wakeup_predicted_ms = {withWakeup:F4}");
            Console.WriteLine($"fidelity.rho_{name}.measured_vs_md1_with_wakeup = {result.MeanWaitingMs / withWakeup:F2}");
        }

        return 0;
    }
}
