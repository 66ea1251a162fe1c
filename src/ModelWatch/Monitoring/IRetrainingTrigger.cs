namespace ModelWatch.Monitoring;

/// <summary>
/// Starts retraining when a model's drift is sustained (an alert is raised). At most one request
/// per model is in flight at a time; the trigger runs in isolation with a timeout.
/// </summary>
public interface IRetrainingTrigger
{
    /// <summary>Handles a retraining request.</summary>
    /// <param name="request">The request, with the report that caused it.</param>
    /// <param name="cancellationToken">Cancelled when the trigger's timeout expires or the host stops.</param>
    /// <returns>A task that completes when the request has been handed over.</returns>
    Task OnRetrainingNeededAsync(RetrainingRequest request, CancellationToken cancellationToken);
}
