using System.Diagnostics.Metrics;

namespace ModelWatch.Monitoring;

/// <summary>
/// The segment instruments, read from each segmented model's latest report: per segment model-level
/// series by default (bounded by <c>MaxSegments</c> + 1 per model version), per segment × feature only
/// when the model opts in (<see cref="SegmentOptions.FeatureMetrics"/>).
/// </summary>
internal sealed partial class ModelWatchMetrics
{
    private void CreateSegmentInstruments()
    {
        _meter.CreateObservableGauge(ModelWatchInstruments.SegmentDriftStatus, ObserveSegmentStatus, "1", "The latest window's drift verdict per judged segment: 0 stable, 1 drifting.");
        _meter.CreateObservableGauge(ModelWatchInstruments.SegmentPredictions, ObserveSegmentPredictions, "{prediction}", "Predictions per segment in the latest window.");
        _meter.CreateObservableGauge(ModelWatchInstruments.SegmentDriftedShare, ObserveDriftedShare, "1", "The share of judged segments that drifted in the latest window.");
        _meter.CreateObservableGauge(ModelWatchInstruments.SegmentFeatureDriftStatus, ObserveSegmentFeatureStatus, "1", "The latest window's drift verdict per segment and feature (opt-in).");
        _meter.CreateObservableGauge(ModelWatchInstruments.SegmentFeatureDriftScore, ObserveSegmentFeatureScore, "1", "The latest window's verdict statistic per segment and feature (opt-in).");
    }

    private IEnumerable<(ModelMonitor Monitor, DriftReport Report)> Segmented()
    {
        foreach (var m in _monitors())
        {
            if (m.Segments is not null && m.State.LatestReport is { Status: DriftReportStatus.Evaluated } report)
            {
                yield return (m, report);
            }
        }
    }

    private static KeyValuePair<string, object?>[] Segment(ModelMonitor m, string segment) => [.. Model(m), new(ModelWatchInstruments.SegmentName, segment)];

    private IEnumerable<Measurement<int>> ObserveSegmentStatus()
    {
        foreach (var (m, report) in Segmented())
        {
            foreach (var s in report.Segments)
            {
                if (s.Status == SegmentStatus.Evaluated)
                {
                    yield return new(s.IsDrift ? 1 : 0, Segment(m, s.Name));
                }
            }
        }
    }

    private IEnumerable<Measurement<long>> ObserveSegmentPredictions()
    {
        foreach (var (m, report) in Segmented())
        {
            foreach (var s in report.Segments)
            {
                yield return new(s.Predictions, Segment(m, s.Name));
            }
        }
    }

    private IEnumerable<Measurement<double>> ObserveDriftedShare()
    {
        foreach (var (m, report) in Segmented())
        {
            if (report.DriftedSegmentShare is double share)
            {
                yield return new(share, Model(m));
            }
        }
    }

    private IEnumerable<(ModelMonitor Monitor, string Segment, FeatureDriftReport Feature)> SegmentFeatures()
    {
        foreach (var (m, report) in Segmented())
        {
            if (!m.Definition.Segments!.FeatureMetrics)
            {
                continue;
            }

            foreach (var s in report.Segments)
            {
                if (s.Status != SegmentStatus.Evaluated)
                {
                    continue;
                }

                foreach (var f in s.Report.Features)
                {
                    if (f.Verdict is not null)
                    {
                        yield return (m, s.Name, f);
                    }
                }
            }
        }
    }

    private IEnumerable<Measurement<int>> ObserveSegmentFeatureStatus()
    {
        foreach (var (m, segment, f) in SegmentFeatures())
        {
            yield return new(f.IsDrift ? 1 : 0, [.. Segment(m, segment), new(ModelWatchInstruments.FeatureName, f.Name)]);
        }
    }

    private IEnumerable<Measurement<double>> ObserveSegmentFeatureScore()
    {
        foreach (var (m, segment, f) in SegmentFeatures())
        {
            yield return new(f.Verdict!.Value.Statistic, [.. Segment(m, segment), new(ModelWatchInstruments.FeatureName, f.Name), new(ModelWatchInstruments.DetectorName, f.Verdict.Value.Detector)]);
        }
    }
}
