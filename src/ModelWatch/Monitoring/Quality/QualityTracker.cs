using System.Collections.Immutable;
using ModelWatch.Drift;

namespace ModelWatch.Monitoring;

/// <summary>
/// The evaluator's side of a monitor's outcomes: quality accumulators by prediction window and by
/// arrival window, the concept-drift detector over the error stream, the reference-period baseline,
/// the reports and the quality-alert state. Used only under the monitor's collect lock.
/// </summary>
internal sealed partial class QualityTracker
{
    private readonly ModelDefinition _model;
    private readonly QualityDefinition _quality;
    private readonly EpochWindows<QualityAccumulator> _byPrediction;
    private readonly EpochWindows<QualityAccumulator> _byArrival;
    private readonly SortedSet<long> _dirtyPrediction = [];
    private readonly int _maxPredictionEpochs;
    private readonly Action<QualityAccumulator> _forgetDirty;
    private readonly SortedDictionary<long, QualityReport> _predictionReports = [];
    private readonly Queue<QualityReport> _arrivalHistory = new();
    private readonly IChangeDetector? _detector;
    private long? _conceptDriftEpoch;
    private double _errorSum;
    private long _errorCount;
    private double _preChangeError = double.NaN;
    private (double Before, double After)? _conceptShift;
    private QualityAccumulator? _baselineWindows;
    private int _baselineWindowCount;
    private QualityMetrics? _baseline;
    private volatile QualityReport[] _arrivalSnapshot = [];
    private volatile QualityReport[] _predictionSnapshot = [];

    public QualityTracker(ModelDefinition model, QualityDefinition quality)
    {
        _model = model;
        _quality = quality;
        _byPrediction = new EpochWindows<QualityAccumulator>(epoch => new QualityAccumulator(quality) { Epoch = epoch });
        _forgetDirty = dropped => _dirtyPrediction.Remove(dropped.Epoch);
        _maxPredictionEpochs = (int)Math.Min(int.MaxValue, ((long)model.SubWindowsPerWindow * (model.History + 1)) + CollectedWindows.MaxPendingSubWindows);
        _byArrival = new EpochWindows<QualityAccumulator>(epoch => new QualityAccumulator(quality) { Epoch = epoch });
        _detector = quality.ConceptDrift switch
        {
            ConceptDriftDetector.Adwin => new Adwin(quality.AdwinDelta),
            ConceptDriftDetector.PageHinkley => new PageHinkley(direction: PageHinkleyDirection.Increase),
            ConceptDriftDetector.DriftDetectionMethod => new DriftDetectionMethod(),
            _ => null,
        };
    }

    /// <summary>Errors harvested from the outcome shards, not yet fed to the detector.</summary>
    public List<ErrorEvent> Errors { get; } = [];

    /// <summary>The newest arrival-basis report (the current window, or the last closed one).</summary>
    public volatile QualityReport? LatestArrival;

    /// <summary>The newest closed arrival-basis report, the one metrics export.</summary>
    public volatile QualityReport? LatestClosedArrival;

    public long ArrivalReportedThrough = long.MinValue;

    /// <summary>The quality alert's state.</summary>
    public AlertHysteresis Alert { get; } = new();

    /// <summary>The estimated-quality alert's state: label-free estimates below their reference thresholds.</summary>
    public AlertHysteresis EstimateAlert { get; } = new();

    /// <summary>The last prediction-time window whose closing the estimated-quality alert has seen.</summary>
    public long PredictionClosedThrough = long.MinValue;

    /// <summary>The newest closed prediction-time report with a label-free estimate, the one metrics export.</summary>
    public volatile QualityReport? LatestEstimated;

    /// <summary>Whether the quality alert or the estimated-quality alert is raised.</summary>
    public bool AnyAlertActive => Alert.Active || EstimateAlert.Active;

    /// <summary>Changes detected on the error stream, rises and falls alike.</summary>
    public long ConceptDriftDetections;

    public IReadOnlyList<QualityReport> ArrivalHistory => _arrivalSnapshot;

    public IReadOnlyList<QualityReport> PredictionHistory => _predictionSnapshot;

    /// <summary>Realised quality per segment of a segmented model (null otherwise).</summary>
    public SegmentQuality? Segments { get; init; }

    public void AddByPrediction(QualityAccumulator accumulator)
    {
        _byPrediction.Own(accumulator.Epoch).Merge(accumulator);
        _dirtyPrediction.Add(accumulator.Epoch);
    }

    public void AddByArrival(QualityAccumulator accumulator) => _byArrival.Own(accumulator.Epoch).Merge(accumulator);

    /// <summary>Adds the predictions of a sub-window (and the sums of their label-free estimate).</summary>
    public void AddPredictions(long epoch, long predictions, EstimationAccumulator? estimation)
    {
        var own = _byPrediction.Own(epoch);
        own.Predictions += predictions;
        if (estimation is not null)
        {
            own.Estimation?.Merge(estimation);
        }

        _dirtyPrediction.Add(epoch);

        // Bounded like the drift sub-windows: the prediction-time history an evaluation keeps,
        // plus what may be waiting for the evaluator; the oldest go first.
        _byPrediction.DropOldestBeyond(_maxPredictionEpochs, _forgetDirty);
    }

