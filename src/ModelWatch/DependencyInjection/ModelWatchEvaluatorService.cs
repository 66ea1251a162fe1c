using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ModelWatch.Monitoring;

namespace ModelWatch.DependencyInjection;

/// <summary>
/// Evaluates every model on <see cref="ModelWatchOptions.EvaluationInterval"/> (a periodic timer on
/// the injected <see cref="TimeProvider"/>), and once more when the host stops so the last windows
/// are reported.
/// </summary>
internal sealed class ModelWatchEvaluatorService(ModelWatchEngine engine, IOptions<ModelWatchOptions> options, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.EvaluationInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                // The engine isolates failures per model; nothing here should stop the loop.
                await engine.EvaluateAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        await engine.EvaluateAsync(cancellationToken).ConfigureAwait(false);
    }
}
