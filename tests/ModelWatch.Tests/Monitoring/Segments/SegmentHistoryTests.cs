using ModelWatch.Monitoring;
using ModelWatch.Tests.TestSupport;

namespace ModelWatch.Tests.Monitoring.Segments;

/// <summary>A segmented model's history: full segment reports on the latest report only, a compact summary per segment and window in the history.</summary>
public sealed class SegmentHistoryTests
{
    [Fact]
    public async Task History_KeepsFullSegmentReportsOnTheLatestOnly_AndEachSegmentHasItsWindows()
    {
        string[] segments = SegmentScenarios.Names(5);
        var (services, watch, time) = SegmentScenarios.Create(3, segments, m => m.Configure(o => o.Window.HistoryWindows = 3));
        using var _ = services;
        var rng = new SplitMix64(12);
        for (int window = 0; window < 4; window++)
        {
            await SegmentScenarios.Window(watch, time, rng, segments, features: 3, rows: 5_000, window == 3 ? "s2" : null, 1.0);
        }

        var latest = watch.GetLatestReport("m")!;
        Assert.All(latest.Segments, s => Assert.NotEmpty(s.Report.Features));
        Assert.NotEmpty(watch.GetLatestReport("m", "s2")!.Features);

        var history = watch.GetHistory("m");
        Assert.Equal(3, history.Count); // Window:HistoryWindows
        Assert.All(history, h =>
        {
            Assert.NotEmpty(h.Features); // the whole model's own reports are kept
            Assert.Equal(5, h.Segments.Length);
            Assert.All(h.Segments, s => Assert.Empty(s.Report.Features));
        });
        Assert.Equal(latest.WindowStart, history[^1].WindowStart);
        Assert.Equal(latest.DriftedSegmentShare, history[^1].DriftedSegmentShare);

        var s2 = watch.GetSegmentHistory("m", "s2");
        Assert.Equal([false, false, true], s2.Select(s => s.IsDrift));
        Assert.Equal([TestModels.Start.AddMinutes(1), TestModels.Start.AddMinutes(2), TestModels.Start.AddMinutes(3)], s2.Select(s => s.Report.WindowStart!.Value));
        Assert.All(s2, s => Assert.Equal("s2", s.Report.Segment));
        Assert.Equal(["f0", "f1", "f2"], s2[^1].DriftedFeatures.ToArray());
        Assert.Equal(1.0, s2[^1].Report.Dataset!.Value.DriftedShare);
        Assert.Equal(s2[^1].Predictions, s2[^1].Report.Predictions);
        Assert.Empty(watch.GetSegmentHistory("m", "nobody"));
        Assert.All(watch.GetSegmentHistory("m", "s0"), s => Assert.False(s.IsDrift));
    }

    [Fact]
    public void SegmentHistory_OfAnUnsegmentedModel_Throws()
    {
        var (services, watch, _) = TestModels.Create(m => m.Numeric("f0").Reference(TestModels.NormalReference(1)));
        using var __ = services;
        Assert.Throws<InvalidOperationException>(() => watch.GetSegmentHistory("m", "s0"));
    }
}