    /// <summary>
    /// Feeds the new errors to the detector, reports every arrival window closed since the last
    /// evaluation (and the current one) and every prediction window whose outcomes changed.
    /// </summary>
    public (List<QualityReport> Reports, List<QualityAlert> Alerts) Evaluate(long watermark, WindowClock? clock, DateTimeOffset now)
    {
        var reports = new List<QualityReport>();
        var alerts = new List<QualityAlert>();
        FeedDetector(watermark, clock);

        int span = _model.SubWindowsPerWindow;
        var ends = _byArrival.ClosedEnds(ArrivalReportedThrough, watermark, span);

        if (_conceptDriftEpoch is long drifted && drifted < watermark && drifted > ArrivalReportedThrough)
        {
            ends.Add(drifted);
        }

        foreach (long end in ends)
        {
            var window = _byArrival.Window(end, span);
            bool conceptDrift = _conceptDriftEpoch is long d && d <= end;
            if (conceptDrift)
            {
                _conceptDriftEpoch = null;
            }

            var report = ArrivalReport(window, end - span + 1, end, complete: true, conceptDrift, clock, now);
            if (conceptDrift && _conceptShift is null && ErrorOf(report.Metrics) is double after)
            {
                _conceptShift = (_preChangeError, after);
            }

            ArrivalReportedThrough = end;
            AddClosed(report);
            reports.Add(report);
            if (Track(report, now) is { } alert)
            {
                alerts.Add(alert);
            }
        }

        var current = _byArrival.Window(watermark, span);
        if (current.Outcomes > 0)
        {
            var report = ArrivalReport(current, watermark - span + 1, watermark, complete: false, conceptDrift: false, clock, now);
            LatestArrival = report;
            reports.Add(report);
        }

        _byArrival.Forget(watermark - span + 1);
        reports.AddRange(UpdatePredictionReports(watermark, span, clock, now, alerts));
        if (Segments is { } segments)
        {
            reports.AddRange(segments.Evaluate(watermark, clock, now, alerts));
        }

        return (reports, alerts);
    }

    private void FeedDetector(long watermark, WindowClock? clock)
    {
        if (Errors.Count == 0)
        {
            return;
        }

        // Shards are drained one after another; arrival time restores the stream's order.
        Errors.Sort((a, b) => a.Ticks.CompareTo(b.Ticks));
        if (_detector is not null)
        {
            foreach (var e in Errors)
            {
                double before = _detector is Adwin adwin ? adwin.Mean : double.NaN;
                _errorSum += e.Error;
                _errorCount++;
                if (_detector.Add(e.Error) != ChangeDetectorState.Drift)
                {
                    continue;
                }

                ConceptDriftDetections++;
                double preChange = (_errorSum - e.Error) / Math.Max(1, _errorCount - 1);
                _errorSum = 0;
                _errorCount = 0;

                // ADWIN reports changes both ways; only a rising error is a quality problem.
                if (_detector is Adwin after && !(after.Mean > before))
                {
                    continue;
                }

                // The level before the first rise is what recovery is measured against; the detector
                // may fire again while the error settles at its new level.
                if (double.IsNaN(_preChangeError))
                {
                    _preChangeError = preChange;
                }

                long epoch = clock is null ? watermark : clock.EpochOf(new DateTimeOffset(e.Ticks, TimeSpan.Zero));
                _conceptDriftEpoch = Math.Min(_conceptDriftEpoch ?? long.MaxValue, Math.Max(epoch, ArrivalReportedThrough + 1));
            }
        }

        Errors.Clear();
    }

    private QualityReport ArrivalReport(QualityAccumulator window, long first, long last, bool complete, bool conceptDrift, WindowClock? clock, DateTimeOffset now)
    {
        var metrics = window.Compute();
        var breaches = complete && metrics.Outcomes >= _quality.MinimumOutcomes ? QualityBreaches.Find(metrics, _quality.Thresholds, _baseline) : [];
        if (complete && metrics.Outcomes >= _quality.MinimumOutcomes && _baseline is null && _baselineWindowCount < _quality.BaselineWindows)
        {
            // The reference period: the first windows with enough outcomes set the baseline of drops.
            _baselineWindows ??= new QualityAccumulator(_quality);
            _baselineWindows.Merge(window);
            if (++_baselineWindowCount == _quality.BaselineWindows)
            {
                _baseline = _baselineWindows.Compute();
            }
        }

        return new QualityReport(_model, first, last, complete, clock, now, metrics)
        {
            Basis = QualityWindowBasis.OutcomeArrival,
            Breaches = breaches,
            ConceptDrift = conceptDrift,
        };
    }

