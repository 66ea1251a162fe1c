using System.Text.Json;

namespace ModelWatch.Cli.Tests.TestSupport;

/// <summary>Reads what <c>compare --format json</c> wrote.</summary>
internal sealed class ReportJson
{
    private readonly JsonElement _root;

    public ReportJson(string json)
    {
        _root = JsonDocument.Parse(json).RootElement.Clone();
    }

    public bool IsDrift => _root.GetProperty("isDrift").GetBoolean();

    public int DriftedCount => _root.GetProperty("dataset").GetProperty("driftedCount").GetInt32();

    public IEnumerable<string> FeatureNames => _root.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("name").GetString()!);

    public JsonElement Feature(string name) =>
        _root.GetProperty("features").EnumerateArray().Single(f => f.GetProperty("name").GetString() == name);

    public bool FeatureDrifts(string name) => Feature(name).GetProperty("isDrift").GetBoolean();

    /// <summary>A detector's result of a column: (statistic, p-value or NaN, its own verdict).</summary>
    public (double Statistic, double PValue, bool IsDrift) Detector(string feature, string detector)
    {
        var d = Feature(feature).GetProperty("detectors").EnumerateArray().Single(x => x.GetProperty("detector").GetString() == detector);
        var p = d.GetProperty("pValue");
        return (d.GetProperty("statistic").GetDouble(), p.ValueKind == JsonValueKind.Number ? p.GetDouble() : double.NaN, d.GetProperty("isDrift").GetBoolean());
    }
}
