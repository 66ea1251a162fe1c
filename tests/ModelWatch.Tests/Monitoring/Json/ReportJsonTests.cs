using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using ModelWatch.Drift;
using ModelWatch.Monitoring;

namespace ModelWatch.Tests.Monitoring.Json;

/// <summary>
/// Reports serialize with System.Text.Json's default options (and any other) into valid JSON of one
/// documented shape: camelCase properties in a fixed order, enumerations as camelCase words, numbers
/// that are not finite as null.
/// </summary>
public sealed class ReportJsonTests
{
    private static readonly JsonSerializerOptions IndentedRelaxed = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();

    private static string[] Names(JsonElement e) => [.. e.EnumerateObject().Select(p => p.Name)];

    [Fact]
    public void DriftReport_DefaultOptions_WritesTheDocumentedShape()
    {
        var json = Parse(JsonSerializer.Serialize(SampleReports.Awkward()));

        Assert.Equal(
            ["modelName", "modelVersion", "status", "isComplete", "firstSubWindow", "lastSubWindow", "windowStart", "windowEnd", "evaluatedAt", "classNames",
             "isDrift", "isPredictionDrift", "dataset", "multivariate", "dataQuality", "meanLatencySeconds", "maxLatencySeconds", "features"],
            Names(json));
        Assert.Equal(["featureCount", "driftedCount", "driftedShare", "shareThreshold", "isDrift", "correction"], Names(json.GetProperty("dataset")));
        Assert.Equal(
            ["predictions", "schemaViolations", "failedPredictions", "missing", "nonFinite", "outOfRange", "unseen"],
            Names(json.GetProperty("dataQuality")));
        var feature = json.GetProperty("features")[0];
        Assert.Equal(
            ["name", "kind", "isPrediction", "isDrift", "verdict", "detectors", "counts", "mean", "standardDeviation", "min", "max",
             "binEdges", "categories", "referenceCounts", "currentCounts"],
            Names(feature));
        Assert.Equal(["count", "missing", "nonFinite", "outOfRange", "unseen"], Names(feature.GetProperty("counts")));
        Assert.Equal(
            ["detector", "statistic", "pValue", "threshold", "basis", "isDrift", "referenceCount", "currentCount", "exactness", "statisticBound"],
            Names(feature.GetProperty("verdict")));
    }

