using ModelWatch.Drift;
using ModelWatch.Monitoring;
using ModelWatch.Tests.TestSupport;
using Xunit.Abstractions;

namespace ModelWatch.Tests.Monitoring.Segments;

public sealed class SegmentDriftTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Report_ListsEverySegment_AndTheWholeIsTheirMerge()
    {
        string[] segments = SegmentScenarios.Names(5);
        var (services, watch, time) = SegmentScenarios.Create(features: 2, segments, m => m.Configure(o => o.Segments.MinPredictions = 10));
        using var _ = services;
        var report = await SegmentScenarios.Window(watch, time, new SplitMix64(1), segments, features: 2, rows: 2_000);

        Assert.Equal(2_000, report.Predictions);
        Assert.Equal(5, report.Segments.Length);
        Assert.Equal(report.Predictions, report.Segments.Sum(s => s.Predictions));
        Assert.All(report.Segments, s => Assert.Equal(SegmentStatus.Evaluated, s.Status));
        Assert.All(report.Segments, s => Assert.Equal(SegmentReferenceBasis.WholeModel, s.Reference));

        // The segment's own report: its rows only, the segment feature not judged within it.
        var s0 = report.Segments.Single(s => s.Name == "s0");
        Assert.Equal("s0", s0.Report.Segment);
        Assert.Equal(s0.Predictions, s0.Report.Predictions);
        Assert.False(s0.Report.Features.Single(f => f.Name == "c0").IsDrift);
        Assert.Same(s0.Report, watch.GetLatestReport("m", "s0"));
        Assert.Null(watch.GetLatestReport("m", "nope"));
        Assert.Null(report.Segment);
        Assert.Equal(0.0, report.DriftedSegmentShare);
    }

    [Fact]
    public async Task SegmentWithTooFewPredictions_IsReportedNotJudged()
    {
        string[] segments = ["big", "tiny"];
        var (services, watch, time) = SegmentScenarios.Create(features: 2, segments, m => m.Configure(o => o.Segments.MinPredictions = 50));
        using var _ = services;
        var monitor = watch.GetMonitor("m");
        for (int i = 0; i < 500; i++)
        {
            monitor.Log([i % 7, i % 3], [i < 10 ? "tiny" : "big"], 0.5);
        }

        time.Advance(TimeSpan.FromMinutes(1));
        var report = (await watch.EvaluateAsync()).Single(r => r.IsComplete);
        var tiny = report.Segments.Single(s => s.Name == "tiny");
        Assert.Equal(SegmentStatus.TooFewPredictions, tiny.Status);
        Assert.Equal(10, tiny.Predictions);
        Assert.False(tiny.IsDrift);
        Assert.All(tiny.Report.Features, f => Assert.False(f.IsDrift));
        Assert.Null(tiny.Report.Dataset);
        Assert.Equal(SegmentStatus.Evaluated, report.Segments.Single(s => s.Name == "big").Status);
    }

    /// <summary>
    /// 50 segments; from window 3 on, segment s17's two features shift by 0.5 standard deviations. The
    /// segment is flagged in the first shifted window (within two), no other segment in any window,
    /// and the whole model — where the shift is 1/50 as large — does not drift.
    /// </summary>
    [Fact]
    public async Task FiftySegments_OneShiftedByHalfASigma_IsFoundWithinTwoWindows_NoOtherFlagged()
    {
        string[] segments = SegmentScenarios.Names(50);
        var (services, watch, time) = SegmentScenarios.Create(features: 2, segments);
        using var _ = services;
        var rng = new SplitMix64(17);
        int? foundIn = null;
        for (int w = 0; w < 6; w++)
        {
            bool shifted = w >= 3;
            var report = await SegmentScenarios.Window(watch, time, rng, segments, features: 2, rows: 20_000, shifted ? "s17" : null, 0.5);
            Assert.Equal(50, report.Segments.Length);
            Assert.All(report.Segments.Where(s => s.Name != "s17"), s => Assert.False(s.IsDrift, $"window {w}: segment {s.Name} flagged"));
            Assert.All(report.Segments.Where(s => s.Name != "s17").SelectMany(s => s.Report.Features), f => Assert.False(f.IsDrift, $"window {w}: a feature of another segment flagged"));
            Assert.False(report.IsDrift);
            var s17 = report.Segments.Single(s => s.Name == "s17");
            if (!shifted)
            {
                Assert.False(s17.IsDrift, $"window {w}: s17 flagged before its shift");
            }
            else if (s17.IsDrift)
            {
                foundIn ??= w;
                Assert.Equal("s17", report.Segments[0].Name); // most severe first
                Assert.Equal(["f0", "f1"], s17.DriftedFeatures.ToArray());
                Assert.Equal(1.0 / 50, report.DriftedSegmentShare);
            }
        }

        output.WriteLine($"s17 (shifted from window 3) first flagged in window {foundIn}");
        Assert.NotNull(foundIn);
        Assert.True(foundIn <= 4, $"found in window {foundIn}; the shift began in window 3");
    }

    /// <summary>
    /// 200 segments of stationary data over 40 windows: with Benjamini–Hochberg over every segment ×
    /// column test of a window, the share of windows with any false segment alert — and even with
    /// any false feature verdict in any segment — stays at most the significance level (0.05).
    /// </summary>
    [Fact]
    public async Task TwoHundredStationarySegments_FalseAlarmsPerWindow_AtMostTheLevel()
    {
        const int windows = 40;
        string[] segments = SegmentScenarios.Names(200);
        var (services, watch, time) = SegmentScenarios.Create(features: 3, segments, m => m.MaxSegments(200).Configure(o => o.Segments.MinPredictions = 50));
        using var _ = services;
        var rng = new SplitMix64(2026);
        int withSegmentAlert = 0, withFeatureFlag = 0, uncorrectedFlags = 0;
        for (int w = 0; w < windows; w++)
        {
            var report = await SegmentScenarios.Window(watch, time, rng, segments, features: 3, rows: 30_000);
            Assert.Equal(200, report.Segments.Count(s => s.Status == SegmentStatus.Evaluated));
            withSegmentAlert += report.Segments.Any(s => s.IsDrift) ? 1 : 0;
            withFeatureFlag += report.Segments.SelectMany(s => s.Report.Features).Any(f => f.IsDrift) ? 1 : 0;
            uncorrectedFlags += report.Segments.SelectMany(s => s.Report.Features).Count(f => f.Verdict is { IsDrift: true } && f.Name != "c0");
        }

        output.WriteLine($"{windows} windows x 200 segments: {withSegmentAlert} with a false segment alert, {withFeatureFlag} with a false feature verdict; {uncorrectedFlags} uncorrected feature flags");
        double level = 0.05;
        Assert.True((double)withSegmentAlert / windows <= level, $"{withSegmentAlert} of {windows} windows had a false segment alert");
        Assert.True((double)withFeatureFlag / windows <= level, $"{withFeatureFlag} of {windows} windows had a false feature verdict");

        // Without the correction the same tests would have flagged hundreds of segment features.
        Assert.True(uncorrectedFlags > windows * 200 * 4 * level / 4, $"only {uncorrectedFlags} uncorrected flags");
    }

    [Fact]
    public async Task Bonferroni_CanBeChosen()
    {
        string[] segments = SegmentScenarios.Names(3);
        var (services, watch, time) = SegmentScenarios.Create(features: 2, segments, m => m.Configure(o => o.Segments.Correction = MultipleTestingCorrection.Bonferroni));
        using var _ = services;
        var report = await SegmentScenarios.Window(watch, time, new SplitMix64(5), segments, features: 2, rows: 3_000, "s1", 1.0);
        var s1 = report.Segments[0];
        Assert.Equal("s1", s1.Name);
        Assert.True(s1.IsDrift);
        Assert.Equal(MultipleTestingCorrection.Bonferroni, s1.Report.Dataset!.Value.Correction);
    }
}
