using System.Collections.Immutable;

namespace ModelWatch.Monitoring;

/// <summary>
/// Realised quality per segment, on the evaluator's side: each segment's outcomes by arrival window
/// (reports, thresholds, drops against the segment's own baseline, and a quality alert with the
/// model's hysteresis) and by prediction window (the realised quality of
/// <see cref="SegmentDriftResult.Quality"/>). An outcome counts in the segment its prediction was
/// logged in, as well as in the whole model's <see cref="QualityTracker"/>.
/// </summary>
/// <remarks>
/// Used under the monitor's collect lock, except the volatile reads of the latest reports and alert
/// states. Memory per segment with outcomes: the arrival sub-windows of the current window and the
/// prediction sub-windows of the configured history, as the whole model's tracker keeps. The
/// concept-drift detector runs on the whole model's error stream only.
/// </remarks>
internal sealed class SegmentQuality
{
    private readonly ModelDefinition _model;
    private readonly QualityDefinition _quality;
    private readonly SegmentKeys _keys;
    private readonly Slot?[] _slots;
    private readonly int _maxPredictionEpochs;
    private volatile Dictionary<string, QualityReport> _latest = new(StringComparer.Ordinal);

    public SegmentQuality(ModelDefinition model, QualityDefinition quality, SegmentKeys keys)
    {
        _model = model;
        _quality = quality;
        _keys = keys;
        _slots = new Slot?[keys.Slots];
        _maxPredictionEpochs = (int)Math.Min(int.MaxValue, ((long)model.SubWindowsPerWindow * (model.History + 1)) + CollectedWindows.MaxPendingSubWindows);
    }

    /// <summary>The segments whose quality alert is active now (sorted by name).</summary>
    public IReadOnlyList<string> Active { get; private set; } = [];

    /// <summary>Takes the accumulators harvested from an outcome shard.</summary>
    public void Add(Dictionary<(long Epoch, int Slot), QualityAccumulator> byPrediction, Dictionary<(long Epoch, int Slot), QualityAccumulator> byArrival)
    {
        foreach (var ((epoch, slot), accumulator) in byPrediction)
        {
            var own = StateOf(slot);
            own.ByPrediction.Own(epoch).Merge(accumulator);
            own.ByPrediction.DropOldestBeyond(_maxPredictionEpochs);
        }

        foreach (var ((epoch, slot), accumulator) in byArrival)
        {
            StateOf(slot).ByArrival.Own(epoch).Merge(accumulator);
        }
    }

    /// <summary>
    /// Reports every segment's arrival windows closed since the last evaluation (and its current
    /// one), judges the closed ones against the model's thresholds and the segment's baseline, and
    /// runs each segment's quality alert; adds the alerts raised or cleared to <paramref name="alerts"/>.
    /// </summary>
    public List<QualityReport> Evaluate(long watermark, WindowClock? clock, DateTimeOffset now, List<QualityAlert> alerts)
    {
        var reports = new List<QualityReport>();
        int span = _model.SubWindowsPerWindow;
        long oldestEnd = watermark - ((long)span * _model.History);
        var latest = new Dictionary<string, QualityReport>(_latest, StringComparer.Ordinal);
        for (int slot = 0; slot < _slots.Length; slot++)
        {
            if (_slots[slot] is not { } state || _keys.NameOf(slot) is not { } name)
            {
                continue;
            }

            foreach (long end in state.ByArrival.ClosedEnds(state.ReportedThrough, watermark, span))
            {
                var report = Report(state, name, state.ByArrival.Window(end, span), end - span + 1, end, complete: true, clock, now);
                state.ReportedThrough = end;
                latest[name] = report;
                reports.Add(report);
                if (Track(state, report, now) is { } alert)
                {
                    alerts.Add(alert);
                }
            }

            var current = state.ByArrival.WindowToRead(watermark, span);
            if (current.Outcomes > 0)
            {
                var report = Report(state, name, current, watermark - span + 1, watermark, complete: false, clock, now);
                latest[name] = report;
                reports.Add(report);
            }

            state.ByArrival.Forget(watermark - span + 1);
            state.ByPrediction.Forget(oldestEnd - span + 1);
        }

        _latest = latest;
        Refresh();
        return reports;
    }

    /// <summary>
    /// Sets each segment result's realised quality: the outcomes of the segment's predictions in the
    /// window <c>[last − span + 1, last]</c> joined so far.
    /// </summary>
    public void Fill(ImmutableArray<SegmentDriftResult> results, long last, int span)
    {
        foreach (var result in results)
        {
            int slot = _keys.Find(result.Name);
            result.Quality = slot >= 0 && _slots[slot] is { } state ? state.ByPrediction.WindowToRead(last, span).Compute() : new QualityMetrics { Task = _quality.Task };
        }
    }

    /// <summary>A segment's newest arrival-window quality report (the current window, or the last closed one), or null.</summary>
    public QualityReport? Latest(string segment) => _latest.GetValueOrDefault(segment);

    /// <summary>Whether a segment's quality alert is active.</summary>
    public bool IsAlertActive(string segment) => _keys.Find(segment) is int slot and >= 0 && _slots[slot] is { } state && state.Alert.Active;

