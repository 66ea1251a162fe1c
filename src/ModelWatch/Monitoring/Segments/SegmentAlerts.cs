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

    /// <summary>The model-level alert on the share of drifted segments (<see cref="SegmentOptions.AlertShare"/>).</summary>
    public AlertHysteresis Share { get; } = new();

    /// <summary>The segments whose alert is active now.</summary>
    public IReadOnlyList<string> Active { get; private set; } = [];

    /// <summary>Whether a segment's alert is active (any thread: reads the list of active segments last published).</summary>
    public bool IsActive(string segment) => Active.Contains(segment, StringComparer.Ordinal);

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

        if (definition.Segments?.AlertShare is double level && whole.DriftedSegmentShare is double share)
        {
            // A window in which no segment was judged neither raises nor clears, as for a segment.
            if (Share.Observe(share >= level, raiseNow: false, at, definition.RaiseAfter, definition.ClearAfter, definition.Cooldown) is { } k)
            {
                alerts.Add(new DriftAlert
                {
                    ModelName = whole.ModelName,
                    ModelVersion = whole.ModelVersion,
                    Kind = k,
                    Report = whole,
                    DriftedSegmentShare = share,
                    DriftedFeatures = [],
                    At = at,
                });
            }
        }

        Refresh();
        return alerts;
    }

    /// <summary>Recomputes <see cref="Active"/> after a change (observation or restore).</summary>
    public void Refresh() => Active = [.. _bySegment.Where(s => s.Value.Active).Select(s => s.Key).Order(StringComparer.Ordinal)];

    /// <summary>The names of a whole-model report's drifted segments, for messages.</summary>
    public static string DriftedSegments(DriftReport whole) => string.Join(", ", whole.Segments.Where(s => s.IsDrift).Select(s => s.Name));

    /// <summary>Takes back the drifted-segment share alert's state from a snapshot.</summary>
    public void RestoreShare(AlertSnapshot? saved)
    {
        if (saved is not null)
        {
            Share.Restore(saved);
        }
    }

    /// <summary>Logs and counts a segment's quality alert (the dispatcher's part for segment quality alerts).</summary>
    public static void Log(ILogger logger, ModelWatchMetrics metrics, ModelMonitor monitor, QualityAlert alert)
    {
        if (alert.Kind == DriftAlertKind.Raised)
        {
            SegmentLog.SegmentQualityAlertRaised(logger, monitor.ModelName, monitor.ModelVersion, alert.Segment!, string.Join("; ", alert.Reasons));
            metrics.QualityAlerts.Add(1, [.. AlertDispatcher.Tags(monitor), new(ModelWatchInstruments.SegmentName, alert.Segment)]);
        }
        else
        {
            SegmentLog.SegmentQualityAlertCleared(logger, monitor.ModelName, monitor.ModelVersion, alert.Segment!);
        }
    }

    /// <summary>Logs and counts a segment alert or the drifted-segment share alert (the dispatcher's part for them).</summary>
    public static void Log(ILogger logger, ModelWatchMetrics metrics, ModelMonitor monitor, DriftAlert alert)
    {
        if (alert.DriftedSegmentShare is double share)
        {
            if (alert.Kind == DriftAlertKind.Raised)
            {
                SegmentLog.ShareAlertRaised(logger, monitor.ModelName, monitor.ModelVersion, share, monitor.Definition.Segments!.AlertShare.GetValueOrDefault(), DriftedSegments(alert.Report));
                metrics.Alerts.Add(1, AlertDispatcher.Tags(monitor));
            }
            else
            {
                SegmentLog.ShareAlertCleared(logger, monitor.ModelName, monitor.ModelVersion, share);
            }
        }
        else if (alert.Kind == DriftAlertKind.Raised)
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

/// <summary>Source-generated log messages of segments (event ids 309, 310: drift alerts; 311, 312: quality alerts; 313, 314: the drifted-segment share alert).</summary>
internal static partial class SegmentLog
{
    [LoggerMessage(309, LogLevel.Warning, "Drift alert raised for segment {Segment} of model {Model} version {Version}: {Drifted} of {Features} features drifted ({DriftedFeatures}).")]
    public static partial void SegmentAlertRaised(ILogger logger, string model, string version, string segment, int drifted, int features, string driftedFeatures);

    [LoggerMessage(310, LogLevel.Information, "Drift alert cleared for segment {Segment} of model {Model} version {Version}.")]
    public static partial void SegmentAlertCleared(ILogger logger, string model, string version, string segment);

    [LoggerMessage(313, LogLevel.Warning, "Drifted-segment share alert raised for model {Model} version {Version}: {Share:P1} of the judged segments drifted (alert share {Level:P1}): {Segments}.")]
    public static partial void ShareAlertRaised(ILogger logger, string model, string version, double share, double level, string segments);

    [LoggerMessage(314, LogLevel.Information, "Drifted-segment share alert cleared for model {Model} version {Version} ({Share:P1} of the judged segments drifted).")]
    public static partial void ShareAlertCleared(ILogger logger, string model, string version, double share);

    [LoggerMessage(311, LogLevel.Warning, "Quality alert raised for segment {Segment} of model {Model} version {Version}: {Reasons}.")]
    public static partial void SegmentQualityAlertRaised(ILogger logger, string model, string version, string segment, string reasons);

    [LoggerMessage(312, LogLevel.Information, "Quality alert cleared for segment {Segment} of model {Model} version {Version}.")]
    public static partial void SegmentQualityAlertCleared(ILogger logger, string model, string version, string segment);
}
