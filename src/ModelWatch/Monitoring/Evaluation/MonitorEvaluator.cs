using Microsoft.Extensions.Logging;

namespace ModelWatch.Monitoring;

/// <summary>
/// Evaluates monitors: collect (take what the shards recorded) → fold (one accumulator per
/// sub-window) → evaluate (a report per window closed since the last pass and for the current
/// window, drift and quality alike, with alert hygiene) → publish (the monitor's
/// <see cref="MonitorState"/> and the returned <see cref="MonitorEvaluation"/>).
/// </summary>
/// <remarks>One pass at a time per monitor: everything runs under the monitor's collect lock, which logging never takes.</remarks>
internal sealed class MonitorEvaluator
{
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ModelWatchMetrics _metrics;
    private readonly bool _keepClosedWindows;

    /// <param name="time">The clock for report times.</param>
    /// <param name="logger">Where alerts and reference changes are logged.</param>
    /// <param name="metrics">The alert counters.</param>
    /// <param name="keepClosedWindows">Whether closed windows are kept for a store to save as profiles.</param>
    public MonitorEvaluator(TimeProvider time, ILogger logger, ModelWatchMetrics metrics, bool keepClosedWindows)
    {
        _time = time;
        _logger = logger;
        _metrics = metrics;
        _keepClosedWindows = keepClosedWindows;
    }

    /// <summary>Evaluates one monitor.</summary>
    /// <param name="monitor">The monitor.</param>
    /// <param name="cancellationToken">
    /// Stops between two windows (the host is shutting down): the windows not reported yet stay
    /// collected, so the snapshot keeps them and they are reported after a restart.
    /// </param>
    public MonitorEvaluation Evaluate(ModelMonitor monitor, CancellationToken cancellationToken = default)
    {
        var result = new MonitorEvaluation();
        var definition = monitor.Definition;
        var state = monitor.State;
        var now = _time.GetUtcNow();
        lock (monitor.CollectLock)
        {
            // The watermark is read before the shards are harvested: every live event logged after
            // this point reads a clock at least as late, so no window closed here can still grow.
            long watermark = monitor.Watermark();
            monitor.CollectLocked();
            NoteActivity(monitor, now);
            if (monitor.Quality is { } tracker)
            {
                // Outcomes are scored whether or not the inputs have a reference yet.
                monitor.Outcomes!.Harvest(tracker, now.UtcTicks);
                var (made, raised) = tracker.Evaluate(watermark, monitor.Clock, now);
                result.QualityReports.AddRange(made);
                result.QualityAlerts.AddRange(raised);
            }

            if (!monitor.Layout.HasReference)
            {
                TryBuildProductionReference(monitor, watermark);
                if (!monitor.Layout.HasReference)
                {
                    var gathered = monitor.Collected.PreReference;
                    var pending = WindowEvaluator.WithoutReference(definition, gathered, gathered?.Epoch ?? watermark, watermark, complete: false, monitor.Clock, now);
                    state.LatestReport = pending;
                    result.DriftReports.Add(pending);
                    return result;
                }
            }

            // An idle monitor (nothing received, no window closed, same reference): its reports stand.
            var evaluatedFrom = (watermark, monitor.Collected.Received, monitor.Layout);
            if (state.LatestReport is not null && state.EvaluatedFrom == evaluatedFrom)
            {
                return result;
            }

            int span = definition.SubWindowsPerWindow;
            var epochs = monitor.Collected.Epochs;
            ReportDropped(monitor);

            // A window holding a sub-window the bounded queues dropped would be a partial window: skipped.
            long after = Math.Max(state.ReportedThrough, monitor.Dropped.Through + span - 1);
            foreach (long end in epochs.ClosedEnds(after, watermark, span))
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    return result;
                }

                var window = epochs.Window(end, span);
                var report = WindowEvaluator.Evaluate(definition, window, end - span + 1, end, complete: true, monitor.Clock, now, calibration: state.MultivariateCalibration);
                state.MultivariateCalibration?.Observe(report);
                result.DriftAlerts.AddRange(monitor.Segments?.Attach(definition, report, end, span, monitor.Clock, now) ?? []);
                if (_keepClosedWindows && monitor.Layout.KeepProfiles)
                {
                    KeepClosedWindow(monitor, window, end - span + 1, end, now);
                }

                state.AddClosed(report);
                state.ReportedThrough = end;
                state.LatestReport = report;
                result.DriftReports.Add(report);
                if (TrackAlert(monitor, report, now) is { } alert)
                {
                    result.DriftAlerts.Add(alert);
                }
            }