    /// <summary>The segments' state for a snapshot (collect lock held), in slot order.</summary>
    public List<SegmentQualitySnapshot> ToSnapshot()
    {
        var saved = new List<SegmentQualitySnapshot>();
        for (int slot = 0; slot < _slots.Length; slot++)
        {
            if (_slots[slot] is not { } state || _keys.NameOf(slot) is not { } name)
            {
                continue;
            }

            saved.Add(new SegmentQualitySnapshot
            {
                Name = name,
                ByPrediction = state.ByPrediction.Accumulators.ToDictionary(a => a.Epoch, a => a.ToSnapshot()),
                ByArrival = state.ByArrival.Accumulators.ToDictionary(a => a.Epoch, a => a.ToSnapshot()),
                Alert = state.Alert.ToSnapshot(state.ReportedThrough),
                Baseline = state.BaselineWindows?.ToSnapshot(),
                BaselineWindows = state.BaselineWindowCount,
            });
        }

        return saved;
    }

    /// <summary>Restores saved segments that are tracked again (after the segments themselves are restored; collect lock held).</summary>
    public void Restore(IEnumerable<SegmentQualitySnapshot>? saved)
    {
        foreach (var s in saved ?? [])
        {
            if (s.Name is null || _keys.Find(s.Name) is not (int slot and >= 0))
            {
                continue; // no longer tracked: its outcomes stay counted in the whole model
            }

            var state = StateOf(slot);
            foreach (var (epoch, accumulator) in s.ByPrediction ?? [])
            {
                state.ByPrediction.Own(epoch).Add(accumulator);
            }

            foreach (var (epoch, accumulator) in s.ByArrival ?? [])
            {
                state.ByArrival.Own(epoch).Add(accumulator);
            }

            if (s.Alert is { } alert)
            {
                state.ReportedThrough = alert.ReportedThrough;
                state.Alert.Restore(alert);
            }

            state.BaselineWindowCount = s.BaselineWindows;
            if (s.Baseline is { } baseline)
            {
                state.BaselineWindows = new QualityAccumulator(_quality);
                state.BaselineWindows.Add(baseline);
                if (state.BaselineWindowCount >= _quality.BaselineWindows)
                {
                    state.Baseline = state.BaselineWindows.Compute();
                }
            }
        }

        Refresh();
    }

    private Slot StateOf(int slot)
    {
        // A slot saved by a snapshot of a model with more segments counts in "(other)".
        if ((uint)slot >= (uint)_slots.Length)
        {
            slot = _keys.OtherSlot;
        }

        return _slots[slot] ??= new Slot(_quality);
    }

    /// <summary>A segment's arrival-window report; a closed window with enough outcomes is judged and may set the segment's baseline.</summary>
    private QualityReport Report(Slot state, string name, QualityAccumulator window, long first, long last, bool complete, WindowClock? clock, DateTimeOffset now)
    {
        var metrics = window.Compute();
        bool scored = complete && metrics.Outcomes >= _quality.MinimumOutcomes;
        var breaches = scored ? QualityBreaches.Find(metrics, _quality.Thresholds, state.Baseline) : [];
        if (scored && state.Baseline is null && state.BaselineWindowCount < _quality.BaselineWindows)
        {
            // The segment's reference period: its first windows with enough outcomes, as for the whole model.
            state.BaselineWindows ??= new QualityAccumulator(_quality);
            state.BaselineWindows.Merge(window);
            if (++state.BaselineWindowCount == _quality.BaselineWindows)
            {
                state.Baseline = state.BaselineWindows.Compute();
            }
        }

        return new QualityReport(_model, first, last, complete, clock, now, metrics)
        {
            Basis = QualityWindowBasis.OutcomeArrival,
            Breaches = breaches,
            Segment = name,
        };
    }

    /// <summary>The model's hysteresis per segment; a window with too few outcomes neither raises nor clears.</summary>
    private QualityAlert? Track(Slot state, QualityReport report, DateTimeOffset now)
    {
        if (report.Metrics.Outcomes < _quality.MinimumOutcomes)
        {
            return null;
        }

        var at = report.WindowEnd ?? now;
        var kind = state.Alert.Observe(report.IsDegraded, raiseNow: false, at, _model.RaiseAfter, _model.ClearAfter, _model.Cooldown);
        return kind is null ? null : new QualityAlert
        {
            ModelName = _model.Name,
            ModelVersion = _model.Version,
            Kind = kind.Value,
            Report = report,
            Reasons = [.. report.Breaches.Select(b => b.ToString())],
            Segment = report.Segment,
            At = at,
        };
    }

    private void Refresh()
    {
        var active = new List<string>();
        for (int slot = 0; slot < _slots.Length; slot++)
        {
            if (_slots[slot] is { Alert.Active: true } && _keys.NameOf(slot) is { } name)
            {
                active.Add(name);
            }
        }

        active.Sort(StringComparer.Ordinal);
        Active = active;
    }

    /// <summary>One segment's quality state.</summary>
    private sealed class Slot(QualityDefinition quality)
    {
        public EpochWindows<QualityAccumulator> ByPrediction { get; } = new(epoch => new QualityAccumulator(quality) { Epoch = epoch });

        public EpochWindows<QualityAccumulator> ByArrival { get; } = new(epoch => new QualityAccumulator(quality) { Epoch = epoch });

        public AlertHysteresis Alert { get; } = new();

        public long ReportedThrough = long.MinValue;

        public QualityAccumulator? BaselineWindows;

        public int BaselineWindowCount;

        public QualityMetrics? Baseline;
    }
}
