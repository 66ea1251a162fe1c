using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using ModelWatch.Estimation;
using ModelWatch.Monitoring;
using ModelWatch.Tests.TestSupport;

namespace ModelWatch.Tests.Monitoring.Segments;

/// <summary>
/// Multivariate drift per segment: the whole model's PCA, thresholds from each segment's own first
/// windows, the segment's test in the segment-wide correction; a restart while calibrating continues.
/// </summary>
/// <remarks>
/// Rows: x1 follows x0 (correlation 0.89), x2 is independent, all N(0, 1). Segment "small" has 300 rows a
/// window, seven large ones 9,600 each (67,500 a window), so a change within "small" moves the whole
/// model's mean error by under half a percent of its own: about 15 sampling errors of the segment's
/// mean, about one of the whole model's.
/// </remarks>
public sealed class SegmentMultivariateTests
{
    private const int Calibration = 5;
    private const int SmallRows = 300;
    private const int LargeRows = 9_600;
    private static readonly string[] Large = ["a", "b", "c", "d", "e", "f", "g"];
    private static readonly int WindowRows = SmallRows + (Large.Length * LargeRows);

    private static (Microsoft.Extensions.DependencyInjection.ServiceProvider Services, IModelWatch Watch, FakeTimeProvider Time) Create() =>
        TestModels.Create(m => m.Numeric("x0", "x1", "x2").Window(TimeSpan.FromHours(1))
            .ReferenceFromFirstPredictions(WindowRows).DetectMultivariateDriftFromProduction(calibrationWindows: Calibration)
            .SegmentByKey().Configure(o => o.Segments.ReferenceSize = 0));

    /// <summary>Logs one hour: every segment's rows interleaved; in "small", x0–x1 correlation <paramref name="smallCorrelation"/> (marginals unchanged).</summary>
    private static async Task<DriftReport?> Hour(IModelWatch watch, FakeTimeProvider time, ulong seed, double smallCorrelation = Correlated, int from = 0, int? to = null, bool close = true)
    {
        var monitor = watch.GetMonitor("m");
        var rng = new SplitMix64(seed);
        var row = new double[3];
        int per = Large.Length + 1;
        for (int i = 0; i < LargeRows * per; i++)
        {
            int k = i % per;
            if (k == Large.Length && i / per >= SmallRows)
            {
                continue;
            }

            string segment = k == Large.Length ? "small" : Large[k];
            double a = segment == "small" ? smallCorrelation : Correlated;
            double x0 = rng.NextNormal();
            row[0] = x0;
            row[1] = (a * x0) + (Math.Sqrt(1 - (a * a)) * rng.NextNormal());
            row[2] = rng.NextNormal();
            double value = rng.NextNormal();
            if (i >= from && i < (to ?? int.MaxValue))
            {
                monitor.Log(new PredictionEntry { Features = row, Value = value, Segment = segment });
            }
        }

        if (!close)
        {
            return null;
        }

        time.Advance(TimeSpan.FromHours(1));
        return (await watch.EvaluateAsync()).SingleOrDefault(r => r.IsComplete);
    }

    private const double Correlated = 0.894;

    private static SegmentDriftResult Of(DriftReport report, string segment) => report.Segments.Single(s => s.Name == segment);

    [Fact]
    public async Task ACorrelationBreakingInOneSegment_IsMultivariateDrift_ThereOnly()
    {
        var (services, watch, time) = Create();
        using var _ = services;
        await Hour(watch, time, seed: 1); // the reference

        // Calibration: each segment reports its error, no thresholds, no verdict.
        var errors = new List<double>();
        for (int hour = 1; hour <= Calibration; hour++)
        {
            var report = (await Hour(watch, time, seed: 10 + (ulong)hour))!;
            var small = Of(report, "small");
            Assert.True(small.Report.Multivariate!.IsCalibrating);
            Assert.Null(small.Report.Multivariate.ReconstructionError.UpperThreshold);
            Assert.False(small.IsDrift);
            Assert.Equal(SmallRows, small.Report.Multivariate.Rows);
            errors.Add(small.Report.Multivariate.ReconstructionError.Value);
        }

        // Calibrated: the segment's thresholds are mean ± 3 std of its own calibration windows, not the whole model's.
        var steady = (await Hour(watch, time, seed: 20))!;
        var own = ReferenceChunkThreshold.ReconstructionError.Compute(errors);
        var steadySmall = Of(steady, "small").Report.Multivariate!;
        Assert.False(steadySmall.IsCalibrating);
        Assert.Equal(own.Upper!.Value, steadySmall.ReconstructionError.UpperThreshold!.Value, 12);
        Assert.NotEqual(steady.Multivariate!.ReconstructionError.UpperThreshold, steadySmall.ReconstructionError.UpperThreshold);
        Assert.All(steady.Segments, s => Assert.False(s.IsDrift));
        Assert.False(steady.IsDrift);

        // "small"'s x0–x1 correlation falls from 0.89 to 0.7: its marginals do not move.
        var broken = (await Hour(watch, time, seed: 21, smallCorrelation: 0.7))!;
        var flagged = Of(broken, "small");
        Assert.True(flagged.Report.Multivariate!.IsDrift);
        Assert.True(flagged.IsDrift);
        Assert.Empty(flagged.DriftedFeatures);
        Assert.True(flagged.SmallestAdjustedPValue < 0.05);
        Assert.Equal("small", broken.Segments[0].Name);
        Assert.All(broken.Segments.Where(s => s.Name != "small"), s =>
        {
            Assert.False(s.IsDrift);
            Assert.False(s.Report.Multivariate!.IsDrift);
        });
        Assert.False(broken.Multivariate!.IsDrift);
        Assert.False(broken.IsDrift);
        Assert.True(broken.Multivariate.ReconstructionError.Value < broken.Multivariate.ReconstructionError.UpperThreshold);

        // The segment's own report and the JSON carry it.
        Assert.True(watch.GetLatestReport("m", "small")!.Multivariate!.IsDrift);
        using var json = JsonDocument.Parse(JsonSerializer.Serialize(broken));
        var item = json.RootElement.GetProperty("segments").EnumerateArray().First();
        Assert.Equal("small", item.GetProperty("name").GetString());
        Assert.True(item.GetProperty("multivariate").GetProperty("isDrift").GetBoolean());
        Assert.Equal(flagged.Report.Multivariate.ReconstructionError.Value, item.GetProperty("multivariate").GetProperty("reconstructionError").GetDouble(), 12);
    }

