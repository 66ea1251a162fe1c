using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ModelWatch.Monitoring;
using ModelWatch.Tests.TestSupport;

namespace ModelWatch.Tests.Monitoring.Segments;

/// <summary>Declaring segments, the bounded admission and the "(other)" segment, and the logging path's cost.</summary>
public sealed class SegmentAdmissionTests
{
    /// <summary>
    /// 10^6 distinct keys: 100 are admitted, every later one counts in "(other)" without allocating
    /// (so the monitor's memory stays at the cap), and every prediction is counted once in exactly
    /// one segment and once in the whole model.
    /// </summary>
    [Fact]
    public async Task MillionDistinctKeys_MemoryStaysAtTheCap_EachPredictionCountedOnce()
    {
        const int keys = 1_000_000;
        var reference = TestModels.NormalReference(features: 2, rows: 2_000);
        var (services, watch, time) = TestModels.Create(m => m.Numeric("f0", "f1").Reference(reference).Window(TimeSpan.FromMinutes(1)).SegmentByKey(maxSegments: 100));
        using var _ = services;
        var monitor = (ModelMonitor)watch.GetMonitor("m", "1");
        string[] tenants = [.. Enumerable.Range(0, keys).Select(i => "tenant-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture))];
        double[] row = [0.1, -0.2];
        // The first half admits 100 keys and warms the loop up; the second half is measured.
        long allocated = Allocations.SteadyState(pass =>
        {
            for (int i = pass * (keys / 2), end = i + (keys / 2); i < end; i++)
            {
                monitor.Log(new PredictionEntry { Features = row, Value = 0.5, Segment = tenants[i] });
            }
        }, repeatable: false); // each prediction is counted below
        Assert.Equal(0, allocated);
        Assert.Equal(100, monitor.Segments!.Keys.Admitted);
        Assert.Equal(100 + 10 + 1, monitor.Layout.SegmentSlots); // tracked, spare (newcomers while evicted segments' slots retire), (other)

        time.Advance(TimeSpan.FromMinutes(1));
        var report = (await watch.EvaluateAsync()).Single(r => r.IsComplete);
        Assert.Equal(keys, report.Predictions);
        Assert.Equal(101, report.Segments.Length);
        Assert.Equal(keys, report.Segments.Sum(s => s.Predictions));
        Assert.Equal(keys - 100, report.Segments.Single(s => s.Name == SegmentNames.Other).Predictions);
        Assert.All(report.Segments.Where(s => s.Name != SegmentNames.Other), s => Assert.Equal(1, s.Predictions));
        Assert.Equal(["tenant-0", "tenant-99"], new[] { "tenant-0", "tenant-99" }.Where(n => watch.GetLatestReport("m", n) is not null));
        Assert.Null(watch.GetLatestReport("m", "tenant-100"));
    }

    [Fact]
    public void SegmentedLog_AfterWarmUp_AllocatesNothing()
    {
        string[] segments = SegmentScenarios.Names(5);
        var (services, watch, _) = SegmentScenarios.Create(features: 3, segments, referenceRows: 2_000);
        using var _s = services;
        var monitor = watch.GetMonitor("m");
        double[] row = [1, 2, 3];
        string?[][] cats = [["s0"], ["s3"], ["unknown"], [null]];
        Assert.Equal(0, Allocations.SteadyState(_ =>
        {
            for (int i = 0; i < 10_000; i++)
            {
                monitor.Log(row, cats[i & 3], 0.1);
            }
        }));
    }

    [Fact]
    public void RowsInOther_CountedAsCandidates_AllocateNothing()
    {
        string[] segments = SegmentScenarios.Names(3);
        var (services, watch, _) = SegmentScenarios.Create(features: 3, segments, m => m.MaxSegments(3), referenceRows: 2_000);
        using var _s = services;
        var monitor = watch.GetMonitor("m");
        double[] row = [1, 2, 3];
        string?[][] cats = [.. Enumerable.Range(0, 50).Select(i => new string?[] { "v" + i })]; // 47 of them in (other)
        Assert.Equal(0, Allocations.SteadyState(_ =>
        {
            for (int i = 0; i < 10_000; i++)
            {
                monitor.Log(row, cats[i % 50], 0.1);
            }
        }));
    }

    [Fact]
    public async Task MissingSegmentValue_AndNoKey_CountInOther()
    {
        var reference = TestModels.NormalReference(features: 1, rows: 1_000);
        var (services, watch, time) = TestModels.Create(m => m.Numeric("f0").Reference(reference).Window(TimeSpan.FromMinutes(1)).SegmentByKey());
        using var _ = services;
        var monitor = watch.GetMonitor("m");
        monitor.Log([0.5], 0.1);                                                     // no key
        monitor.Log(new PredictionEntry { Features = [0.5], Value = 0.1, Segment = "" }); // empty key
        monitor.Log(new PredictionEntry { Features = [0.5], Value = 0.1, Segment = "t1" });
        time.Advance(TimeSpan.FromMinutes(1));
        var report = (await watch.EvaluateAsync()).Single(r => r.IsComplete);
        Assert.Equal(2, report.Segments.Single(s => s.Name == SegmentNames.Other).Predictions);
        Assert.Equal(1, report.Segments.Single(s => s.Name == "t1").Predictions);
    }

    [Fact]
    public async Task SegmentByTwoFeatures_NamesJoinValues_AndTrackedSegmentsComeFirst()
    {
        var schemaReference = new ReferenceProfileBuilder(new ModelSchema(["f0"], ["country", "device"]));
        var rng = new SplitMix64(4);
        for (int i = 0; i < 2_000; i++)
        {
            schemaReference.Add([rng.NextNormal()], [i % 2 == 0 ? "US" : "DE", i % 3 == 0 ? "mobile" : "web"], rng.NextNormal());
        }

        var reference = schemaReference.Build();
        var (services, watch, time) = TestModels.Create(m => m.Numeric("f0").Categorical("country", "device").Reference(reference).Window(TimeSpan.FromMinutes(1))
            .SegmentBy("country", "device").MaxSegments(2).Configure(o => o.Segments.Track.Add("DE|web")));
        using var _ = services;
        var monitor = watch.GetMonitor("m");
        monitor.Log([0.1], ["US", "mobile"], 0.2);
        monitor.Log([0.1], ["US", "web"], 0.2);   // no place left: (other)
        monitor.Log([0.1], ["DE", "web"], 0.2);
        monitor.Log([0.1], ["DE", null], 0.2);    // a missing value: (other)
        time.Advance(TimeSpan.FromMinutes(1));
        var report = (await watch.EvaluateAsync()).Single(r => r.IsComplete);
        Assert.Equal(["(other)", "DE|web", "US|mobile"], report.Segments.Select(s => s.Name).Order(StringComparer.Ordinal));
        Assert.Equal(2, report.Segments.Single(s => s.Name == SegmentNames.Other).Predictions);
    }

    [Fact]
    public void GetLatestReportBySegment_ModelNotSegmented_Throws()
    {
        var (services, watch, _) = TestModels.Create(m => m.Numeric("f0").Reference(TestModels.NormalReference(1, rows: 500)));
        using var _s = services;
        var e = Assert.Throws<InvalidOperationException>(() => watch.GetLatestReport("m", "US"));
        Assert.Contains("not segmented", e.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> BadDeclarations => new()
    {
        { "numeric", "Segment feature 'f0' is not a declared categorical feature" },
        { "undeclared", "Segment feature 'nope' is not a declared categorical feature" },
        { "both", "Segments are declared both by key and by features (c0)" },
        { "hashed", "Segment feature 'c0' is hashed" },
        { "track", "Segments:Track names 2 segments but Segments:MaxSegments is 1" },
        { "max", "MaxSegments" },
    };

    [Theory]
    [MemberData(nameof(BadDeclarations))]
    public void AddModel_BadSegmentDeclaration_IsAConfigurationError(string kind, string expected)
    {
        var (services, watch, _) = TestModels.Create(m => m.Numeric("f0").Reference(TestModels.NormalReference(1, rows: 500)));
        using var _s = services;
        var e = Assert.Throws<OptionsValidationException>(() => watch.AddModel("late", m =>
        {
            m.Numeric("f0").Categorical("c0").ReferenceFromFirstPredictions(100);
            switch (kind)
            {
                case "numeric": m.SegmentBy("f0"); break;
                case "undeclared": m.SegmentBy("nope"); break;
                case "both": m.SegmentBy("c0").SegmentByKey(); break;
                case "hashed": m.HashCategories("0123456789abcdef0123", "c0").SegmentBy("c0"); break;
                case "track": m.SegmentBy("c0").MaxSegments(1).Configure(o => { o.Segments.Track.Add("a"); o.Segments.Track.Add("b"); }); break;
                default: m.SegmentBy("c0").MaxSegments(0); break;
            }
        }));
        Assert.Contains(expected, string.Join("\n", e.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public void Segments_BindFromConfiguration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ModelWatch:Models:m:Features:0:Name"] = "f0",
            ["ModelWatch:Models:m:Features:1:Name"] = "country",
            ["ModelWatch:Models:m:Features:1:Kind"] = "Categorical",
            ["ModelWatch:Models:m:Reference:Source"] = "FirstPredictions",
            ["ModelWatch:Models:m:Segments:By:0"] = "country",
            ["ModelWatch:Models:m:Segments:MaxSegments"] = "25",
            ["ModelWatch:Models:m:Segments:MinPredictions"] = "40",
            ["ModelWatch:Models:m:Segments:Correction"] = "bonferroni",
            ["ModelWatch:Models:m:Segments:Track:0"] = "US",
        }).Build();
        var services = new ServiceCollection();
        services.AddModelWatch(configuration.GetSection("ModelWatch"));
        using var provider = services.BuildServiceProvider();
        var o = provider.GetRequiredService<IOptionsMonitor<ModelOptions>>().Get("m").Segments;
        Assert.Equal(["country"], o.By);
        Assert.Equal(25, o.MaxSegments);
        Assert.Equal(40, o.MinPredictions);
        Assert.Equal(ModelWatch.Drift.MultipleTestingCorrection.Bonferroni, o.Correction);
        Assert.Equal(["US"], o.Track);
        var monitor = (ModelMonitor)provider.GetRequiredService<IModelWatch>().GetMonitor("m", "1");
        Assert.Equal(0, monitor.Segments!.Keys.Find("US"));
    }
}
