using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ModelWatch.Monitoring;
using ModelWatch.Profiles;
using ModelWatch.Tests.TestSupport;

namespace ModelWatch.Tests.Monitoring.Segments;

/// <summary>
/// A segmented reference profile (<c>ProfileBuilder.SegmentBy</c>, a <c>.mwp</c> file) gives each of its segments its own
/// reference in the runtime, admits them first, and leaves the production rules to the segments it lacks.
/// </summary>
public sealed class SegmentProfileReferenceTests : IDisposable
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mw-segprofile-" + Guid.NewGuid().ToString("N"));

    public SegmentProfileReferenceTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>f0 is centred on −1 in "north", on +1 in "south" and on 0 in "east"; f1 is N(0, 1) everywhere.</summary>
    private static double Centre(string region) => region switch { "north" => -1, "south" => 1, _ => 0 };

    private string SaveReference(bool segmented)
    {
        var builder = new ProfileBuilder(["f0", "f1"], ["region"]);
        if (segmented)
        {
            builder.SegmentBy("region");
        }

        var rng = new SplitMix64(1);
        for (int i = 0; i < 6_000; i++)
        {
            string region = i % 3 == 0 ? "south" : "north"; // north is the heavier
            builder.Add([Centre(region) + rng.NextNormal(), rng.NextNormal()], [region]);
        }

        string path = Path.Combine(_folder, segmented ? "segmented.mwp" : "whole.mwp");
        ProfileFile.Save(builder.Build(ProfileKind.Reference), path);
        return path;
    }

    private static void Log(IModelWatch watch, SplitMix64 rng, string region, int rows, double shift = 0)
    {
        var monitor = watch.GetMonitor("m");
        for (int i = 0; i < rows; i++)
        {
            monitor.Log([Centre(region) + shift + rng.NextNormal(), rng.NextNormal()], [region], 0.0);
        }
    }

    private static SegmentDriftResult Of(DriftReport report, string segment) => report.Segments.Single(s => s.Name == segment);

    [Fact]
    public async Task ASegmentedProfile_JudgesEachSegmentAgainstItsOwnReference_TheOthersByTheProductionRules()
    {
        string path = SaveReference(segmented: true);
        Assert.Equal(["north", "south"], ProfileFile.Load(path).ToReference().Segments.Keys.Order(StringComparer.Ordinal));
        var (services, watch, time) = TestModels.Create(m => m.Numeric("f0", "f1").Categorical("region").Prediction(PredictionKind.None).Reference(path).Window(Minute)
            .SegmentBy("region").MaxSegments(3).Configure(o => o.Segments.ReferenceSize = 500));
        using var _ = services;
        var rng = new SplitMix64(2);

        // The profile's segments hold the first places, heaviest first, before any production row.
        var keys = services.SingleMonitor().Segments!.Keys;
        Assert.Equal(0, keys.Find("north"));
        Assert.Equal(1, keys.Find("south"));

        Log(watch, rng, "east", 1_000);   // not in the profile (nor among the reference's regions): its first 500 rows are its reference
        Log(watch, rng, "north", 2_000);
        Log(watch, rng, "south", 1_000);
        time.Advance(Minute);
        var w0 = (await watch.EvaluateAsync()).Single(r => r.IsComplete);
        Assert.Equal(SegmentReferenceBasis.Profile, Of(w0, "north").Reference);
        Assert.Equal(SegmentStatus.Evaluated, Of(w0, "north").Status);
        Assert.False(Of(w0, "north").IsDrift);   // f0 ≈ −1 as in its own reference (the whole's is a mix centred near −1/3)
        Assert.False(Of(w0, "south").IsDrift);
        Assert.Equal(SegmentReferenceBasis.Segment, Of(w0, "east").Reference);
        Assert.Equal(SegmentStatus.NoReference, Of(w0, "east").Status); // the window holds the rows of its reference

        // South moves by half a standard deviation: found against its own reference; the others stay.
        Log(watch, rng, "east", 1_000);
        Log(watch, rng, "north", 2_000);
        Log(watch, rng, "south", 1_000, shift: 0.5);
        time.Advance(Minute);
        await watch.EvaluateAsync();
        var w1 = watch.GetHistory("m").Single(r => r.WindowStart == TestModels.Start.Add(Minute));
        Assert.True(Of(w1, "south").IsDrift);
        Assert.Contains("f0", Of(w1, "south").DriftedFeatures);
        Assert.False(Of(w1, "north").IsDrift);
        Assert.Equal(SegmentStatus.Evaluated, Of(w1, "east").Status);
        Assert.Equal(SegmentReferenceBasis.Segment, Of(w1, "east").Reference);
        Assert.False(Of(w1, "east").IsDrift);
        Assert.Equal("south", w1.Segments[0].Name);
    }

    [Fact]
    public async Task WithoutSegmentsInTheProfile_TheSameRowsAreFlaggedAgainstTheWholeModelsReference()
    {
        string path = SaveReference(segmented: false);
        var (services, watch, time) = TestModels.Create(m => m.Numeric("f0", "f1").Categorical("region").Prediction(PredictionKind.None).Reference(path).Window(Minute)
            .SegmentBy("region").Configure(o => o.Segments.ReferenceSize = 0));
        using var _ = services;
        var rng = new SplitMix64(2);
        Log(watch, rng, "north", 2_000);
        Log(watch, rng, "south", 1_000);
        time.Advance(Minute);
        var w0 = (await watch.EvaluateAsync()).Single(r => r.IsComplete);
        Assert.Equal(SegmentReferenceBasis.WholeModel, Of(w0, "north").Reference);
        Assert.True(Of(w0, "north").IsDrift);
        Assert.True(Of(w0, "south").IsDrift);
        Assert.False(w0.IsDrift); // the whole model's mix matches its reference
    }

    [Fact]
    public async Task ARestart_KeepsTheProfilesSegmentReferences()
    {
        string path = SaveReference(segmented: true);
        void Model(ModelBuilder m) => m.Numeric("f0", "f1").Categorical("region").Prediction(PredictionKind.None).Reference(path).Window(Minute).SegmentBy("region");
        var (services, watch, time) = TestModels.Create(Model);
        using var _ = services;
        var rng = new SplitMix64(3);
        Log(watch, rng, "north", 500);
        var saved = MonitorSnapshots.Take(services.SingleMonitor(), time.GetUtcNow());

        var (services2, watch2, time2) = TestModels.Create(Model);
        using var _2 = services2;
        Assert.Null(MonitorSnapshots.Restore(services2.SingleMonitor(), saved, "test"));
        Log(watch2, rng, "north", 500);
        time2.Advance(Minute);
        var w0 = (await watch2.EvaluateAsync()).Single(r => r.IsComplete);
        Assert.Equal(1_000, Of(w0, "north").Predictions);
        Assert.Equal(SegmentReferenceBasis.Profile, Of(w0, "north").Reference);
        Assert.False(Of(w0, "north").IsDrift);
    }

    [Fact]
    public async Task ReferenceProfileBuilder_WithASegmentPerRow_BuildsSegmentReferencesOverTheWholeReferencesBins()
    {
        var builder = new ReferenceProfileBuilder(new ModelSchema(["f0", "f1"], ["region"], PredictionKind.None));
        var rng = new SplitMix64(4);
        var northValues = new List<double>();
        for (int i = 0; i < 6_000; i++)
        {
            string region = i % 3 == 0 ? "south" : "north";
            double f0 = Centre(region) + rng.NextNormal();
            if (region == "north")
            {
                northValues.Add(f0);
            }

            builder.Add([f0, rng.NextNormal()], [region], 0.0, segment: region);
        }

        var reference = builder.Build();
        Assert.Equal(["north", "south"], reference.Segments.Keys.Order(StringComparer.Ordinal));
        var north = reference.Segments["north"];
        Assert.Equal(4_000, north.RowCount);

        // The segment's f0 counted over the whole reference's fine bins: each cumulative count within the sketch's rank error.
        var whole = reference.Numeric[0];
        var own = north.Numeric[0];
        Assert.Equal(whole.Edges.InteriorEdges.ToArray(), own.Edges.InteriorEdges.ToArray());
        long cumulative = 0;
        for (int b = 0; b < whole.Edges.InteriorEdges.Length; b++)
        {
            cumulative += own.CountsSpan[b];
            long exact = northValues.Count(v => v <= whole.Edges.InteriorEdges[b]);
            Assert.InRange(cumulative, exact - (long)Math.Ceiling(own.RankError * 4_000), exact + (long)Math.Ceiling(own.RankError * 4_000));
        }

        Assert.Equal(northValues.Average(), own.Mean, 9);
        Assert.Equal(reference.Categorical[0].Categories.ToArray(), north.Categorical[0].Categories.ToArray());

        var (services, watch, time) = TestModels.Create(m => m.Numeric("f0", "f1").Categorical("region").Prediction(PredictionKind.None).Reference(reference).Window(Minute).SegmentBy("region"));
        using var _ = services;
        Log(watch, rng, "north", 2_000);
        Log(watch, rng, "south", 1_000);
        time.Advance(Minute);
        var w0 = (await watch.EvaluateAsync()).Single(r => r.IsComplete);
        Assert.All(w0.Segments, s =>
        {
            Assert.Equal(SegmentReferenceBasis.Profile, s.Reference);
            Assert.Equal(SegmentStatus.Evaluated, s.Status);
            Assert.False(s.IsDrift);
        });
    }

    [Fact]
    public void FromConfiguration_ASegmentedProfilesPath_GivesItsSegmentsTheirReferences()
    {
        string path = SaveReference(segmented: true);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ModelWatch:Models:m:Features:0:Name"] = "f0",
            ["ModelWatch:Models:m:Features:1:Name"] = "f1",
            ["ModelWatch:Models:m:Features:2:Name"] = "region",
            ["ModelWatch:Models:m:Features:2:Kind"] = "Categorical",
            ["ModelWatch:Models:m:Prediction"] = "none",
            ["ModelWatch:Models:m:Reference:Path"] = path,
            ["ModelWatch:Models:m:Segments:By:0"] = "region",
            ["ModelWatch:Models:m:Segments:MultivariateCalibrationWindows"] = "4",
        }).Build();
        var services = new ServiceCollection();
        services.AddModelWatch(configuration.GetSection("ModelWatch"));
        using var provider = services.BuildServiceProvider();
        var monitor = (ModelMonitor)provider.GetRequiredService<IModelWatch>().GetMonitor("m", "1");

        Assert.Equal(["north", "south"], monitor.Layout.Reference!.Segments.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(0, monitor.Segments!.Keys.Find("north")); // the heavier first
        Assert.Equal(1, monitor.Segments.Keys.Find("south"));
        Assert.Equal(4, monitor.Segments.Windows.Multivariate.Windows);
    }
}
