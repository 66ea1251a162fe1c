using ModelWatch.Drift;
using ModelWatch.Monitoring;

namespace ModelWatch.Tests.Monitoring.Json;

/// <summary>Reports built by hand with every awkward value a real one can hold: NaN, ±Infinity, null p-values, empty parts.</summary>
internal static class SampleReports
{
    public static readonly DateTimeOffset Start = new(2026, 1, 5, 12, 0, 0, TimeSpan.Zero);

    public static DriftResult Detector(
        string name = "ks",
        double statistic = 0.42,
        double? pValue = 1.5e-30,
        Exactness exactness = Exactness.Exact,
        double? bound = null,
        DriftDecisionBasis basis = DriftDecisionBasis.PValue) => new()
    {
        Detector = name,
        Statistic = statistic,
        PValue = pValue,
        Threshold = 0.05,
        Basis = basis,
        IsDrift = true,
        Exactness = exactness,
        StatisticBound = bound,
        ReferenceCount = 731,
        CurrentCount = 250,
    };

    /// <summary>
    /// A drift report of two columns: a numeric one whose window statistics are not finite (NaN mean,
    /// ±Infinity min and max) and whose detectors hold a NaN statistic, a null p-value and an infinite
    /// bound; a categorical one with no value in the window (no verdict, no detectors). Latency was never
    /// timed (NaN) and the dataset verdict has no feature (its share is 0/0).
    /// </summary>
    public static DriftReport Awkward(DriftReportStatus status = DriftReportStatus.Evaluated) => new()
    {
        ModelName = "fraud <&> \"model\"",
        ModelVersion = "1",
        Status = status,
        IsComplete = true,
        FirstSubWindow = 3,
        LastSubWindow = 4,
        WindowStart = Start,
        WindowEnd = Start.AddHours(2),
        EvaluatedAt = Start.AddHours(2).AddSeconds(1),
        Predictions = 250,
        SchemaViolations = 2,
        FailedPredictions = 1,
        Dataset = new DatasetDriftResult { FeatureCount = 0, DriftedCount = 0, ShareThreshold = 0.5, Correction = MultipleTestingCorrection.BenjaminiHochberg },
        Features =
        [
            new FeatureDriftReport
            {
                Name = "amount",
                Kind = FeatureKind.Numeric,
                Count = 250,
                MissingCount = 3,
                NonFiniteCount = 4,
                OutOfRangeCount = 27,
                Mean = double.NaN,
                StandardDeviation = double.PositiveInfinity,
                Min = double.NegativeInfinity,
                Max = double.PositiveInfinity,
                BinEdges = [-1.5, 0, 1.5],
                ReferenceCounts = [10, 20, 30, 40],
                CurrentCounts = [1, 2, 3, 4],
                IsDrift = true,
                Verdict = Detector(),
                Detectors =
                [
                    Detector(),
                    Detector("psi", statistic: double.NaN, pValue: null, exactness: Exactness.Bounded, bound: double.PositiveInfinity, basis: DriftDecisionBasis.Statistic),
                    Detector("wasserstein", statistic: 0.3, pValue: double.NaN, exactness: Exactness.Bounded, bound: 0.01, basis: DriftDecisionBasis.Statistic),
                ],
            },
            new FeatureDriftReport
            {
                Name = "country",
                Kind = FeatureKind.Categorical,
                IsPrediction = true,
                UnseenCount = 5,
                Categories = ["DE", "FR", "(unseen)"],
                ReferenceCounts = [5, 6, 0],
                CurrentCounts = [0, 0, 5],
            },
        ],
    };

    public static QualityReport Quality(QualityWindowBasis basis = QualityWindowBasis.OutcomeArrival, ModelTask task = ModelTask.BinaryClassification) => new()
    {
        ModelName = "churn",
        ModelVersion = "2",
        Basis = basis,
        IsComplete = false,
        FirstSubWindow = 7,
        LastSubWindow = 7,
        EvaluatedAt = Start,
        Predictions = 120,
        Metrics = new QualityMetrics
        {
            Task = task,
            Outcomes = 100,
            Accuracy = 0.5,
            Precision = double.NaN,
            F1 = double.PositiveInfinity,
            RocAuc = 0.75,
            RocAucErrorBound = 0.01,
            ProbabilisticOutcomes = 90,
            Classes =
            [
                new ClassQuality { ClassIndex = 0, Support = 60, Predicted = 100, Precision = 0.6, Recall = 1, F1 = 0.75 },
                new ClassQuality { ClassIndex = 1, Support = 40, Predicted = 0, Precision = 0, Recall = 0, F1 = double.NaN },
            ],
            ConfusionMatrix = [60, 0, 40, 0],
        },
        Breaches =
        [
            new QualityBreach { Metric = QualityMetric.Accuracy, Value = 0.5, Limit = 0.9 },
            new QualityBreach { Metric = QualityMetric.RocAuc, Value = double.NaN, Limit = double.NegativeInfinity, Baseline = 0.9 },
        ],
        ConceptDrift = true,
    };
}
