using System.Text.Json;
using ModelWatch.Monitoring;
using ModelWatch.Tests.TestSupport;

namespace ModelWatch.Tests.Monitoring.Segments;

/// <summary>The JSON of a segmented report and of a segment alert.</summary>
public sealed class SegmentJsonTests
{
    [Fact]
    public async Task SegmentedReport_WritesItsSegments_AndASegmentsReportNamesIt()
    {
        string[] segments = SegmentScenarios.Names(3);
        var (services, watch, time) = SegmentScenarios.Create(features: 2, segments, m => m.Configure(o => o.Segments.MinPredictions = 10));
        using var _ = services;
        var report = await SegmentScenarios.Window(watch, time, new SplitMix64(2), segments, features: 2, rows: 3_000, "s1", 2.0);

        using var json = JsonDocument.Parse(JsonSerializer.Serialize(report));
        var items = json.RootElement.GetProperty("segments").EnumerateArray().ToList();
        Assert.Equal(3, items.Count);
        Assert.Equal("s1", items[0].GetProperty("name").GetString());
        Assert.True(items[0].GetProperty("isDrift").GetBoolean());
        Assert.Equal("evaluated", items[0].GetProperty("status").GetString());
        Assert.Equal("wholeModel", items[0].GetProperty("reference").GetString());
        Assert.True(items[0].GetProperty("smallestAdjustedPValue").GetDouble() < 0.05);
        Assert.Equal(1.0 / 3, json.RootElement.GetProperty("driftedSegmentShare").GetDouble(), 9);
        Assert.False(json.RootElement.TryGetProperty("segment", out var _));

        using var own = JsonDocument.Parse(JsonSerializer.Serialize(watch.GetLatestReport("m", "s1")));
        Assert.Equal("s1", own.RootElement.GetProperty("segment").GetString());
        Assert.False(own.RootElement.TryGetProperty("segments", out var _));

        Assert.Equal("\"noReference\"", JsonSerializer.Serialize(SegmentStatus.NoReference));
    }
}
