namespace ModelWatch.Monitoring;

/// <summary>The tracker's snapshot round trip: its state saved with the monitor and restored at start-up.</summary>
internal sealed partial class QualityTracker
{
    /// <summary>The tracker's state for a snapshot (collect lock held). The change detector starts afresh after a restart.</summary>
    internal QualitySnapshot ToSnapshot() => new()
    {
        ByPrediction = _byPrediction.Accumulators.ToDictionary(a => a.Epoch, a => a.ToSnapshot()),
        ByArrival = _byArrival.Accumulators.ToDictionary(a => a.Epoch, a => a.ToSnapshot()),
        Alert = Alert.ToSnapshot(ArrivalReportedThrough),
        Baseline = _baselineWindows?.ToSnapshot(),
        BaselineWindows = _baselineWindowCount,
        PreChangeError = _preChangeError,
        ConceptShift = _conceptShift is { } shift ? [shift.Before, shift.After] : null,
        EstimateAlert = _quality.Estimation is null ? null : EstimateAlert.ToSnapshot(PredictionClosedThrough),
        Segments = Segments?.ToSnapshot(),
    };

    /// <summary>Restores a snapshot's state (collect lock held).</summary>
    internal void Restore(QualitySnapshot s)
    {
        foreach (var (epoch, accumulator) in s.ByPrediction ?? [])
        {
            _byPrediction.Own(epoch).Add(accumulator);
            _dirtyPrediction.Add(epoch);
        }

        foreach (var (epoch, accumulator) in s.ByArrival ?? [])
        {
            _byArrival.Own(epoch).Add(accumulator);
        }

        if (s.Alert is { } alert)
        {
            ArrivalReportedThrough = alert.ReportedThrough;
            Alert.Restore(alert);
        }
        _baselineWindowCount = s.BaselineWindows;
        if (s.Baseline is { } baseline)
        {
            _baselineWindows = new QualityAccumulator(_quality);
            _baselineWindows.Add(baseline);
            if (_baselineWindowCount >= _quality.BaselineWindows)
            {
                _baseline = _baselineWindows.Compute();
            }
        }

        if (s.EstimateAlert is { } estimateAlert && _quality.Estimation is not null)
        {
            PredictionClosedThrough = estimateAlert.ReportedThrough;
            EstimateAlert.Restore(estimateAlert);
        }

        _preChangeError = s.PreChangeError;
        _conceptShift = s.ConceptShift is [double before, double after] ? (before, after) : null;
    }
}
