using System.Text.Json;
using ModelWatch.Drift;
using ModelWatch.Monitoring;

namespace ModelWatch.Tests.Monitoring.Json;

/// <summary>
/// Every enumeration a report or alert holds is written as a camelCase word, alone (default options) and
/// inside a report; alone it also reads back from its word, never from a number.
/// </summary>
public sealed class EnumJsonTests
{
    // Written out rather than derived, so that a renamed member shows up as a changed JSON word.
    public static TheoryData<Enum, string> Words => new()
    {
        { DriftReportStatus.Evaluated, "evaluated" },
        { DriftReportStatus.NoReference, "noReference" },
        { DriftReportStatus.EmptyWindow, "emptyWindow" },
        { FeatureKind.Numeric, "numeric" },
        { FeatureKind.Categorical, "categorical" },
        { DriftDecisionBasis.PValue, "pValue" },
        { DriftDecisionBasis.Statistic, "statistic" },
        { Exactness.Exact, "exact" },
        { Exactness.Bounded, "bounded" },
        { MultipleTestingCorrection.None, "none" },
        { MultipleTestingCorrection.Bonferroni, "bonferroni" },
        { MultipleTestingCorrection.BenjaminiHochberg, "benjaminiHochberg" },
        { QualityWindowBasis.PredictionTime, "predictionTime" },
        { QualityWindowBasis.OutcomeArrival, "outcomeArrival" },
        { ModelTask.None, "none" },
        { ModelTask.BinaryClassification, "binaryClassification" },
        { ModelTask.MulticlassClassification, "multiclassClassification" },
        { ModelTask.Regression, "regression" },
        { QualityMetric.Accuracy, "accuracy" },
        { QualityMetric.Precision, "precision" },
        { QualityMetric.Recall, "recall" },
        { QualityMetric.F1, "f1" },
        { QualityMetric.LogLoss, "logLoss" },
        { QualityMetric.BrierScore, "brierScore" },
        { QualityMetric.ExpectedCalibrationError, "expectedCalibrationError" },
        { QualityMetric.RocAuc, "rocAuc" },
        { QualityMetric.MeanAbsoluteError, "meanAbsoluteError" },
        { QualityMetric.RootMeanSquaredError, "rootMeanSquaredError" },
        { QualityMetric.MeanAbsolutePercentageError, "meanAbsolutePercentageError" },
        { QualityMetric.RSquared, "rSquared" },
        { QualityMetric.MeanError, "meanError" },
        { DriftAlertKind.Raised, "raised" },
        { DriftAlertKind.Cleared, "cleared" },
    };

    [Fact]
    public void Words_CoverEveryMemberOfEveryEnumerationInTheShapes()
    {
        var listed = Words.Select(row => (Enum)row[0]).ToHashSet();
        Type[] types = [typeof(DriftReportStatus), typeof(FeatureKind), typeof(DriftDecisionBasis), typeof(Exactness), typeof(MultipleTestingCorrection),
                        typeof(QualityWindowBasis), typeof(ModelTask), typeof(QualityMetric), typeof(DriftAlertKind)];

        var missing = types.SelectMany(t => Enum.GetValues(t).Cast<Enum>()).Where(v => !listed.Contains(v)).ToList();

        Assert.Empty(missing);
    }

    [Theory]
    [MemberData(nameof(Words))]
    public void Enum_DefaultOptions_IsItsCamelCaseWordBothWays(Enum value, string word)
    {
        Type type = value.GetType();

        Assert.Equal("\"" + word + "\"", JsonSerializer.Serialize(value, type));
        Assert.Equal(value, JsonSerializer.Deserialize("\"" + word + "\"", type));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(Convert.ToInt32(value, null).ToString(System.Globalization.CultureInfo.InvariantCulture), type));
    }

    [Theory]
    [MemberData(nameof(Words))]
    public void Enum_InAReport_IsTheSameWord(Enum value, string word)
    {
        string written = value switch
        {
            DriftReportStatus status => Read(SampleReports.Awkward(status), r => r.GetProperty("status")),
            FeatureKind kind => Read(Feature(kind), r => r.GetProperty("features")[0].GetProperty("kind")),
            DriftDecisionBasis basis => Read(Verdict(SampleReports.Detector(basis: basis)), r => r.GetProperty("features")[0].GetProperty("verdict").GetProperty("basis")),
            Exactness exactness => Read(Verdict(SampleReports.Detector(exactness: exactness)), r => r.GetProperty("features")[0].GetProperty("verdict").GetProperty("exactness")),
            MultipleTestingCorrection correction => Read(
                new DriftReport { Dataset = new DatasetDriftResult { FeatureCount = 1, Correction = correction } },
                r => r.GetProperty("dataset").GetProperty("correction")),
            QualityWindowBasis basis => Read(SampleReports.Quality(basis: basis), r => r.GetProperty("basis")),
            ModelTask task => Read(SampleReports.Quality(task: task), r => r.GetProperty("task")),
            QualityMetric metric => Read(
                new QualityReport { Breaches = [new QualityBreach { Metric = metric, Value = 1, Limit = 2 }] },
                r => r.GetProperty("breaches")[0].GetProperty("metric")),
            DriftAlertKind kind => Read(AlertJsonTests.Drift(kind), r => r.GetProperty("kind")),
            _ => throw new ArgumentOutOfRangeException(nameof(value)),
        };

        Assert.Equal(word, written);
    }

    private static string Read<T>(T value, Func<JsonElement, JsonElement> select) =>
        select(JsonDocument.Parse(JsonSerializer.Serialize(value)).RootElement).GetString()!;

    private static DriftReport Feature(FeatureKind kind) => new() { Features = [new FeatureDriftReport { Name = "f", Kind = kind }] };

    private static DriftReport Verdict(DriftResult result) => new() { Features = [new FeatureDriftReport { Name = "f", Verdict = result, Detectors = [result] }] };
}
