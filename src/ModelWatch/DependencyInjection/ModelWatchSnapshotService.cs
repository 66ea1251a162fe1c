using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ModelWatch.Monitoring;
using ModelWatch.Persistence;

namespace ModelWatch.DependencyInjection;

/// <summary>
/// Restores every monitor from the profile store when the host starts, saves them on
/// <see cref="ModelWatchOptions.SnapshotInterval"/>, and once more when the host stops: a restart
/// loses at most one interval.
/// </summary>
internal sealed class ModelWatchSnapshotService(SnapshotScheduler scheduler, IOptions<ModelWatchOptions> options, TimeProvider time, IHostApplicationLifetime? lifetime = null)
    : PeriodicHostedService(time, lifetime)
{
    protected override TimeSpan Period => options.Value.SnapshotInterval;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await scheduler.RestoreAsync(cancellationToken).ConfigureAwait(false);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    // Failures are logged, counted and retried on the next run.
    protected override Task RunAsync(bool final, CancellationToken cancellationToken) => scheduler.SnapshotAsync(cancellationToken, final);
}
