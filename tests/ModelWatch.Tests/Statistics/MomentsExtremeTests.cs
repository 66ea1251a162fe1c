using ModelWatch.Statistics;
using ModelWatch.Tests.TestSupport;

namespace ModelWatch.Tests.Statistics;

/// <summary>
/// Values spanning the whole double range in one stream: the accumulator coarsens its scale instead
/// of overflowing, so everything representable stays finite and exact to rounding.
/// </summary>
public sealed class MomentsExtremeTests
{
    [Fact]
    public void SmallThenHuge_MeanFinite_SnapshotValid()
    {
        var m = new Moments();
        m.Add(1e3);
        m.Add(-2.5e-3);
        m.Add(1e308);
        Tolerance.Close(1e308 / 3, m.Mean, 0, 1e-15, "mean");
        Assert.Equal(double.PositiveInfinity, m.PopulationVariance); // about 2.2e615: not representable
        Assert.Equal(3, Moments.FromSnapshot(m.ToSnapshot()).Count);
    }

    [Fact]
    public void OppositeSignsNearTheLimit_MeanExact()
    {
        var m = new Moments();
        m.Add(1.5e308);
        m.Add(-1.5e308);
        m.Add(3.0);
        Tolerance.Close(1.0, m.Mean, 1e-300, 1e-12, "mean");
        Assert.Equal(-1.5e308, m.Min);
        Assert.Equal(1.5e308, m.Max);
        Assert.Equal(3, Moments.FromSnapshot(m.ToSnapshot()).Count);
    }

    [Fact]
    public void WideButRepresentableSpread_VarianceWithinRounding()
    {
        // Values ±1e150 around 1: the population variance 2e300/3 is representable and must be right.
        double[] values = [1.0, 1e150, -1e150];
        var m = new Moments();
        foreach (double v in values)
        {
            m.Add(v);
        }

        Tolerance.Close(2e300 / 3, m.PopulationVariance, 0, 1e-12, "variance");
        Tolerance.Close(1.0 / 3, m.Mean, 1e137, 0, "mean (to rounding at the scale of 1e150)");

        // The same through a merge of parts with very different scales.
        var a = new Moments();
        a.Add(1.0);
        a.Add(1.5);
        var b = new Moments();
        b.Add(1e150);
        b.Add(-1e150);
        a.Merge(b);
        Tolerance.Close(2e300 / 4, a.PopulationVariance, 0, 1e-12, "variance after merge");
        var c = new Moments();
        c.Add(1e308);
        var d = new Moments();
        d.Add(-1e308);
        c.Merge(d);
        Assert.Equal(0.0, c.Mean);
    }
}
