using System.Collections.Concurrent;
using ModelWatch.Monitoring;

namespace ModelWatch.Demo;

/// <summary>
/// Collects drift and quality alerts so the demo prints them after the window table they belong
/// to. ModelWatch awaits its handlers inside <see cref="IModelWatch.EvaluateAsync"/>, but on the
/// thread pool, hence the concurrent queue.
/// </summary>
internal sealed class AlertCollector : IDriftAlertHandler
{
    private readonly ConcurrentQueue<object> _alerts = new();

    public Task OnAlertAsync(DriftAlert alert, CancellationToken cancellationToken)
    {
        _alerts.Enqueue(alert);
        return Task.CompletedTask;
    }

    public Task OnQualityAlertAsync(QualityAlert alert, CancellationToken cancellationToken)
    {
        _alerts.Enqueue(alert);
        return Task.CompletedTask;
    }

    /// <summary>Takes the alerts received so far (<see cref="DriftAlert"/> or <see cref="QualityAlert"/>), in arrival order.</summary>
    public List<object> Drain()
    {
        var taken = new List<object>();
        while (_alerts.TryDequeue(out var alert))
        {
            taken.Add(alert);
        }

        return taken;
    }
}