    [Fact]
    public void DriftReport_DefaultOptions_WritesValues()
    {
        var json = Parse(JsonSerializer.Serialize(SampleReports.Awkward()));

        Assert.Equal("fraud <&> \"model\"", json.GetProperty("modelName").GetString());
        Assert.Equal("evaluated", json.GetProperty("status").GetString());
        Assert.Equal("2026-01-05T12:00:00+00:00", json.GetProperty("windowStart").GetString());
        Assert.Equal("2026-01-05T14:00:00+00:00", json.GetProperty("windowEnd").GetString());
        Assert.Equal(new DateTimeOffset(2026, 1, 5, 14, 0, 1, TimeSpan.Zero), json.GetProperty("evaluatedAt").GetDateTimeOffset());
        Assert.False(json.GetProperty("isDrift").GetBoolean());          // 0 of 0 features: no share, no drift
        Assert.False(json.GetProperty("isPredictionDrift").GetBoolean());        // the prediction column did not drift
        Assert.Equal("benjaminiHochberg", json.GetProperty("dataset").GetProperty("correction").GetString());
        Assert.Equal(0.5, json.GetProperty("dataset").GetProperty("shareThreshold").GetDouble());
        var quality = json.GetProperty("dataQuality");
        Assert.Equal([250, 2, 1, 3, 4, 27, 5], quality.EnumerateObject().Select(p => p.Value.GetInt64()));

        var amount = json.GetProperty("features")[0];
        Assert.Equal("numeric", amount.GetProperty("kind").GetString());
        Assert.Equal([-1.5, 0, 1.5], amount.GetProperty("binEdges").EnumerateArray().Select(e => e.GetDouble()));
        Assert.Equal([10L, 20, 30, 40], amount.GetProperty("referenceCounts").EnumerateArray().Select(e => e.GetInt64()));
        Assert.Equal(3, amount.GetProperty("detectors").GetArrayLength());
        var ks = amount.GetProperty("detectors")[0];
        Assert.Equal("ks", ks.GetProperty("detector").GetString());
        Assert.Equal(0.42, ks.GetProperty("statistic").GetDouble());
        Assert.Equal(1.5e-30, ks.GetProperty("pValue").GetDouble());
        Assert.Equal("pValue", ks.GetProperty("basis").GetString());
        Assert.Equal("exact", ks.GetProperty("exactness").GetString());
        Assert.Equal(JsonValueKind.Null, ks.GetProperty("statisticBound").ValueKind);
        Assert.Equal(731, ks.GetProperty("referenceCount").GetInt64());
        var wasserstein = amount.GetProperty("detectors")[2];
        Assert.Equal("bounded", wasserstein.GetProperty("exactness").GetString());
        Assert.Equal(0.01, wasserstein.GetProperty("statisticBound").GetDouble());
        Assert.Equal("statistic", wasserstein.GetProperty("basis").GetString());

        var country = json.GetProperty("features")[1];
        Assert.Equal("categorical", country.GetProperty("kind").GetString());
        Assert.True(country.GetProperty("isPrediction").GetBoolean());
        Assert.Equal(JsonValueKind.Null, country.GetProperty("verdict").ValueKind);
        Assert.Equal(0, country.GetProperty("detectors").GetArrayLength());
        Assert.Equal(["DE", "FR", "(unseen)"], country.GetProperty("categories").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(0, country.GetProperty("binEdges").GetArrayLength());
    }

    [Fact]
    public void DriftReport_NonFiniteNumbersAndNullPValues_AreNull()
    {
        var json = Parse(JsonSerializer.Serialize(SampleReports.Awkward()));

        Assert.Equal(JsonValueKind.Null, json.GetProperty("dataset").GetProperty("driftedShare").ValueKind); // 0/0
        Assert.Equal(JsonValueKind.Null, json.GetProperty("meanLatencySeconds").ValueKind);                  // never timed: NaN
        Assert.Equal(JsonValueKind.Null, json.GetProperty("maxLatencySeconds").ValueKind);
        var amount = json.GetProperty("features")[0];
        foreach (string name in new[] { "mean", "standardDeviation", "min", "max" })                          // NaN, +∞, −∞, +∞
        {
            Assert.Equal(JsonValueKind.Null, amount.GetProperty(name).ValueKind);
        }

        var psi = amount.GetProperty("detectors")[1];
        Assert.Equal(JsonValueKind.Null, psi.GetProperty("statistic").ValueKind);       // NaN
        Assert.Equal(JsonValueKind.Null, psi.GetProperty("pValue").ValueKind);          // null: the detector defines none
        Assert.Equal(JsonValueKind.Null, psi.GetProperty("statisticBound").ValueKind);  // +∞
        Assert.Equal(JsonValueKind.Null, amount.GetProperty("detectors")[2].GetProperty("pValue").ValueKind); // NaN
        var country = json.GetProperty("features")[1];
        Assert.Equal(JsonValueKind.Null, country.GetProperty("mean").ValueKind);
    }

    [Fact]
    public void QualityReport_DefaultOptions_WritesTheDocumentedShapeWithNonFiniteAsNull()
    {
        var json = Parse(JsonSerializer.Serialize(SampleReports.Quality()));

        Assert.Equal(
            ["modelName", "modelVersion", "basis", "isComplete", "firstSubWindow", "lastSubWindow", "windowStart", "windowEnd", "evaluatedAt", "classNames",
             "predictions", "task", "outcomes", "metrics", "estimated", "breaches", "conceptDrift", "isDegraded"],
            Names(json));
        Assert.Equal("outcomeArrival", json.GetProperty("basis").GetString());
        Assert.Equal("binaryClassification", json.GetProperty("task").GetString());
        Assert.Equal(100, json.GetProperty("outcomes").GetInt64());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("windowStart").ValueKind); // a count window has no times
        Assert.True(json.GetProperty("isDegraded").GetBoolean());

        var metrics = json.GetProperty("metrics");
        Assert.Equal(
            ["accuracy", "precision", "recall", "f1", "logLoss", "brierScore", "expectedCalibrationError", "rocAuc", "meanAbsoluteError",
             "rootMeanSquaredError", "meanAbsolutePercentageError", "rSquared", "meanError", "rocAucErrorBound", "probabilisticOutcomes",
             "zeroActuals", "classes", "confusionMatrix"],
            Names(metrics));
        Assert.Equal(0.5, metrics.GetProperty("accuracy").GetDouble());
        Assert.Equal(JsonValueKind.Null, metrics.GetProperty("precision").ValueKind); // NaN
        Assert.Equal(JsonValueKind.Null, metrics.GetProperty("recall").ValueKind);    // null
        Assert.Equal(JsonValueKind.Null, metrics.GetProperty("f1").ValueKind);        // +∞
        Assert.Equal(0.01, metrics.GetProperty("rocAucErrorBound").GetDouble());
        Assert.Equal(90, metrics.GetProperty("probabilisticOutcomes").GetInt64());
        Assert.Equal([60L, 0, 40, 0], metrics.GetProperty("confusionMatrix").EnumerateArray().Select(e => e.GetInt64()));
        var classes = metrics.GetProperty("classes");
        Assert.Equal(["classIndex", "support", "predicted", "precision", "recall", "f1"], Names(classes[0]));
        Assert.Equal(0.75, classes[0].GetProperty("f1").GetDouble());
        Assert.Equal(JsonValueKind.Null, classes[1].GetProperty("f1").ValueKind);

        var breaches = json.GetProperty("breaches");
        Assert.Equal(["metric", "value", "limit", "baseline"], Names(breaches[0]));
        Assert.Equal("accuracy", breaches[0].GetProperty("metric").GetString());
        Assert.Equal(JsonValueKind.Null, breaches[0].GetProperty("baseline").ValueKind);
        Assert.Equal("rocAuc", breaches[1].GetProperty("metric").GetString());
        Assert.Equal(JsonValueKind.Null, breaches[1].GetProperty("value").ValueKind);
        Assert.Equal(JsonValueKind.Null, breaches[1].GetProperty("limit").ValueKind);
        Assert.Equal(0.9, breaches[1].GetProperty("baseline").GetDouble());
    }

