using Microsoft.Extensions.Time.Testing;
using ModelWatch.Monitoring;
using ModelWatch.Tests.TestSupport;

namespace ModelWatch.Tests.Monitoring.Segments;

/// <summary>
/// A model segmented by one categorical feature finds a row's segment by the value's reference
/// bucket (looked up once, to count the value too), remembered per bucket: admissions by weight
/// and values the reference never saw route exactly as by name.
/// </summary>
public sealed class SegmentBucketRoutingTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private static ReferenceProfile Reference(params string[] countries)
    {
        var builder = new ReferenceProfileBuilder(new ModelSchema(["f0"], ["country"]));
        var rng = new SplitMix64(9);
        for (int i = 0; i < 2_000; i++)
        {
            builder.Add([rng.NextNormal()], [countries[i % countries.Length]], rng.NextNormal());
        }

        return builder.Build();
    }

    private static (IDisposable Services, IModelWatch Watch, FakeTimeProvider Time) Create(Action<ModelBuilder>? more = null)
    {
        var reference = Reference("a", "b", "c", "late", "x");
        return TestModels.Create(m =>
        {
            m.Numeric("f0").Categorical("country").Reference(reference).Window(Minute).SegmentBy("country").MaxSegments(3)
                .Configure(o =>
                {
                    o.Segments.ReferenceSize = 0;
                    o.Segments.MinPredictions = 10;
                    o.Segments.Track.Add("a");
                });
            more?.Invoke(m);
        });
    }

    private static void Log(IModelWatch watch, string country, int count)
    {
        var monitor = watch.GetMonitor("m");
        string?[] categories = [country];
        for (int i = 0; i < count; i++)
        {
            monitor.Log([(i % 20 * 0.1) - 1], categories, 0.5);
        }
    }

    private static async Task<DriftReport> Close(IModelWatch watch, FakeTimeProvider time)
    {
        time.Advance(Minute);
        return (await watch.EvaluateAsync()).Single(r => r.IsComplete);
    }

    private static long Of(DriftReport report, string segment) => report.Segments.SingleOrDefault(s => s.Name == segment)?.Predictions ?? 0;

    private static long CountryCount(DriftReport report, string country)
    {
        var feature = report.Features.Single(f => f.Name == "country");
        return feature.CurrentCounts[feature.Categories.IndexOf(country)];
    }

    [Fact]
    public async Task AdmissionByWeight_MovesAValuesRowsBetweenItsSegmentAndOther_EachRowOnce()
    {
        var (services, watch, time) = Create();
        using var _ = services;

        Log(watch, "a", 50);
        Log(watch, "b", 80);
        Log(watch, "c", 120);
        Log(watch, "late", 60);
        var w0 = await Close(watch, time);
        Assert.Equal(60, Of(w0, SegmentNames.Other));

        Log(watch, "a", 50);
        Log(watch, "b", 80);
        Log(watch, "c", 120);
        Log(watch, "late", 300);
        var w1 = await Close(watch, time);
        Assert.Equal(300, Of(w1, SegmentNames.Other));
        Assert.Equal(80, Of(w1, "b"));

        // "late" replaced "b" at w1's close: the bucket table learned before is stale and refreshed.
        for (int round = 0; round < 2; round++)
        {
            Log(watch, "a", 50);
            Log(watch, "b", 80);
            Log(watch, "c", 120);
            Log(watch, "late", 300);
            var w = await Close(watch, time);
            Assert.Equal(300, Of(w, "late"));
            Assert.Equal(80, Of(w, SegmentNames.Other));
            Assert.Equal(120, Of(w, "c"));
            Assert.Equal(w.Predictions, w.Segments.Sum(s => s.Predictions));
            Assert.Equal(300, CountryCount(w, "late"));
            Assert.Equal(80, CountryCount(w, "b"));
            Assert.Equal(300, CountryCount(w.Segments.Single(s => s.Name == "late").Report, "late"));
            Assert.Equal(80, CountryCount(w.Segments.Single(s => s.Name == SegmentNames.Other).Report, "b"));
        }
    }

    [Fact]
    public async Task ValuesTheReferenceNeverSaw_AreSegmentsByName_AndCountAsUnseen()
    {
        var (services, watch, time) = Create();
        using var _ = services;
        Log(watch, "a", 40);
        Log(watch, "zz", 30);   // not a reference category: admitted first-come by name
        Log(watch, "yy", 20);
        Log(watch, "ww", 10);   // the places are taken
        var w = await Close(watch, time);
        Assert.Equal(40, Of(w, "a"));
        Assert.Equal(30, Of(w, "zz"));
        Assert.Equal(20, Of(w, "yy"));
        Assert.Equal(10, Of(w, SegmentNames.Other));
        Assert.Equal(60, w.Features.Single(f => f.Name == "country").UnseenCount);
        Assert.Equal(30, w.Segments.Single(s => s.Name == "zz").Report.Features.Single(f => f.Name == "country").UnseenCount);
    }
}
