using Microsoft.Extensions.Logging;

namespace ModelWatch.Monitoring;

/// <summary>
/// Delivers drift and quality alerts alike: logs and counts them, calls every alert handler at once,
/// each isolated and with its own timeout, and starts the retraining triggers when a raised alert
/// asks for it (one retraining in flight per model version).
/// </summary>
/// <remarks>Never throws, except for the caller's own cancellation; a handler's failure or hang is logged and counted.</remarks>
internal sealed class AlertDispatcher : IDisposable
{
    private readonly IDriftAlertHandler[] _handlers;
    private readonly IRetrainingTrigger[] _triggers;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ModelWatchMetrics _metrics;
    private readonly CancellationTokenSource _stopping = new();

    public AlertDispatcher(
        IEnumerable<IDriftAlertHandler> handlers, IEnumerable<IRetrainingTrigger> triggers, TimeSpan handlerTimeout, TimeProvider time, ILogger logger, ModelWatchMetrics metrics)
    {
        _handlers = [.. handlers];
        _triggers = [.. triggers];
        _timeout = handlerTimeout;
        _time = time;
        _logger = logger;
        _metrics = metrics;
    }

    /// <summary>Delivers a drift alert of <paramref name="monitor"/>.</summary>
    public Task DispatchAsync(ModelMonitor monitor, DriftAlert alert, CancellationToken cancellationToken)
    {
        if (alert.Kind == DriftAlertKind.Raised)
        {
            Log.AlertRaised(_logger, monitor.ModelName, monitor.ModelVersion, alert.DriftedFeatures.Length, alert.Report.Dataset?.FeatureCount ?? 0, string.Join(", ", alert.DriftedFeatures));
            _metrics.Alerts.Add(1, Tags(monitor));
        }
        else
        {
            Log.AlertCleared(_logger, monitor.ModelName, monitor.ModelVersion);
        }

        Func<DateTimeOffset, RetrainingRequest>? retraining = alert.Kind == DriftAlertKind.Raised
            ? at => new RetrainingRequest { ModelName = monitor.ModelName, ModelVersion = monitor.ModelVersion, Reason = "sustained input drift", Report = alert.Report, At = at }
            : null;
        return DeliverAsync(monitor, (handler, ct) => handler.OnAlertAsync(alert, ct), retraining, cancellationToken);
    }

    /// <summary>Delivers a quality alert of <paramref name="monitor"/>.</summary>
    public Task DispatchAsync(ModelMonitor monitor, QualityAlert alert, CancellationToken cancellationToken)
    {
        if (alert.Kind == DriftAlertKind.Raised)
        {
            Log.QualityAlertRaised(_logger, monitor.ModelName, monitor.ModelVersion, string.Join("; ", alert.Reasons));
            _metrics.QualityAlerts.Add(1, Tags(monitor));
        }
        else
        {
            Log.QualityAlertCleared(_logger, monitor.ModelName, monitor.ModelVersion);
        }

        // A retraining request carries the latest drift report too (there is one whenever the model has been evaluated).
        Func<DateTimeOffset, RetrainingRequest>? retraining = alert.Kind == DriftAlertKind.Raised && monitor.State.LatestReport is { } latest
            ? at => new RetrainingRequest
            {
                ModelName = monitor.ModelName,
                ModelVersion = monitor.ModelVersion,
                Reason = "model quality degraded: " + string.Join("; ", alert.Reasons),
                Report = latest,
                Quality = alert.Report,
                At = at,
            }
            : null;
        return DeliverAsync(monitor, (handler, ct) => handler.OnQualityAlertAsync(alert, ct), retraining, cancellationToken);
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }

    private async Task DeliverAsync(ModelMonitor monitor, Func<IDriftAlertHandler, CancellationToken, Task> call, Func<DateTimeOffset, RetrainingRequest>? retraining, CancellationToken cancellationToken)
    {
        // Every handler runs at once, each with its own timeout; a failure is logged and counted.
        var calls = new Task[_handlers.Length];
        for (int i = 0; i < _handlers.Length; i++)
        {
            var handler = _handlers[i];
            calls[i] = RunIsolatedAsync(handler.GetType().Name, monitor.ModelName, ct => call(handler, ct), cancellationToken);
        }

        await Task.WhenAll(calls).ConfigureAwait(false);
        if (retraining is not null && monitor.Definition.TriggerRetraining && _triggers.Length > 0)
        {
            StartRetraining(monitor, retraining(_time.GetUtcNow()));
        }
    }

    private void StartRetraining(ModelMonitor monitor, RetrainingRequest request)
    {
        var state = monitor.State;
        if (state.RetrainingInFlight is { IsCompleted: false })
        {
            Log.RetrainingSkipped(_logger, monitor.ModelName, monitor.ModelVersion);
            return;
        }

        Log.RetrainingRequested(_logger, monitor.ModelName, monitor.ModelVersion, request.Reason);
        var calls = _triggers.Select(t => RunIsolatedAsync(t.GetType().Name, monitor.ModelName, ct => t.OnRetrainingNeededAsync(request, ct), _stopping.Token));
        state.RetrainingInFlight = Task.WhenAll(calls);
    }

    /// <summary>Runs a handler with the configured timeout; never throws (except for the caller's own cancellation).</summary>
    private async Task RunIsolatedAsync(string name, string model, Func<CancellationToken, Task> call, CancellationToken cancellationToken)
    {
        var timeout = new CancellationTokenSource(_timeout, _time);
        var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        var token = linked.Token;

        // The handler always starts (on the thread pool, so a synchronous hang cannot block the
        // evaluator), even when the pool starts it after its timeout: the token is taken here, and
        // the sources live until the handler ends, since an abandoned handler may still be using them.
        var running = Task.Run(() => call(token), CancellationToken.None);
        _ = running.ContinueWith(
            static (_, state) =>
            {
                var (timeoutSource, linkedSource) = ((CancellationTokenSource, CancellationTokenSource))state!;
                linkedSource.Dispose();
                timeoutSource.Dispose();
            },
            (timeout, linked),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        try
        {
            // WaitAsync abandons a handler that outlives its timeout or ignores its token.
            await running.WaitAsync(_timeout, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is TimeoutException || (ex is OperationCanceledException && token.IsCancellationRequested))
        {
            Log.HandlerTimedOut(_logger, name, _timeout, model);
            _metrics.HandlerErrors.Add(1, new KeyValuePair<string, object?>(ModelWatchInstruments.ErrorType, "timeout"));
        }
        catch (Exception ex)
        {
            Log.HandlerFailed(_logger, ex, name, model);
            _metrics.HandlerErrors.Add(1, new KeyValuePair<string, object?>(ModelWatchInstruments.ErrorType, ex.GetType().Name));
        }
    }

    private static KeyValuePair<string, object?>[] Tags(ModelMonitor monitor) =>
        [new(ModelWatchInstruments.ModelName, monitor.ModelName), new(ModelWatchInstruments.ModelVersion, monitor.ModelVersion)];
}
