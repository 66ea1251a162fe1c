using System.Collections.Concurrent;
using ModelWatch.Monitoring;

namespace ModelWatch.QualitySample;

/// <summary>
/// What the alert handler and the retraining trigger received, shared with Program so it can name
/// the first alert in its summary. Handlers and triggers run on the thread pool, hence the
/// concurrent collection.
/// </summary>
internal sealed class QualityEvents
{
    private readonly ConcurrentQueue<QualityAlert> _alerts = new();
    private readonly TaskCompletionSource<RetrainingRequest> _firstQualityRetraining = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Gets the quality alerts, in the order they were raised or cleared.</summary>
    public IReadOnlyCollection<QualityAlert> Alerts => _alerts;

    /// <summary>
    /// Gets the first retraining request caused by quality. Requests are handed to the trigger in the
    /// background, after the evaluation that raised the alert has returned, so Program waits on this.
    /// </summary>
    public Task<RetrainingRequest> FirstQualityRetraining => _firstQualityRetraining.Task;

    public void Add(QualityAlert alert) => _alerts.Enqueue(alert);

    public void Add(RetrainingRequest request)
    {
        if (request.Quality is not null)
        {
            _firstQualityRetraining.TrySetResult(request);
        }
    }
}
