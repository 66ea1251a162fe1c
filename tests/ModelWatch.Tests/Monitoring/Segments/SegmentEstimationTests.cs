using ModelWatch.Estimation;
using ModelWatch.Monitoring;
using ModelWatch.Tests.TestSupport;

namespace ModelWatch.Tests.Monitoring.Segments;

/// <summary>The label-free performance estimate per segment: a classifier's scores in each segment's window.</summary>
public sealed class SegmentEstimationTests
{
    [Fact]
    public async Task Classifier_EachSegmentGetsTheEstimateOfItsOwnScores()
    {
        var reference = TestModels.NormalReference(features: 1, rows: 2_000);
        var (services, watch, time) = TestModels.Create(m => m.Numeric("f0").Reference(reference).Window(TimeSpan.FromMinutes(1)).BinaryClassification()
            .SegmentByKey().Configure(o =>
            {
                o.Segments.ReferenceSize = 0;
                o.Segments.MinPredictions = 10;
            }));
        using var _ = services;
        var monitor = watch.GetMonitor("m");
        var rng = new SplitMix64(3);
        for (int i = 0; i < 2_000; i++)
        {
            bool confident = i % 2 == 0;
            double score = confident ? (rng.NextUniform() < 0.5 ? 0.97 : 0.03) : (rng.NextUniform() < 0.5 ? 0.55 : 0.45);
            monitor.Log(new PredictionEntry { Features = [rng.NextNormal()], Value = score, Segment = confident ? "confident" : "unsure" });
        }

        time.Advance(TimeSpan.FromMinutes(1));
        var report = (await watch.EvaluateAsync()).Single(r => r.IsComplete);
        double Accuracy(string segment) => report.Segments.Single(s => s.Name == segment).Estimated!.Metrics.Single(m => m.Metric == CbpeMetric.Accuracy).Value;
        Assert.Equal(0.97, Accuracy("confident"), 0.01);
        Assert.Equal(0.55, Accuracy("unsure"), 0.01);
    }
}