    [Fact]
    public async Task ARestartWhileSegmentsCalibrate_ContinuesTheirCalibrationAndWindowsInProgress()
    {
        // One monitor runs through; the other is restarted from a snapshot in the middle of the third calibration window.
        var (services, watch, time) = Create();
        using var _ = services;
        var (servicesB, watchB, timeB) = Create();
        using var _b = servicesB;
        for (int hour = 0; hour <= 2; hour++)
        {
            await Hour(watch, time, seed: 40 + (ulong)hour);
            await Hour(watchB, timeB, seed: 40 + (ulong)hour);
        }

        int half = LargeRows * (Large.Length + 1) / 2; // half of Hour's row loop
        await Hour(watch, time, seed: 43, close: false);
        await Hour(watchB, timeB, seed: 43, to: half, close: false);
        var snapshot = MonitorSnapshots.Take(servicesB.SingleMonitor(), timeB.GetUtcNow());
        Assert.Equal(2, snapshot.Segments!.Single(s => s.Name == "small").MultivariateCalibration!.Length);

        var (servicesC, watchC, timeC) = Create();
        using var _c = servicesC;
        timeC.Advance(TimeSpan.FromHours(3));
        Assert.Null(MonitorSnapshots.Restore(servicesC.SingleMonitor(), snapshot, "test"));
        await Hour(watchC, timeC, seed: 43, from: half, close: false);
        time.Advance(TimeSpan.FromHours(1));
        timeC.Advance(TimeSpan.FromHours(1));
        await watch.EvaluateAsync();
        await watchC.EvaluateAsync();
        for (int hour = 4; hour <= Calibration + 2; hour++)
        {
            double correlation = hour == Calibration + 2 ? 0.7 : Correlated;
            await Hour(watch, time, seed: 40 + (ulong)hour, correlation);
            await Hour(watchC, timeC, seed: 40 + (ulong)hour, correlation);
        }

        // Every segment's error, thresholds and verdicts are those of the monitor that ran through.
        for (int hour = 3; hour <= Calibration + 2; hour++)
        {
            var expected = watch.GetHistory("m").Single(r => r.WindowStart == TestModels.Start.AddHours(hour));
            var actual = watchC.GetHistory("m").Single(r => r.WindowStart == TestModels.Start.AddHours(hour));
            Assert.Equal(expected.Segments.Length, actual.Segments.Length);
            foreach (var e in expected.Segments)
            {
                var a = Of(actual, e.Name).Report.Multivariate!;
                var m = e.Report.Multivariate!;
                Assert.Equal(m.Rows, a.Rows);
                Assert.Equal(m.ReconstructionError.Value, a.ReconstructionError.Value, 1e-12);
                Assert.Equal(m.IsCalibrating, a.IsCalibrating);
                Assert.Equal(m.ReconstructionError.UpperThreshold ?? double.NaN, a.ReconstructionError.UpperThreshold ?? double.NaN, 1e-12);
                Assert.Equal(m.IsDrift, a.IsDrift);
            }
        }

        var last = watchC.GetHistory("m").Single(r => r.WindowStart == TestModels.Start.AddHours(Calibration + 2));
        Assert.False(Of(last, "small").Report.Multivariate!.IsCalibrating);
        Assert.True(Of(last, "small").Report.Multivariate!.IsDrift);
    }

    [Fact]
    public void Validation_CalibrationWindowsOutOfRange_AreRefused()
    {
        var options = new ModelOptions();
        options.Features.Add(new FeatureOptions { Name = "x0" });
        options.Segments.ByKey = true;
        options.Segments.MultivariateCalibrationWindows = 1;

        var result = new ModelOptionsValidator().Validate("m", options);

        Assert.Contains("MultivariateCalibrationWindows", result.FailureMessage, StringComparison.Ordinal);
    }
}