            // Read under the collect lock and not kept (reports copy what they hold): no copy needed.
            var current = epochs.WindowToRead(watermark, span);
            if (current.Events > 0 || state.LatestReport is null)
            {
                var report = WindowEvaluator.Evaluate(definition, current, watermark - span + 1, watermark, complete: false, monitor.Clock, now, calibration: state.MultivariateCalibration);
                monitor.Segments?.Attach(definition, report, watermark, span, monitor.Clock, now);
                state.LatestReport = report;
                result.DriftReports.Add(report);
            }

            if (monitor.Forget(watermark - span + 1) is { Count: > 0 } replaced)
            {
                result.SegmentReplacements.AddRange(replaced);
            }

            state.EvaluatedFrom = evaluatedFrom;
        }

        if (result.SegmentReplacements.Count > 0)
        {
            ReportReplacements(monitor, result.SegmentReplacements);
        }

        return result;
    }

    /// <summary>Logs and counts the segments admitted by weight in place of lighter ones (outside the collect lock).</summary>
    private void ReportReplacements(ModelMonitor monitor, List<(string Admitted, string Evicted)> replaced)
    {
        _metrics.SegmentReplacements.Add(replaced.Count, AlertDispatcher.Tags(monitor));
        if (_logger.IsEnabled(LogLevel.Information))
        {
            string list = string.Join(", ", replaced.Select(r => $"'{r.Admitted}' replaces '{r.Evicted}'"));
            Log.SegmentsReplaced(_logger, monitor.ModelName, monitor.ModelVersion, replaced.Count, list);
        }
    }

    /// <summary>Moves <see cref="MonitorState.LastActiveAt"/> to now when anything arrived since the last pass or outcomes are awaited.</summary>
    private static void NoteActivity(ModelMonitor monitor, DateTimeOffset now)
    {
        var state = monitor.State;
        long activity = monitor.Collected.Received;
        bool awaiting = false;
        if (monitor.Outcomes?.Counts() is { } o)
        {
            activity += o.Joined + o.Early + o.Unknown + o.Duplicate + o.Evicted + o.Expired + o.Invalid + o.DuplicatePredictionIds;
            awaiting = o.Pending > 0;
        }

        if (activity != state.ActivitySeen || awaiting)
        {
            state.ActivitySeen = activity;
            state.LastActiveAt = now;
        }
    }

    /// <summary>Logs what the bounded queues dropped since the last pass (once per pass; the count is a metric).</summary>
    private void ReportDropped(ModelMonitor monitor)
    {
        var dropped = monitor.Dropped;
        var state = monitor.State;
        long predictions = dropped.Predictions;
        if (predictions > state.DroppedPredictionsLogged)
        {
            Log.SubWindowsDropped(_logger, monitor.ModelName, monitor.ModelVersion, predictions - state.DroppedPredictionsLogged, CollectedWindows.MaxPendingSubWindows);
            state.DroppedPredictionsLogged = predictions;
        }
    }

    /// <summary>Keeps a closed window for the store (bounded: the oldest are dropped while the store fails).</summary>
    private void KeepClosedWindow(ModelMonitor monitor, WindowAccumulator window, long first, long last, DateTimeOffset now)
    {
        var kept = monitor.State.ClosedWindows;
        kept.Add(new ClosedWindow { Window = window, FirstEpoch = first, LastEpoch = last, ClosedAt = now, Segments = monitor.Segments?.ClosedWindows(last, (int)(last - first + 1)) ?? [] });
        if (kept.Count > MonitorState.MaxClosedWindows)
        {
            int dropped = kept.Count - MonitorState.MaxClosedWindows;
            kept.RemoveRange(0, dropped);
            Log.WindowProfilesDropped(_logger, monitor.ModelName, monitor.ModelVersion, dropped, MonitorState.MaxClosedWindows);
            _metrics.StoreErrors.Add(dropped, new KeyValuePair<string, object?>(ModelWatchInstruments.ErrorType, "dropped"));
        }
    }

    private void TryBuildProductionReference(ModelMonitor monitor, long watermark)
    {
        var definition = monitor.Definition;
        var gathered = monitor.Collected.PreReference;
        if (gathered is null || gathered.Events == 0 || definition.ReferenceSource == ReferenceSource.Supplied)
        {
            return;
        }

        bool due = definition.ReferenceSource switch
        {
            ReferenceSource.FirstPredictions => gathered.Events >= definition.ReferenceSize,
            ReferenceSource.FirstPeriod => monitor.Clock is { } clock
                ? clock.StartOf(watermark) - clock.StartOf(monitor.Collected.FirstGatheredEpoch) >= definition.ReferencePeriod
                : gathered.Events >= definition.ReferenceSize,
            _ => false,
        };
        if (!due)
        {
            return;
        }

        try
        {
            var reference = ReferenceProfileBuilder.FromWindow(gathered, definition.Bins, definition.PsiBins, definition.ExactSamples);
            monitor.InstallReference(reference, FitMultivariate(monitor, gathered));
            Log.ReferenceLoaded(_logger, definition.Name, definition.Version, reference.RowCount, definition.ReferenceSource.ToString());
        }
        catch (InvalidOperationException ex)
        {
            Log.ProductionReferenceNotReady(_logger, definition.Name, definition.Version, ex.Message);
        }
    }

    /// <summary>
    /// The multivariate detector of a model that fits it on its production reference, from the co-moments
    /// gathered with it; null (and a warning) when they cannot be fitted, e.g. a category too many.
    /// </summary>
    private MultivariateDriftDefinition? FitMultivariate(ModelMonitor monitor, WindowAccumulator gathered)
    {
        var definition = monitor.Definition;
        if (definition.MultivariateProduction is not { } production || gathered.CoMoments is not { } moments)
        {
            return null;
        }

        try
        {
            return MultivariateDriftDefinition.FromProduction(moments, production);
        }
        catch (InvalidOperationException ex)
        {
            Log.MultivariateNotFitted(_logger, definition.Name, definition.Version, ex.Message);
            return null;
        }
    }

    /// <summary>Alert hygiene: raise after N drifted windows in a row (outside the cool-down), clear after M clean ones.</summary>
    private static DriftAlert? TrackAlert(ModelMonitor monitor, DriftReport report, DateTimeOffset now)
    {
        var definition = monitor.Definition;
        if (report.Status != DriftReportStatus.Evaluated)
        {
            return null;
        }

        // Event time for replays, wall time for count windows.
        var at = report.WindowEnd ?? now;
        var kind = monitor.State.Alert.Observe(report.IsDrift, raiseNow: false, at, definition.RaiseAfter, definition.ClearAfter, definition.Cooldown);
        if (kind is null)
        {
            return null;
        }

        return new DriftAlert
        {
            ModelName = monitor.ModelName,
            ModelVersion = monitor.ModelVersion,
            Kind = kind.Value,
            Report = report,
            DriftedFeatures = [.. report.Features.Where(f => f.IsDrift && !f.IsPrediction).Select(f => f.Name)],
            At = at,
        };
    }
}
