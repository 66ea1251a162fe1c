using ModelWatch.Monitoring;
using ModelWatch.Tests.TestSupport;

namespace ModelWatch.Tests.Monitoring.Segments;

/// <summary>
/// Segments that differ from the whole population: each segment's own reference, from its first
/// predictions, over the model reference's bins. Against the whole model's reference every such
/// segment would be flagged; against its own, none is until one changes.
/// </summary>
public sealed class SegmentReferenceTests
{
    private static readonly string[] Segments = ["low", "mid", "high"];

    /// <summary>Segment i's features are N(μ_i, 1) with μ = −1, 0, 1; the whole is their mixture, as in the reference.</summary>
    private static async Task<DriftReport> Window(IModelWatch watch, Microsoft.Extensions.Time.Testing.FakeTimeProvider time, SplitMix64 rng, int rows, string? shifted = null)
    {
        var monitor = watch.GetMonitor("m");
        var cats = new string?[1];
        var row = new double[2];
        for (int r = 0; r < rows; r++)
        {
            int s = (int)(rng.NextUniform() * 3);
            double mean = s - 1 + (Segments[s] == shifted ? 0.5 : 0);
            row[0] = mean + rng.NextNormal();
            row[1] = mean + rng.NextNormal();
            cats[0] = Segments[s];
            monitor.Log(row, cats, rng.NextNormal());
        }

        time.Advance(TimeSpan.FromMinutes(1));
        return (await watch.EvaluateAsync()).Single(r => r.IsComplete);
    }

    private static ReferenceProfile MixtureReference()
    {
        var builder = new ReferenceProfileBuilder(new ModelSchema(["f0", "f1"], ["c0"]));
        var rng = new SplitMix64(77);
        for (int r = 0; r < 30_000; r++)
        {
            int s = r % 3;
            builder.Add([s - 1 + rng.NextNormal(), s - 1 + rng.NextNormal()], [Segments[s]], rng.NextNormal());
        }

        return builder.Build();
    }

    [Fact]
    public async Task OwnReferences_FromFirstPredictions_NoFalseFlags_ThenTheShiftedSegmentIsFound()
    {
        var (services, watch, time) = TestModels.Create(m => m.Numeric("f0", "f1").Categorical("c0").Reference(MixtureReference()).Window(TimeSpan.FromMinutes(1))
            .SegmentBy("c0").Configure(o => o.Segments.ReferenceSize = 2_000));
        using var _ = services;
        var rng = new SplitMix64(5);

        // Window 0: 3,000 rows, about 1,000 per segment: still gathering (2,000 each), reported, not judged.
        var gathering = await Window(watch, time, rng, 3_000);
        Assert.All(gathering.Segments, s => Assert.Equal(SegmentStatus.NoReference, s.Status));
        Assert.All(gathering.Segments, s => Assert.False(s.IsDrift));

        // Window 1 completes every segment's reference; its rows went into it, so it is not judged either.
        var building = await Window(watch, time, rng, 4_500);
        Assert.All(building.Segments, s => Assert.Equal(SegmentStatus.NoReference, s.Status));

        for (int w = 2; w < 5; w++)
        {
            var report = await Window(watch, time, rng, 6_000);
            Assert.Equal(3, report.Segments.Length);
            Assert.All(report.Segments, s => Assert.Equal(SegmentStatus.Evaluated, s.Status));
            Assert.All(report.Segments, s => Assert.Equal(SegmentReferenceBasis.Segment, s.Reference));
            Assert.All(report.Segments, s => Assert.False(s.IsDrift, $"window {w}: {s.Name} flagged against its own reference"));
        }

        var shifted = await Window(watch, time, rng, 6_000, shifted: "high");
        Assert.Equal("high", shifted.Segments[0].Name);
        Assert.True(shifted.Segments[0].IsDrift);
        Assert.All(shifted.Segments.Skip(1), s => Assert.False(s.IsDrift));
    }

    [Fact]
    public async Task AgainstTheWholeModelsReference_DifferentSegmentsAreFlagged_AsDocumented()
    {
        var (services, watch, time) = TestModels.Create(m => m.Numeric("f0", "f1").Categorical("c0").Reference(MixtureReference()).Window(TimeSpan.FromMinutes(1))
            .SegmentBy("c0").Configure(o => o.Segments.ReferenceSize = 0));
        using var _ = services;
        var report = await Window(watch, time, new SplitMix64(6), 6_000);
        Assert.False(report.IsDrift); // the whole is the reference's mixture
        Assert.True(report.Segments.Single(s => s.Name == "low").IsDrift);
        Assert.True(report.Segments.Single(s => s.Name == "high").IsDrift);
        Assert.All(report.Segments, s => Assert.Equal(SegmentReferenceBasis.WholeModel, s.Reference));
    }

    [Fact]
    public void SegmentReference_HasTheModelReferencesBins_AndTheSegmentsCounts()
    {
        var whole = MixtureReference();
        var layout = new MonitorLayout(whole.Schema, whole, 100) { SegmentSlots = 2 };
        var gathered = new WindowAccumulator(layout, segmentChild: true);
        var rng = new SplitMix64(1);
        for (int i = 0; i < 500; i++)
        {
            layout.Rows.Add(gathered, [1 + rng.NextNormal(), 1 + rng.NextNormal()], rng.NextNormal());
            gathered.AddCategorical(0, "high", whole.Categorical[0]);
            gathered.Events++;
        }

        var reference = SegmentReferences.From(gathered)!;
        Assert.Equal(500, reference.RowCount);
        Assert.Equal(whole.Numeric[0].Edges.InteriorEdges, reference.Numeric[0].Edges.InteriorEdges);
        Assert.Equal(500, reference.Numeric[0].Count);
        Assert.Equal(1.0, reference.Numeric[0].Mean, 0.15);
        Assert.Equal(whole.Categorical[0].Categories.ToArray(), reference.Categorical[0].Categories.ToArray());
        Assert.Equal(500, reference.Categorical[0].Counts[whole.Categorical[0].Categories.IndexOf("high")]);
    }
}
