using Microsoft.Extensions.Logging;

namespace ModelWatch.Monitoring;

/// <summary>
/// Delivers drift and quality alerts alike: logs and counts them, calls every alert handler at once,
/// each isolated and with its own timeout, and starts the retraining triggers when a raised alert
/// asks for it (one retraining in flight per model version).
/// </summary>
/// <remarks>Never throws, except for the caller's own cancellation; a handler's failure or hang is logged and counted (<see cref="IsolatedCalls"/>).</remarks>
internal sealed class AlertDispatcher : IDisposable
{
    private readonly IDriftAlertHandler[] _handlers;
    private readonly IRetrainingTrigger[] _triggers;
    private readonly IsolatedCalls _calls;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ModelWatchMetrics _metrics;
    private readonly CancellationTokenSource _stopping = new();

    public AlertDispatcher(
        IEnumerable<IDriftAlertHandler> handlers, IEnumerable<IRetrainingTrigger> triggers, TimeSpan handlerTimeout, TimeProvider time, ILogger logger, ModelWatchMetrics metrics)
    {
        _handlers = [.. handlers];
        _triggers = [.. triggers];
        _calls = new IsolatedCalls(handlerTimeout, time, logger, metrics);
        _time = time;
        _logger = logger;
        _metrics = metrics;
    }

    /// <summary>How user code is called: isolated, with the handler timeout.</summary>
    public IsolatedCalls Calls => _calls;

    /// <summary>Delivers a drift alert of <paramref name="monitor"/>.</summary>
    public Task DispatchAsync(ModelMonitor monitor, DriftAlert alert, CancellationToken cancellationToken)
    {
        if (alert.Segment is not null || alert.DriftedSegmentShare is not null)
        {
            SegmentAlerts.Log(_logger, _metrics, monitor, alert);
        }
        else if (alert.Kind == DriftAlertKind.Raised)
        {
            Log.AlertRaised(_logger, monitor.ModelName, monitor.ModelVersion, alert.DriftedFeatures.Length, alert.Report.Dataset?.FeatureCount ?? 0, string.Join(", ", alert.DriftedFeatures));
            _metrics.Alerts.Add(1, Tags(monitor));
        }
        else
        {
            Log.AlertCleared(_logger, monitor.ModelName, monitor.ModelVersion);
        }

        Func<DateTimeOffset, RetrainingRequest>? retraining = alert.Kind == DriftAlertKind.Raised
            ? at => new RetrainingRequest
            {
                ModelName = monitor.ModelName,
                ModelVersion = monitor.ModelVersion,
                Reason = alert.Segment is { } segment ? $"sustained input drift in segment '{segment}'"
                    : alert.DriftedSegmentShare is double share ? $"sustained drift in {share:P0} of the segments ({SegmentAlerts.DriftedSegments(alert.Report)})"
                    : "sustained input drift",
                Report = alert.Report,
                Segment = alert.Segment,
                At = at,
            }
            : null;
        return DeliverAsync(monitor, (handler, ct) => handler.OnAlertAsync(alert, ct), retraining, cancellationToken);
    }

    /// <summary>Delivers a quality alert of <paramref name="monitor"/>.</summary>
    public Task DispatchAsync(ModelMonitor monitor, QualityAlert alert, CancellationToken cancellationToken)
    {
        if (alert.Segment is not null)
        {
            SegmentAlerts.Log(_logger, _metrics, monitor, alert);
        }
        else if (alert.Kind == DriftAlertKind.Raised)
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
                Reason = (alert.Segment is { } segment ? $"model quality degraded in segment '{segment}': " : "model quality degraded: ") + string.Join("; ", alert.Reasons),
                Report = latest,
                Quality = alert.Report,
                Segment = alert.Segment,
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
            calls[i] = _calls.RunAsync(handler.GetType().Name, monitor.ModelName, ct => call(handler, ct), cancellationToken);
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
        var calls = _triggers.Select(t => _calls.RunAsync(t.GetType().Name, monitor.ModelName, ct => t.OnRetrainingNeededAsync(request, ct), _stopping.Token));
        state.RetrainingInFlight = Task.WhenAll(calls);
    }

    internal static KeyValuePair<string, object?>[] Tags(ModelMonitor monitor) =>
        [new(ModelWatchInstruments.ModelName, monitor.ModelName), new(ModelWatchInstruments.ModelVersion, monitor.ModelVersion)];
}