    [Fact]
    public void Reports_AnyOptions_WriteTheSameShape()
    {
        var drift = SampleReports.Awkward();
        var quality = SampleReports.Quality();
        string driftDefault = JsonSerializer.Serialize(drift);
        string qualityDefault = JsonSerializer.Serialize(quality);

        // The options a web host uses, and options that would change a reflected shape in every way.
        JsonSerializerOptions[] others =
        [
            JsonSerializerOptions.Web,
            new()
            {
                PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
                NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals | JsonNumberHandling.WriteAsString,
                DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
                Converters = { new JsonStringEnumConverter() },
            },
        ];
        foreach (var options in others)
        {
            Assert.Equal(driftDefault, JsonSerializer.Serialize(drift, options));
            Assert.Equal(qualityDefault, JsonSerializer.Serialize(quality, options));
        }

        // Indentation and the encoder are the caller's: same document, other text.
        var indented = JsonSerializer.Serialize(drift, IndentedRelaxed);
        Assert.Contains("fraud <&> \\\"model\\\"", indented, StringComparison.Ordinal);
        Assert.True(JsonElement.DeepEquals(Parse(driftDefault), Parse(indented)));
    }

    [Fact]
    public void Reports_DeclaredAsWindowReport_AreWrittenByTheirRuntimeType()
    {
        WindowReport drift = SampleReports.Awkward();
        WindowReport quality = SampleReports.Quality();

        Assert.Equal(JsonSerializer.Serialize((DriftReport)drift), JsonSerializer.Serialize(drift));
        Assert.Equal(JsonSerializer.Serialize((QualityReport)quality), JsonSerializer.Serialize(quality));
        Assert.Equal(
            "[" + JsonSerializer.Serialize((DriftReport)drift) + "," + JsonSerializer.Serialize((QualityReport)quality) + "]",
            JsonSerializer.Serialize<IReadOnlyList<WindowReport>>([drift, quality]));
    }

