using System.Text.Json;
using ModelWatch.Drift;
using ModelWatch.Monitoring;

namespace ModelWatch.AspNetCore.Endpoints;

/// <summary>Turns the core's reports into the endpoints' JSON shapes.</summary>
internal static class JsonMapping
{
    public static ModelSummaryJson Summary(ModelView model)
    {
        var latest = model.Latest;
        return new ModelSummaryJson(
            model.Name,
            model.CurrentVersion,
            model.Versions,
            model.Status,
            latest is { Status: DriftReportStatus.Evaluated } ? latest.IsDrift : null,
            latest is null ? [] : [.. latest.Features.Where(f => f.IsDrift).Select(f => f.Name)],
            new AlertsJson(model.DriftAlert, model.QualityAlert),
            latest?.EvaluatedAt,
            latest?.Predictions);
    }

    public static DriftReportJson Drift(DriftReport report)
    {
        long missing = 0, nonFinite = 0, outOfRange = 0, unseen = 0;
        foreach (var f in report.Features)
        {
            missing += f.MissingCount;
            nonFinite += f.NonFiniteCount;
            outOfRange += f.OutOfRangeCount;
            unseen += f.UnseenCount;
        }

        return new DriftReportJson(report)
        {
            Status = Name(report.Status),
            IsDrift = report.IsDrift,
            IsPredictionDrift = report.IsPredictionDrift,
            Dataset = report.Dataset is { } d
                ? new DatasetDriftJson(d.FeatureCount, d.DriftedCount, Finite(d.DriftedShare), Finite(d.ShareThreshold), d.IsDrift, Name(d.Correction))
                : null,
            DataQuality = new DataQualityJson(report.Predictions, report.SchemaViolations, report.FailedPredictions, missing, nonFinite, outOfRange, unseen),
            MeanLatencySeconds = Finite(report.MeanLatencySeconds),
            MaxLatencySeconds = Finite(report.MaxLatencySeconds),
            EstimatedAccuracy = Finite(report.EstimatedAccuracy),
            Features = [.. report.Features.Select(Feature)],
        };
    }

    public static QualityReportJson Quality(QualityReport report)
    {
        var m = report.Metrics;
        return new QualityReportJson(report)
        {
            Basis = Name(report.Basis),
            Predictions = report.Predictions,
            Task = Name(m.Task),
            Outcomes = m.Outcomes,
            Metrics = new QualityMetricsJson(
                Finite(m.Accuracy),
                Finite(m.Precision),
                Finite(m.Recall),
                Finite(m.F1),
                Finite(m.LogLoss),
                Finite(m.BrierScore),
                Finite(m.ExpectedCalibrationError),
                Finite(m.RocAuc),
                Finite(m.MeanAbsoluteError),
                Finite(m.RootMeanSquaredError),
                Finite(m.MeanAbsolutePercentageError),
                Finite(m.RSquared),
                Finite(m.MeanError)),
            EstimatedAccuracy = Finite(report.EstimatedAccuracy),
            Breaches = [.. report.Breaches.Select(b => new QualityBreachJson(Name(b.Metric), Finite(b.Value), Finite(b.Limit), Finite(b.Baseline)))],
            ConceptDrift = report.ConceptDrift,
            IsDegraded = report.IsDegraded,
        };
    }

    /// <summary>An enum member's name in camelCase, the casing of every other name in the JSON.</summary>
    public static string Name<TEnum>(TEnum value)
        where TEnum : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    public static double? Finite(double value) => double.IsFinite(value) ? value : null;

    public static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;

    private static FeatureDriftJson Feature(FeatureDriftReport f) => new(
        f.Name,
        Name(f.Kind),
        f.IsPrediction,
        f.IsDrift,
        f.Verdict is { } v ? Detector(v) : null,
        [.. f.Detectors.Select(Detector)],
        new FeatureCountsJson(f.Count, f.MissingCount, f.NonFiniteCount, f.OutOfRangeCount, f.UnseenCount),
        Finite(f.Mean),
        Finite(f.StandardDeviation),
        Finite(f.Min),
        Finite(f.Max),
        [.. f.BinEdges],
        [.. f.Categories],
        [.. f.ReferenceCounts],
        [.. f.CurrentCounts]);

    private static DetectorJson Detector(DriftResult r) =>
        new(r.Detector, Finite(r.Statistic), Finite(r.PValue), Finite(r.Threshold), Name(r.Basis), r.IsDrift, r.ReferenceCount, r.CurrentCount);
}
