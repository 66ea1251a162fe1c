using Microsoft.Extensions.Options;
using ModelWatch.Monitoring;

namespace ModelWatch.DependencyInjection;

/// <summary>
/// Evaluates every model on <see cref="ModelWatchOptions.EvaluationInterval"/>, and once more when
/// the host stops so the last windows are reported.
/// </summary>
internal sealed class ModelWatchEvaluatorService(ModelWatchEngine engine, IOptions<ModelWatchOptions> options, TimeProvider time) : PeriodicHostedService(time)
{
    protected override TimeSpan Period => options.Value.EvaluationInterval;

    // The engine isolates failures per model.
    protected override Task RunAsync(bool final, CancellationToken cancellationToken) => engine.EvaluateAsync(cancellationToken);
}
