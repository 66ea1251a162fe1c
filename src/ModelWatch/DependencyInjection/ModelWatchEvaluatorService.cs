using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ModelWatch.Monitoring;

namespace ModelWatch.DependencyInjection;

/// <summary>
/// Evaluates every model on <see cref="ModelWatchOptions.EvaluationInterval"/>, and once more when
/// the host stops so the last windows are reported.
/// </summary>
internal sealed class ModelWatchEvaluatorService : PeriodicHostedService
{
    private readonly ModelWatchEngine _engine;
    private readonly IOptions<ModelWatchOptions> _options;

    public ModelWatchEvaluatorService(ModelWatchEngine engine, IOptions<ModelWatchOptions> options, TimeProvider time, IHostApplicationLifetime? lifetime = null)
        : base(time, lifetime)
    {
        _engine = engine;
        _options = options;

        // The models (options, reference factories), alert handlers and retraining triggers come to
        // life when the host builds its hosted services: the engine is complete by now, so they may
        // take IModelWatch, and every configuration problem still stops the host in one exception.
        engine.Start();
    }

    protected override TimeSpan Period => _options.Value.EvaluationInterval;

    // The engine isolates failures per model.
    protected override Task RunAsync(bool final, CancellationToken cancellationToken) => _engine.EvaluateAsync(cancellationToken);
}
