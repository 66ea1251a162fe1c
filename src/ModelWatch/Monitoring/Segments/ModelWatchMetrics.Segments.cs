using System.Diagnostics.Metrics;

namespace ModelWatch.Monitoring;

/// <summary>
/// The segment instruments, read from each segmented model's latest report: per segment model-level
/// series by default (bounded by <c>MaxSegments</c> + 1 per model version), per segment × feature only
/// when the model opts in (<see cref="SegmentOptions.FeatureMetrics"/>).
/// </summary>
internal sealed partial class ModelWatchMetrics
{
    /// <summary>Counts segments admitted by weight in place of lighter ones.</summary>
    public Counter<long> SegmentReplacements { get; private set; } = null!;

    private void CreateSegmentInstruments()
    {
        SegmentReplacements = _meter.CreateCounter<long>(ModelWatchInstruments.SegmentReplacements, "{segment}", "Segments admitted by weight in place of a lighter tracked segment, which then counts in (other).");
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

    private static ReadOnlySpan<KeyValuePair<string, object?>> Segment(KeyValuePair<string, object?>[] buffer, ModelMonitor m, string segment)
    {
        Model(buffer, m);
        return With(buffer, ModelWatchInstruments.SegmentName, segment);
    }

    private static ReadOnlySpan<KeyValuePair<string, object?>> SegmentFeature(KeyValuePair<string, object?>[] buffer, ModelMonitor m, string segment, string feature)
    {
        Model(buffer, m);
        With(buffer, ModelWatchInstruments.SegmentName, segment, ModelWatchInstruments.FeatureName, feature);
        return buffer.AsSpan(0, 4);
    }

    private IEnumerable<Measurement<int>> ObserveSegmentStatus()
    {
        var tags = TagBuffer(1);
        foreach (var (m, report) in Segmented())
        {
            foreach (var s in report.Segments)
            {
                if (s.Status == SegmentStatus.Evaluated)
                {
                    yield return new(s.IsDrift ? 1 : 0, Segment(tags, m, s.Name));
                }
            }
        }
    }

    private IEnumerable<Measurement<long>> ObserveSegmentPredictions()
    {
        var tags = TagBuffer(1);
        foreach (var (m, report) in Segmented())
        {
            foreach (var s in report.Segments)
            {
                yield return new(s.Predictions, Segment(tags, m, s.Name));
            }
        }
    }

    private IEnumerable<Measurement<double>> ObserveDriftedShare()
    {
        var tags = TagBuffer(0);
        foreach (var (m, report) in Segmented())
        {
            if (report.DriftedSegmentShare is double share)
            {
                yield return new(share, Model(tags, m));
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
        var tags = TagBuffer(2);
        foreach (var (m, segment, f) in SegmentFeatures())
        {
            yield return new(f.IsDrift ? 1 : 0, SegmentFeature(tags, m, segment, f.Name));
        }
    }

    private IEnumerable<Measurement<double>> ObserveSegmentFeatureScore()
    {
        var tags = TagBuffer(3);
        foreach (var (m, segment, f) in SegmentFeatures())
        {
            SegmentFeature(tags, m, segment, f.Name);
            tags[4] = new(ModelWatchInstruments.DetectorName, f.Verdict!.Value.Detector);
            yield return new(f.Verdict.Value.Statistic, tags.AsSpan(0, 5));
        }
    }
}
