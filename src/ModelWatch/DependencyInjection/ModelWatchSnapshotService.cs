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
internal sealed class ModelWatchSnapshotService(SnapshotScheduler scheduler, IOptions<ModelWatchOptions> options, TimeProvider time) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await scheduler.RestoreAsync(cancellationToken).ConfigureAwait(false);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SnapshotInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                // Failures are logged, counted and retried on the next tick; nothing stops the loop.
                await scheduler.SnapshotAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        await scheduler.SnapshotAsync(cancellationToken, final: true).ConfigureAwait(false);
    }
}
