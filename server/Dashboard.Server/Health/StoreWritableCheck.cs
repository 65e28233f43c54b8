using Dashboard.Server.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Dashboard.Server.Health;

/// <summary>The run store can be written: its write lock can be taken within Health:StoreTimeout.</summary>
internal sealed class StoreWritableCheck(RunStore store, IOptions<HealthOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            // SQLite blocks: off the request's thread.
            await Task.Run(() => store.CheckWritable(options.Value.StoreTimeout), cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy($"{store.DatabasePath} is writable");
        }
        catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            return HealthCheckResult.Unhealthy($"{store.DatabasePath} cannot be written: {ex.Message}");
        }
    }
}
