using System.Text.Json;
using ModelWatch.Monitoring;

namespace ModelWatch.Tests.Monitoring.Json;

/// <summary>Alerts serialize with default options, by their runtime type, with the report that changed them in the report's own shape.</summary>
public sealed class AlertJsonTests
{
    internal static DriftAlert Drift(DriftAlertKind kind = DriftAlertKind.Raised) => new()
    {
        ModelName = "fraud",
        ModelVersion = "1",
        Kind = kind,
        At = SampleReports.Start,
        Report = SampleReports.Awkward(),
        DriftedFeatures = ["amount"],
    };

    internal static QualityAlert Quality(DriftAlertKind kind = DriftAlertKind.Raised) => new()
    {
        ModelName = "churn",
        ModelVersion = "2",
        Kind = kind,
        At = SampleReports.Start,
        Report = SampleReports.Quality(),
        Reasons = ["Accuracy 0.5 crossed 0.9", "concept drift"],
    };

    [Fact]
    public void DriftAlert_DefaultOptions_WritesTypeHeaderFeaturesAndReport()
    {
        var alert = Drift();

        var json = JsonDocument.Parse(JsonSerializer.Serialize(alert)).RootElement;

        Assert.Equal(["type", "modelName", "modelVersion", "kind", "at", "driftedFeatures", "report"], json.EnumerateObject().Select(p => p.Name));
        Assert.Equal("drift", json.GetProperty("type").GetString());
        Assert.Equal("raised", json.GetProperty("kind").GetString());
        Assert.Equal("2026-01-05T12:00:00+00:00", json.GetProperty("at").GetString());
        Assert.Equal(["amount"], json.GetProperty("driftedFeatures").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(JsonSerializer.Serialize(alert.Report), json.GetProperty("report").GetRawText());
    }

    [Fact]
    public void QualityAlert_DefaultOptions_WritesTypeHeaderReasonsAndReport()
    {
        var alert = Quality(DriftAlertKind.Cleared);

        var json = JsonDocument.Parse(JsonSerializer.Serialize(alert)).RootElement;

        Assert.Equal(["type", "modelName", "modelVersion", "kind", "at", "isEstimated", "reasons", "report"], json.EnumerateObject().Select(p => p.Name));
        Assert.Equal("quality", json.GetProperty("type").GetString());
        Assert.Equal("cleared", json.GetProperty("kind").GetString());
        Assert.Equal(["Accuracy 0.5 crossed 0.9", "concept drift"], json.GetProperty("reasons").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(JsonSerializer.Serialize(alert.Report), json.GetProperty("report").GetRawText());
    }

    [Fact]
    public void Alerts_DeclaredAsModelAlert_AreWrittenByTheirRuntimeType()
    {
        ModelAlert[] alerts = [Drift(), Quality()];

        string json = JsonSerializer.Serialize(alerts);

        Assert.Equal("[" + JsonSerializer.Serialize((DriftAlert)alerts[0]) + "," + JsonSerializer.Serialize((QualityAlert)alerts[1]) + "]", json);
    }
}
