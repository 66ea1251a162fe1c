using ModelWatch.Drift;
using ModelWatch.Monitoring;
using ModelWatch.Samples;
using ModelWatch.Tests.TestSupport;
using Xunit.Abstractions;

namespace ModelWatch.Tests.Monitoring.Segments;

/// <summary>
/// Real data: Seattle's daily weather (NOAA, 2012–2015) segmented by season, one window per year
/// (365 days, 29 February 2012 left out). The model's reference is 2012; each season's own
/// reference is its 2012 days. In 2013 the summer was hot — its daily maximum and minimum
/// temperatures both moved — while over the whole year only one of three features drifted: the
/// summer segment drifts and the whole model does not.
/// </summary>
public sealed class SeattleSegmentScenarioTests(ITestOutputHelper output)
{
    private static readonly string[] Features = ["precipitation", "temp_max", "temp_min"];

    internal static string Season(DateOnly date) => date.Month switch
    {
        12 or 1 or 2 => "winter",
        3 or 4 or 5 => "spring",
        6 or 7 or 8 => "summer",
        _ => "autumn",
    };

    internal static async Task<IReadOnlyList<DriftReport>> Run()
    {
        var days = SeattleWeather.Load().Where(d => !(d.Date.Month == 2 && d.Date.Day == 29)).ToList();
        var reference = new ReferenceProfileBuilder(new ModelSchema(Features, ["season"], PredictionKind.None));
        foreach (var d in days.Where(d => d.Date.Year == 2012))
        {
            reference.Add([d.Precipitation, d.TempMax, d.TempMin], [Season(d.Date)], double.NaN);
        }

        var (services, watch, _) = TestModels.Create(m => m.Numeric(Features).Categorical("season").Prediction(PredictionKind.None)
            .Reference(reference.Build())
            .WindowByCount(365)
            .SegmentBy("season")
            .Configure(o =>
            {
                o.Drift.Correction = MultipleTestingCorrection.BenjaminiHochberg; // the whole model's features, as the segments'
                o.Segments.ReferenceSize = 90;   // a season's 2012 days (winter: 90)
                o.Segments.MinPredictions = 60;
            }));
        using var _ = services;
        var monitor = watch.GetMonitor("m");
        var closed = new List<DriftReport>();
        foreach (var year in days.GroupBy(d => d.Date.Year).OrderBy(g => g.Key))
        {
            foreach (var d in year)
            {
                monitor.Log([d.Precipitation, d.TempMax, d.TempMin], [Season(d.Date)], double.NaN);
            }

            closed.AddRange((await watch.EvaluateAsync()).Where(r => r.IsComplete));
        }

        closed.AddRange((await watch.EvaluateAsync()).Where(r => r.IsComplete));
        return closed;
    }

    [Fact]
    public async Task HotSummerOf2013_TheSummerSegmentDrifts_TheWholeYearDoesNot()
    {
        var reports = await Run();
        foreach (var r in reports)
        {
            output.WriteLine($"window {r.LastSubWindow}: whole drift={r.IsDrift} ({r.Dataset?.DriftedCount}/{r.Dataset?.FeatureCount}); "
                + string.Join("; ", r.Segments.Select(s => $"{s.Name} {s.Status} drift={s.IsDrift} [{string.Join(",", s.DriftedFeatures)}] p*={s.SmallestAdjustedPValue:G3}")));
            foreach (var s in r.Segments.Where(s => s.Status == SegmentStatus.Evaluated))
            {
                output.WriteLine("   " + s.Name + ": " + string.Join(", ", s.Report.Features.Where(f => f.Verdict is not null).Select(f => $"{f.Name} p={f.Verdict!.Value.PValue:G3} mean={f.Mean:F2}")));
            }
        }

        var y2013 = reports.Single(r => r.LastSubWindow == 1);
        Assert.False(y2013.IsDrift);
        var summer = y2013.Segments.Single(s => s.Name == "summer");
        Assert.Equal(SegmentStatus.Evaluated, summer.Status);
        Assert.Equal(SegmentReferenceBasis.Segment, summer.Reference);
        Assert.True(summer.IsDrift);
        Assert.Contains("temp_max", summer.DriftedFeatures);
        Assert.Equal("summer", y2013.Segments[0].Name); // the most severe first

        // 2012 built the seasons' references: reported, not judged.
        Assert.All(reports.Single(r => r.LastSubWindow == 0).Segments, s => Assert.Equal(SegmentStatus.NoReference, s.Status));
    }
}
