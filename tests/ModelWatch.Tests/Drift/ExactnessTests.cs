using ModelWatch.Drift;
using ModelWatch.Statistics;

namespace ModelWatch.Tests.Drift;

/// <summary>Every detector result says whether it is exact or bounded, and bounded ones carry their bound.</summary>
public class ExactnessTests
{
    private static readonly double[] Reference = [.. Enumerable.Range(0, 400).Select(i => Math.Sin(i * 0.7) * 3)];
    private static readonly double[] Current = [.. Enumerable.Range(0, 300).Select(i => (Math.Cos(i * 1.3) * 3) + 0.5)];

    [Fact]
    public void RawSampleApis_Exact()
    {
        DriftResult[] results =
        [
            KolmogorovSmirnov.TwoSample(Reference, Current).ToDriftResult(),
            WassersteinDistance.Compute(Reference, Current).ToDriftResult(),
            PopulationStabilityIndex.Compute(Reference, Current).ToDriftResult(),
            ChiSquaredTest.FromCounts([10, 20, 30], [12, 18, 33]).ToDriftResult(),
            JensenShannon.FromCounts([10, 20, 30], [12, 18, 33]).ToDriftResult(),
        ];

        Assert.All(results, r =>
        {
            Assert.Equal(Exactness.Exact, r.Exactness);
            Assert.Null(r.StatisticBound);
        });
    }

    [Fact]
    public void KsFromBinnedCounts_BoundedByTheLargestBinShare()
    {
        var ks = KolmogorovSmirnov.FromBinnedCounts([10, 30, 60], [50, 25, 25]);

        var result = ks.ToDriftResult();

        Assert.Equal(0.6, ks.StatisticErrorBound, 1e-15);
        Assert.Equal(Exactness.Bounded, result.Exactness);
        Assert.Equal(0.6, result.StatisticBound!.Value, 1e-15);
    }

    [Fact]
    public void KsFromSketches_ExactWhileBothHoldEveryValue_BoundedOnceOneCompacts()
    {
        var reference = new QuantileSketch();
        var current = new QuantileSketch();
        reference.Add(Reference);
        current.Add(Current);

        var exact = KolmogorovSmirnov.FromSketches(reference, current).ToDriftResult();
        Assert.Equal(Exactness.Exact, exact.Exactness);
        Assert.Equal(KolmogorovSmirnov.TwoSample(Reference, Current).Statistic, exact.Statistic);

        for (int i = 0; i < 5_000; i++)
        {
            current.Add(i * 0.001);
        }

        var bounded = KolmogorovSmirnov.FromSketches(reference, current).ToDriftResult();
        Assert.Equal(Exactness.Bounded, bounded.Exactness);
        Assert.Equal(current.RankErrorBound, bounded.StatisticBound);
    }
}
