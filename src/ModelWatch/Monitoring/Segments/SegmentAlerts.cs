using Microsoft.Extensions.Logging;

namespace ModelWatch.Monitoring;

/// <summary>
/// Alert hygiene per segment: each segment has its own <see cref="AlertHysteresis"/> with the
/// model's settings (raise after N drifted judged windows in a row, clear after M clean ones,
/// cool-down), fed by closed windows in which the segment was judged; a window in which it was not
/// judged (no rows, too few) neither raises nor clears.
/// </summary>
/// <remarks>Used by the evaluator under the monitor's collect lock.</remarks>
internal sealed class SegmentAlerts
{
    private readonly Dictionary<string, AlertHysteresis> _bySegment = new(StringComparer.Ordinal);

    /// <summary>The segments whose alert is active now.</summary>
    public IReadOnlyList<string> Active { get; private set; } = [];

    /// <summary>A segment's alert state, created on first use.</summary>
    public AlertHysteresis Of(string segment)
    {
        if (!_bySegment.TryGetValue(segment, out var state))
        {
            state = _bySegment[segment] = new AlertHysteresis();
        }

        return state;
    }

    /// <summary>The segments with alert state, for snapshots.</summary>
    public IEnumerable<KeyValuePair<string, AlertHysteresis>> States => _bySegment;

    /// <summary>Takes a closed window's segment results; returns the alerts raised or cleared.</summary>
    public List<DriftAlert> Observe(ModelDefinition definition, DriftReport whole, DateTimeOffset now)
    {
        var alerts = new List<DriftAlert>();
        var at = whole.WindowEnd ?? now;
        foreach (var segment in whole.Segments)
        {
            if (segment.Status != SegmentStatus.Evaluated)
            {
                continue;
            }

            var kind = Of(segment.Name).Observe(segment.IsDrift, raiseNow: false, at, definition.RaiseAfter, definition.ClearAfter, definition.Cooldown);
            if (kind is { } k)
            {
                alerts.Add(new DriftAlert
                {
                    ModelName = whole.ModelName,
                    ModelVersion = whole.ModelVersion,
                    Kind = k,
                    Segment = segment.Name,
                    Report = segment.Report,
                    DriftedFeatures = segment.DriftedFeatures,
                    At = at,
                });
            }
        }

        Refresh();
        return alerts;
    }

    /// <summary>Recomputes <see cref="Active"/> after a change (observation or restore).</summary>
    public void Refresh() => Active = [.. _bySegment.Where(s => s.Value.Active).Select(s => s.Key).Order(StringComparer.Ordinal)];

    /// <summary>Logs and counts a segment alert (the dispatcher's part for segment alerts).</summary>
    public static void Log(ILogger logger, ModelWatchMetrics metrics, ModelMonitor monitor, DriftAlert alert)
    {
        if (alert.Kind == DriftAlertKind.Raised)
        {
            SegmentLog.SegmentAlertRaised(logger, monitor.ModelName, monitor.ModelVersion, alert.Segment!, alert.DriftedFeatures.Length, alert.Report.Dataset?.FeatureCount ?? 0, string.Join(", ", alert.DriftedFeatures));
            metrics.Alerts.Add(1, [.. AlertDispatcher.Tags(monitor), new(ModelWatchInstruments.SegmentName, alert.Segment)]);
        }
        else
        {
            SegmentLog.SegmentAlertCleared(logger, monitor.ModelName, monitor.ModelVersion, alert.Segment!);
        }
    }
}

/// <summary>Source-generated log messages of segments (event ids 309, 310: alerts).</summary>
internal static partial class SegmentLog
{
    [LoggerMessage(309, LogLevel.Warning, "Drift alert raised for segment {Segment} of model {Model} version {Version}: {Drifted} of {Features} features drifted ({DriftedFeatures}).")]
    public static partial void SegmentAlertRaised(ILogger logger, string model, string version, string segment, int drifted, int features, string driftedFeatures);

    [LoggerMessage(310, LogLevel.Information, "Drift alert cleared for segment {Segment} of model {Model} version {Version}.")]
    public static partial void SegmentAlertCleared(ILogger logger, string model, string version, string segment);
}
