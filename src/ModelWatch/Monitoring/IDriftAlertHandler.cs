namespace ModelWatch.Monitoring;

/// <summary>
/// Receives drift alerts (and quality alerts) when they are raised and when they clear. Register with
/// <c>AddAlertHandler&lt;T&gt;()</c>; each handler runs in isolation with a timeout, so one that
/// throws or hangs never stops the others or the evaluator.
/// </summary>
public interface IDriftAlertHandler
{
    /// <summary>Handles an alert.</summary>
    /// <param name="alert">The alert.</param>
    /// <param name="cancellationToken">Cancelled when the handler's timeout expires or the host stops.</param>
    /// <returns>A task that completes when the alert is handled.</returns>
    Task OnAlertAsync(DriftAlert alert, CancellationToken cancellationToken);

    /// <summary>
    /// Handles a quality alert (a model whose outcomes show it degrading). The default does nothing,
    /// so a handler interested in drift only implements <see cref="OnAlertAsync"/>.
    /// </summary>
    /// <param name="alert">The alert.</param>
    /// <param name="cancellationToken">Cancelled when the handler's timeout expires or the host stops.</param>
    /// <returns>A task that completes when the alert is handled.</returns>
    Task OnQualityAlertAsync(QualityAlert alert, CancellationToken cancellationToken) => Task.CompletedTask;
}