    [Fact]
    public void Parts_SerializedAlone_HaveTheShapeTheyHaveInTheReport()
    {
        var drift = SampleReports.Awkward();
        var quality = SampleReports.Quality();
        var driftJson = Parse(JsonSerializer.Serialize(drift));
        var qualityJson = Parse(JsonSerializer.Serialize(quality));

        Assert.Equal(driftJson.GetProperty("features")[0].GetRawText(), JsonSerializer.Serialize(drift.Features[0]));
        Assert.Equal(driftJson.GetProperty("features")[0].GetProperty("verdict").GetRawText(), JsonSerializer.Serialize(drift.Features[0].Verdict));
        Assert.Equal(driftJson.GetProperty("features")[0].GetProperty("detectors").GetRawText(), JsonSerializer.Serialize(drift.Features[0].Detectors));
        Assert.Equal(driftJson.GetProperty("dataset").GetRawText(), JsonSerializer.Serialize(drift.Dataset));
        Assert.Equal(qualityJson.GetProperty("metrics").GetRawText(), JsonSerializer.Serialize(quality.Metrics));
        Assert.Equal(qualityJson.GetProperty("metrics").GetProperty("classes")[1].GetRawText(), JsonSerializer.Serialize(quality.Metrics.Classes[1]));
        Assert.Equal(qualityJson.GetProperty("breaches").GetRawText(), JsonSerializer.Serialize(quality.Breaches));
        Assert.Equal("null", JsonSerializer.Serialize<DriftResult?>(null));
        Assert.Equal("null", JsonSerializer.Serialize<DriftReport?>(null));
    }

    [Fact]
    public void Reports_SourceGeneratedContext_WritesTheSameShapeAsDefaultOptions()
    {
        var drift = SampleReports.Awkward();
        var quality = SampleReports.Quality();

        Assert.Equal(JsonSerializer.Serialize(drift), JsonSerializer.Serialize(drift, ReportTestJsonContext.Default.DriftReport));
        Assert.Equal(JsonSerializer.Serialize(quality), JsonSerializer.Serialize(quality, ReportTestJsonContext.Default.QualityReport));
    }

    [Theory]
    [InlineData(typeof(DriftReport))]
    [InlineData(typeof(QualityReport))]
    [InlineData(typeof(WindowReport))]
    [InlineData(typeof(FeatureDriftReport))]
    [InlineData(typeof(QualityMetrics))]
    [InlineData(typeof(ClassQuality))]
    [InlineData(typeof(QualityBreach))]
    [InlineData(typeof(DriftResult))]
    [InlineData(typeof(DatasetDriftResult))]
    [InlineData(typeof(ModelAlert))]
    [InlineData(typeof(DriftAlert))]
    [InlineData(typeof(QualityAlert))]
    public void Results_Deserialize_ThrowNotSupportedSayingWhy(Type type)
    {
        var e = Assert.Throws<NotSupportedException>(() => JsonSerializer.Deserialize("{}", type));

        Assert.Contains($"ModelWatch writes {type.Name} as JSON but does not read it back", e.Message, StringComparison.Ordinal);
    }
}

[JsonSerializable(typeof(DriftReport))]
[JsonSerializable(typeof(QualityReport))]
internal sealed partial class ReportTestJsonContext : JsonSerializerContext;
