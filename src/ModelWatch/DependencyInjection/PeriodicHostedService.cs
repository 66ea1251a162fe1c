using Microsoft.Extensions.Hosting;

namespace ModelWatch.DependencyInjection;

/// <summary>
/// A hosted loop that does its work every <see cref="Period"/> (a periodic timer on the injected
/// <see cref="TimeProvider"/>) and once more when the host stops, so the last interval is not lost.
/// </summary>
internal abstract class PeriodicHostedService(TimeProvider time) : BackgroundService
{
    /// <summary>Gets the time between two runs (read when the loop starts, after options were validated).</summary>
    protected abstract TimeSpan Period { get; }

    /// <summary>One run. Failures are the work's to log, count and isolate: nothing may stop the loop.</summary>
    /// <param name="final">True for the run when the host stops.</param>
    /// <param name="cancellationToken">Cancelled when the host stops (or gives up stopping).</param>
    protected abstract Task RunAsync(bool final, CancellationToken cancellationToken);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                await RunAsync(final: false, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await RunAsync(final: true, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The host's shutdown timeout ran out: the work stops where it is (an evaluation
            // between two windows) instead of failing the host's stop.
        }
    }
}