    /// <summary>Hysteresis as for drift alerts; concept drift raises at once (its detector already demands evidence).</summary>
    private QualityAlert? Track(QualityReport report, DateTimeOffset now)
    {
        bool scored = report.Metrics.Outcomes >= _quality.MinimumOutcomes;
        if (!scored && !report.ConceptDrift)
        {
            return null; // too few outcomes to call the window either way
        }

        var at = report.WindowEnd ?? now;
        var kind = Alert.Observe(report.IsDegraded || StillShifted(report), report.ConceptDrift, at, _model.RaiseAfter, _model.ClearAfter, _model.Cooldown);
        if (kind == DriftAlertKind.Cleared)
        {
            _conceptShift = null;
            _preChangeError = double.NaN;
        }

        if (kind is null)
        {
            return null;
        }

        var reasons = report.Breaches.Select(b => b.ToString()).ToList();
        if (report.ConceptDrift)
        {
            reasons.Add("concept drift: the error rate rose");
        }

        return new QualityAlert
        {
            ModelName = _model.Name,
            ModelVersion = _model.Version,
            Kind = kind.Value,
            Report = report,
            Reasons = [.. reasons],
            At = at,
        };
    }

    /// <summary>
    /// The estimated-quality alert, with the hysteresis of the quality alert: a closed prediction-time
    /// window is bad when an estimate fell below its reference threshold. Windows without a labelled
    /// reference have no thresholds and are never bad.
    /// </summary>
    private QualityAlert? TrackEstimate(QualityReport report, DateTimeOffset now)
    {
        var estimated = report.Estimated!;
        var at = report.WindowEnd ?? now;
        var kind = EstimateAlert.Observe(estimated.IsDegraded, raiseNow: false, at, _model.RaiseAfter, _model.ClearAfter, _model.Cooldown);
        if (kind is null)
        {
            return null;
        }

        return new QualityAlert
        {
            ModelName = _model.Name,
            ModelVersion = _model.Version,
            Kind = kind.Value,
            Report = report,
            Reasons = [.. estimated.Metrics.Where(m => m.IsDrop).Select(EstimatedDrop.Describe)],
            IsEstimated = true,
            At = at,
        };
    }

    /// <summary>
    /// After concept drift the detector adapts to the new error level and stays quiet, which is not
    /// recovery: until the error is back nearer its level before the change than after it, a
    /// window still counts as degraded.
    /// </summary>
    private bool StillShifted(QualityReport report) =>
        _conceptShift is { } shift && ErrorOf(report.Metrics) is double error && !double.IsNaN(shift.Before)
        && error > (shift.Before + shift.After) / 2;

    /// <summary>The quantity the concept-drift detector watches: the error rate, or the mean absolute error.</summary>
    private static double? ErrorOf(QualityMetrics metrics) => metrics.Accuracy is double accuracy ? 1 - accuracy : metrics.MeanAbsoluteError;

    private List<QualityReport> UpdatePredictionReports(long watermark, int span, WindowClock? clock, DateTimeOffset now, List<QualityAlert> alerts)
    {
        var made = new List<QualityReport>();
        long oldestEnd = watermark - ((long)span * _model.History);
        var ends = EpochWindows<QualityAccumulator>.EndsTouching(_dirtyPrediction, oldestEnd - 1, watermark, span);

        // Windows that closed since the last evaluation are reported as complete even when nothing
        // new arrived in them: their estimate is final, and the estimated-quality alert judges it.
        long closedAfter = Math.Max(PredictionClosedThrough, oldestEnd - 1);
        ends.UnionWith(_byPrediction.ClosedEnds(closedAfter, watermark, span));

        _dirtyPrediction.Clear();
        foreach (long end in ends)
        {
            var window = _byPrediction.Window(end, span);
            var report = new QualityReport(_model, end - span + 1, end, complete: end < watermark, clock, now, window.Compute())
            {
                Basis = QualityWindowBasis.PredictionTime,
                Predictions = window.Predictions,
                Estimated = _quality.Estimation?.Estimate(window.Estimation),
            };
            _predictionReports[end] = report;
            made.Add(report);
            if (end > closedAfter && end < watermark && report.Estimated is not null)
            {
                LatestEstimated = report;
                if (TrackEstimate(report, now) is { } alert)
                {
                    alerts.Add(alert);
                }
            }
        }

        PredictionClosedThrough = Math.Max(PredictionClosedThrough, watermark - 1);

        // Bounded: the configured history of windows, older sub-windows forgotten.
        while (_predictionReports.Count > 0 && _predictionReports.Keys.First() < oldestEnd)
        {
            _predictionReports.Remove(_predictionReports.Keys.First());
        }

        _byPrediction.Forget(oldestEnd - span + 1);
        _predictionSnapshot = [.. _predictionReports.Values];
        return made;
    }

    private void AddClosed(QualityReport report)
    {
        LatestArrival = report;
        LatestClosedArrival = report;
        _arrivalHistory.Enqueue(report);
        while (_arrivalHistory.Count > _model.History)
        {
            _arrivalHistory.Dequeue();
        }

        _arrivalSnapshot = [.. _arrivalHistory];
    }
}
