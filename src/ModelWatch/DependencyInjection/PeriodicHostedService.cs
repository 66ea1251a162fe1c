using Microsoft.Extensions.Hosting;

namespace ModelWatch.DependencyInjection;

/// <summary>
/// A hosted loop that does its work every <see cref="Period"/> (a periodic timer on the injected
/// <see cref="TimeProvider"/>) and once more when the host stops, so the last interval is not lost.
/// </summary>
/// <param name="time">The clock of the timer.</param>
/// <param name="lifetime">
/// The host's lifetime, when there is one: a run in progress when the host begins to stop is
/// cancelled (an evaluation ends between two windows), so the final runs — the last save first —
/// do not wait behind it within the host's shutdown timeout.
/// </param>
internal abstract class PeriodicHostedService(TimeProvider time, IHostApplicationLifetime? lifetime) : BackgroundService
{
    /// <summary>Gets the time between two runs (read when the loop starts, after options were validated).</summary>
    protected abstract TimeSpan Period { get; }

    /// <summary>One run. Failures are the work's to log, count and isolate: nothing may stop the loop.</summary>
    /// <param name="final">True for the run when the host stops.</param>
    /// <param name="cancellationToken">Cancelled when the host stops (or gives up stopping).</param>
    protected abstract Task RunAsync(bool final, CancellationToken cancellationToken);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, lifetime?.ApplicationStopping ?? CancellationToken.None);
        var token = stopping.Token;
        using var timer = new PeriodicTimer(Period, time);
        try
        {
            while (await timer.WaitForNextTickAsync(token).ConfigureAwait(false))
            {
                await RunAsync(final: false, token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
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
