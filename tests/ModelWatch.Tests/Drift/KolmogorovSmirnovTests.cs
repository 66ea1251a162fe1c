using System.Numerics;
using ModelWatch.Drift;
using ModelWatch.Tests.TestSupport;

namespace ModelWatch.Tests.Drift;

/// <summary>Conventions, argument checks and the exact recursion against brute-force path counts.</summary>
public sealed class KolmogorovSmirnovTests
{
    [Fact]
    public void TwoSample_NaNValues_AreExcludedAndCounted()
    {
        double[] reference = [1, double.NaN, 2, 3, double.NaN];
        double[] current = [double.NaN, 2.5, 4];
        var withNaN = KolmogorovSmirnov.TwoSample(reference, current);
        var clean = KolmogorovSmirnov.TwoSample([1, 2, 3], [2.5, 4]);

        Assert.Equal(2, withNaN.Counts.ReferenceMissing);
        Assert.Equal(1, withNaN.Counts.CurrentMissing);
        Assert.Equal(3, withNaN.Counts.Reference);
        Assert.Equal(2, withNaN.Counts.Current);
        Assert.Equal(clean.Statistic, withNaN.Statistic);
        Assert.Equal(clean.PValue, withNaN.PValue);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void TwoSample_EmptyOrAllNaNSample_ThrowsNamingTheArgument(bool empty)
    {
        double[] bad = empty ? [] : [double.NaN, double.NaN];
        double[] good = [1, 2, 3];

        var onReference = Assert.Throws<ArgumentException>(() => KolmogorovSmirnov.TwoSample(bad, good));
        Assert.Equal("reference", onReference.ParamName);
        var onCurrent = Assert.Throws<ArgumentException>(() => KolmogorovSmirnov.TwoSample(good, bad));
        Assert.Equal("current", onCurrent.ParamName);
    }

    [Theory]
    [InlineData(KsMethod.Auto)]
    [InlineData(KsMethod.Exact)]
    [InlineData(KsMethod.Asymptotic)]
    public void TwoSample_IdenticalConstantSamples_GivesZeroStatisticAndPValueOne(KsMethod method)
    {
        var r = KolmogorovSmirnov.TwoSample([7.0, 7.0, 7.0], [7.0, 7.0], method);

        Assert.Equal(0.0, r.Statistic);
        Assert.Equal(0.0, r.DPlus);
        Assert.Equal(0.0, r.DMinus);
        Assert.Equal(1.0, r.PValue);
        Assert.NotEqual(KsMethod.Auto, r.Method);
    }

    [Fact]
    public void TwoSample_NegativeAndPositiveZero_AreOneTie()
    {
        var r = KolmogorovSmirnov.TwoSample([-0.0, -0.0], [0.0]);

        Assert.Equal(0.0, r.Statistic);
        Assert.Equal(1.0, r.PValue);
    }

    [Fact]
    public void TwoSample_Infinities_AreOrdinaryOrderedValues()
    {
        // −∞ < everything < +∞: the reference holds the two smallest values, so D⁺ = 2/3 after them.
        var r = KolmogorovSmirnov.TwoSample(
            [double.NegativeInfinity, -1e308, double.PositiveInfinity],
            [0.0, double.PositiveInfinity]);

        Assert.Equal(2.0 / 3, r.DPlus);
        Assert.Equal(0.0, r.DMinus);
        Assert.Equal(2.0 / 3, r.Statistic);
    }

    [Fact]
    public void TwoSample_Ties_EvaluatesCdfsAfterAllTiedValues()
    {
        // Pooled value 1 is shared: F_ref(1) = 2/3 and F_cur(1) = 1/2 after both ties, so D⁺ = 1/6; at 2,
        // F_ref = 2/3 and F_cur = 1, so D⁻ = 1/3. Counting the tied 1s one sample at a time would see 2/3.
        var r = KolmogorovSmirnov.TwoSample([1, 1, 3], [1, 2]);

        // D is reported correctly rounded, so it is exactly the double nearest 1/6 or 1/3.
        Assert.Equal(1.0 / 6, r.DPlus);
        Assert.Equal(1.0 / 3, r.DMinus);
        Assert.Equal(1.0 / 3, r.Statistic);
    }

    [Fact]
    public void TwoSample_AutoMethod_SwitchesToAsymptoticAboveTenThousand()
    {
        var rng = new SplitMix64(42);
        double[] small = Normals(ref rng, 10_000);
        double[] large = Normals(ref rng, 10_001);

        Assert.Equal(KsMethod.Exact, KolmogorovSmirnov.TwoSample(small, small.AsSpan(0, 500)).Method);
        Assert.Equal(KsMethod.Asymptotic, KolmogorovSmirnov.TwoSample(large, small.AsSpan(0, 500)).Method);
        Assert.Equal(KsMethod.Asymptotic, KolmogorovSmirnov.TwoSample(small.AsSpan(0, 500), large).Method);
    }

    [Fact]
    public void TwoSample_OneVersusOneAsymptotic_ReturnsExactInsteadOfNaN()
    {
        var r = KolmogorovSmirnov.TwoSample([1.0], [2.0], KsMethod.Asymptotic);

        Assert.Equal(KsMethod.Exact, r.Method);
        Assert.Equal(1.0, r.PValue);
        Assert.Equal(1.0, KolmogorovSmirnov.PValue(1.0, 1, 1, KsMethod.Asymptotic));
    }

    [Fact]
    public void TwoSample_RadixAndIntrosortPaths_GiveTheSameStatistic()
    {
        // 5000 values go through the radix sort, their prefixes of 200 through introsort; the naive
        // statistic over Array.Sort-ed copies is the reference for both.
        var rng = new SplitMix64(7);
        double[] a = Normals(ref rng, 5000);
        double[] b = Normals(ref rng, 4000);
        for (int i = 0; i < b.Length; i += 3)
        {
            b[i] = Math.Round(b[i], 1); // ties within b and across samples
            a[i] = Math.Round(a[i], 1);
        }

        foreach (var (x, y) in new[] { (a, b), (a[..200], b[..150]), (a, b[..150]) })
        {
            var r = KolmogorovSmirnov.TwoSample(x, y);
            var (plus, minus) = NaiveStatistic(x, y);
            Assert.Equal(plus, r.DPlus);
            Assert.Equal(minus, r.DMinus);
        }
    }

    [Fact]
    public void UpperTail_SmallSizes_MatchesBruteForcePathCount()
    {
        // Independent check of the probability recursion: count lattice paths exactly with big integers
        // for every (n, m) up to 12 and every attainable D.
        for (int n = 1; n <= 12; n++)
        {
            for (int m = 1; m <= 12; m++)
            {
                for (long h = 0; h <= (long)n * m; h++)
                {
                    double expected = BruteForceUpperTail(n, m, h);
                    double actual = KsExactDistribution.UpperTail(n, m, h);

                    // Both are exact up to rounding: the recursion's error is a few ulps at these sizes.
                    Tolerance.Close(expected, actual, 1e-15, 1e-13, $"n={n} m={m} h={h}");
                }
            }
        }
    }

    [Fact]
    public void ToDriftResult_CopiesTheTestIntoTheSharedShape()
    {
        var r = KolmogorovSmirnov.TwoSample([1, 2, 3, 4, 5, 6], [10, 11, 12, 13, 14]);
        var drift = r.ToDriftResult(0.01);

        Assert.Equal("ks", drift.Detector);
        Assert.Equal(r.Statistic, drift.Statistic);
        Assert.Equal(r.PValue, drift.PValue);
        Assert.Equal(0.01, drift.Threshold);
        Assert.Equal(DriftDecisionBasis.PValue, drift.Basis);
        Assert.True(drift.IsDrift); // p = 2/C(11,5) = 0.0043
        Assert.Equal(6, drift.ReferenceCount);
        Assert.Equal(5, drift.CurrentCount);
        Assert.False(r.ToDriftResult(0.001).IsDrift);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void ToDriftResult_AlphaOutsideUnitInterval_Throws(double alpha)
    {
        var r = KolmogorovSmirnov.TwoSample([1.0, 2.0], [3.0]);

        Assert.Throws<ArgumentOutOfRangeException>(nameof(alpha), () => r.ToDriftResult(alpha));
    }

    [Fact]
    public void PValue_InvalidArguments_ThrowNamingTheArgument()
    {
        Assert.Throws<ArgumentOutOfRangeException>("statistic", () => KolmogorovSmirnov.PValue(-0.1, 5, 5));
        Assert.Throws<ArgumentOutOfRangeException>("statistic", () => KolmogorovSmirnov.PValue(1.5, 5, 5));
        Assert.Throws<ArgumentOutOfRangeException>("statistic", () => KolmogorovSmirnov.PValue(double.NaN, 5, 5));
        Assert.Throws<ArgumentOutOfRangeException>("referenceCount", () => KolmogorovSmirnov.PValue(0.5, 0, 5));
        Assert.Throws<ArgumentOutOfRangeException>("currentCount", () => KolmogorovSmirnov.PValue(0.5, 5, -1));
        Assert.Throws<ArgumentOutOfRangeException>("method", () => KolmogorovSmirnov.PValue(0.5, 5, 5, (KsMethod)7));
        Assert.Throws<ArgumentOutOfRangeException>("method", () => KolmogorovSmirnov.PValue(0.5, 1L << 27, 1L << 27, KsMethod.Exact));
        Assert.Throws<ArgumentOutOfRangeException>("method", () => KolmogorovSmirnov.PValue(0.5, 1, 1L << 31, KsMethod.Exact));
    }

    [Fact]
    public void PValue_StatisticOffTheLattice_SnapsToNearestAttainableValue()
    {
        // n = 4, m = 6: lcm 12, so D ∈ {h/12}. 0.4 is nearest to 5/12 (0.41667) and 0.45 to 5/12 too.
        double atLattice = KolmogorovSmirnov.PValue(5.0 / 12, 4, 6, KsMethod.Exact);

        Assert.Equal(atLattice, KolmogorovSmirnov.PValue(0.4, 4, 6, KsMethod.Exact));
        Assert.Equal(atLattice, KolmogorovSmirnov.PValue(0.45, 4, 6, KsMethod.Exact));
        Assert.NotEqual(atLattice, KolmogorovSmirnov.PValue(0.46, 4, 6, KsMethod.Exact)); // → 6/12

        // 5/12 over n·m = 24 is numerator 10; the recursion is exact up to a few ulps at this size.
        Tolerance.Close(BruteForceUpperTail(4, 6, 5 * 2), atLattice, 1e-15, 1e-13, "p at 5/12");
    }

    [Fact]
    public void PValue_AsymptoticLargeCounts_UsesEffectiveSizeAndTheSmirnovTail()
    {
        // N = round(10^9·10^9/(2·10^9)) = 5·10^8 and N·D² = 5 ≥ 2.2, so kstwo.sf = 2·smirnov(N, D).
        const long n = 500_000_000;
        const double d = 1e-4;
        double p = KolmogorovSmirnov.PValue(d, 1_000_000_000, 1_000_000_000);

        Assert.Equal(2 * SmirnovDistribution.Sf(n, d), p);

        // SciPy evaluates smirnov above 10^6 as exp(−(6ND + 1)²/(18N)); at N = 5·10^8, N·D² = 5 that
        // approximation is within 2e-8 relative of the exact sum we compute (docs/detectors-ks.md).
        double scipy = 2 * Math.Exp(-Math.Pow(6 * n * d + 1, 2) / 18 / n);
        Tolerance.Close(scipy, p, 0, 1e-7, "p vs SciPy's large-N form");
    }

    internal static double[] Normals(ref SplitMix64 rng, int count, double shift = 0)
    {
        var values = new double[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = rng.NextNormal() + shift;
        }

        return values;
    }

    /// <summary>D⁺ and D⁻ from Array.Sort and a binary-search ECDF at every pooled value.</summary>
    internal static (double Plus, double Minus) NaiveStatistic(double[] x, double[] y)
    {
        double[] a = (double[])x.Clone();
        double[] b = (double[])y.Clone();
        Array.Sort(a);
        Array.Sort(b);
        long plus = 0;
        long minus = 0;
        foreach (double v in a.Concat(b))
        {
            long i = CountAtMost(a, v);
            long j = CountAtMost(b, v);
            long diff = i * b.Length - j * a.Length;
            plus = Math.Max(plus, diff);
            minus = Math.Max(minus, -diff);
        }

        double nm = (double)a.Length * b.Length;
        return (plus / nm, minus / nm);
    }

    /// <summary>1 − #{monotone paths with |i·m − j·n| &lt; h everywhere}/C(n+m, n), with big integers.</summary>
    internal static double BruteForceUpperTail(int n, int m, long h)
    {
        if (h == 0)
        {
            return 1.0;
        }

        var paths = new BigInteger[m + 1];
        for (int i = 0; i <= n; i++)
        {
            for (int j = 0; j <= m; j++)
            {
                BigInteger count = i == 0 && j == 0 ? BigInteger.One : (i > 0 ? paths[j] : 0) + (j > 0 ? paths[j - 1] : 0);
                paths[j] = Math.Abs((long)i * m - (long)j * n) < h ? count : BigInteger.Zero;
            }
        }

        BigInteger total = 1;
        for (int k = 1; k <= n; k++)
        {
            total = total * (m + k) / k;
        }

        return (double)(total - paths[m]) / (double)total;
    }

    private static int CountAtMost(double[] sorted, double v)
    {
        int lo = 0;
        int hi = sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= v)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
