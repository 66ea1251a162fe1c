using ModelWatch.Drift;
using ModelWatch.Statistics;
using ModelWatch.Tests.TestSupport;
using Xunit.Abstractions;

namespace ModelWatch.Tests.Drift;

/// <summary>KS and Wasserstein from quantile sketches: the stated bounds hold against the exact values.</summary>
public sealed class SketchDetectorTests(ITestOutputHelper output)
{
    public static TheoryData<string> LargeKsCases()
    {
        var data = new TheoryData<string>();
        foreach (var c in Oracle.Cases("ks_two_sample"))
        {
            if (c.GetProperty("n1").GetInt64() >= 3000)
            {
                data.Add(c.GetProperty("id").GetString()!);
            }
        }

        return data;
    }

    private static QuantileSketch Sketch(double[] values, ulong seed = QuantileSketch.DefaultSeed)
    {
        var s = new QuantileSketch(seed: seed);
        s.Add(values);
        return s;
    }

    [Theory]
    [MemberData(nameof(LargeKsCases))]
    public void FromSketches_OracleCase_StatisticWithinSumOfRankErrorBounds(string id)
    {
        var c = Oracle.Case("ks_two_sample", id);
        double[] x = Oracle.Sample(c.GetProperty("x")), y = Oracle.Sample(c.GetProperty("y"));
        double exactD = c.GetProperty("expected").GetProperty("D").GetDouble();
        var result = KolmogorovSmirnov.FromSketches(Sketch(x), Sketch(y, seed: 7));

        double bound = result.StatisticErrorBound;
        output.WriteLine($"{id}: D exact {exactD:F6}, sketch {result.Statistic:F6}, |diff| {Math.Abs(result.Statistic - exactD):E2}, bound {bound:E2}");
        Assert.True(Math.Abs(result.Statistic - exactD) <= bound, $"|{result.Statistic} − {exactD}| > {bound}");
        Assert.Equal(x.Length, result.Counts.Reference);
        Assert.Equal(y.Length, result.Counts.Current);
        Assert.Equal(KolmogorovSmirnov.PValue(result.Statistic, x.Length, y.Length, result.Method), result.PValue);
    }

    [Fact]
    public void FromSketches_SeededShifts_StatisticWithinBound()
    {
        for (ulong seed = 1; seed <= 20; seed++)
        {
            double[] r = TestStreams.Normal(seed, 50_000), c = TestStreams.Normal(seed + 1000, 20_000, mean: 0.01 * seed);
            var exact = KolmogorovSmirnov.TwoSample(r, c);
            var sketched = KolmogorovSmirnov.FromSketches(Sketch(r, seed), Sketch(c, seed + 1));
            Assert.True(Math.Abs(sketched.Statistic - exact.Statistic) <= sketched.StatisticErrorBound);
        }
    }

    [Fact]
    public void FromSketches_SmallExactSketches_EqualsRawSamples()
    {
        double[] r = TestStreams.Normal(3, 300), c = TestStreams.Normal(4, 200, mean: 0.3);
        var raw = KolmogorovSmirnov.TwoSample(r, c);
        var sketched = KolmogorovSmirnov.FromSketches(Sketch(r), Sketch(c));
        Assert.Equal(0, sketched.StatisticErrorBound);
        Assert.Equal(raw.Statistic, sketched.Statistic, 15);
        Assert.Equal(raw.PValue, sketched.PValue, 12);
        Assert.Equal(raw.DPlus, sketched.DPlus, 15);
    }

    [Fact]
    public void FromSketches_EmptySketch_Throws() =>
        Assert.Throws<ArgumentException>("current", () => KolmogorovSmirnov.FromSketches(Sketch([1.0]), new QuantileSketch()));

    [Fact]
    public void WassersteinFromSketches_OracleAndSeededCases_BoundsContainExactDistance()
    {
        var oracle = Oracle.Case("wasserstein", "w1_public_012");
        double[] u = Oracle.Sample(oracle.GetProperty("u")), v = Oracle.Sample(oracle.GetProperty("v"));
        double truth = oracle.GetProperty("expected").GetProperty("wasserstein1").GetDouble();
        var bounds = WassersteinDistance.FromSketches(Sketch(u), Sketch(v, seed: 5));
        output.WriteLine($"w1_public_012: exact {truth:R}, sketch estimate {bounds.Estimate:R} in [{bounds.Lower:R}, {bounds.Upper:R}]");
        Assert.InRange(truth, bounds.Lower, bounds.Upper);

        for (ulong seed = 1; seed <= 10; seed++)
        {
            double[] r = TestStreams.Normal(seed, 30_000), c = TestStreams.Normal(seed + 77, 30_000, mean: 0.05 * seed, sd: 1 + 0.02 * seed);
            double exact = WassersteinDistance.Compute(r, c).Distance;
            var b = WassersteinDistance.FromSketches(Sketch(r, seed), Sketch(c, seed + 9));
            Assert.InRange(exact, b.Lower, b.Upper);
        }
    }

    [Fact]
    public void WassersteinFromSketches_SmallExactSketches_EqualsRawSamples()
    {
        double[] r = TestStreams.Normal(8, 400), c = TestStreams.Normal(9, 300, mean: 0.5);
        var b = WassersteinDistance.FromSketches(Sketch(r), Sketch(c));
        Tolerance.Close(WassersteinDistance.Compute(r, c).Distance, b.Estimate, 0, 1e-12, "W1");
        Assert.Equal(b.Lower, b.Upper);
    }
}
