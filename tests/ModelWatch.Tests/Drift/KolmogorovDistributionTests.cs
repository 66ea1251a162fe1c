using System.Numerics;
using ModelWatch.Drift;
using ModelWatch.Tests.TestSupport;

namespace ModelWatch.Tests.Drift;

/// <summary>
/// The one-sample distributions behind the asymptotic p-value, checked against each other and against
/// exact arithmetic where the oracle file does not reach (its cases never enter the large-n Durbin
/// region, nor N above 5·10^4).
/// </summary>
public sealed class KolmogorovDistributionTests
{
    [Theory]
    [InlineData(5, 3, 10)]
    [InlineData(12, 1, 4)]
    [InlineData(20, 3, 10)]
    [InlineData(40, 7, 10)]
    [InlineData(60, 1, 20)]
    public void SmirnovSf_SmallN_MatchesExactRationalSum(int n, int p, int q)
    {
        double x = (double)p / q;
        double expected = ExactSmirnovSf(n, p, q);

        // Loader-form log terms, exponentiated and summed: a few ulps per term, 1e-13 overall.
        Tolerance.Close(expected, SmirnovDistribution.Sf(n, x), 0, 1e-13, $"smirnov({n}, {p}/{q})");
    }

    [Theory]
    [InlineData(141)]
    [InlineData(1_100)]
    [InlineData(2_000)]
    [InlineData(2_252)]
    [InlineData(4_096)]
    [InlineData(20_000)]
    [InlineData(90_909)]
    [InlineData(300_000)]
    public void SmirnovWindowedSum_AcrossTheSmirnovRegion_MatchesTermByTermSum(long n)
    {
        foreach (double nx2 in new[] { 2.2, 3, 5, 9, 20, 50, 100, 200 })
        {
            double nd = n;
            double x = Math.Sqrt(nx2 / nd);
            if (x >= 0.5)
            {
                continue; // that region is the same sum, reached through the exact x ≥ ½ branch
            }

            double nx = nd * x;
            double last = Math.Ceiling(nd - nx) - 1;
            double full = 0;
            for (double v = 0; v <= last; v++)
            {
                full += Math.Exp(SmirnovDistribution.LogTerm(nd, x, nx, v));
            }

            double windowed = SmirnovDistribution.WindowedSum(nd, x, nx, last);

            // Term-by-term and windowed/trapezoidal sums differ only by summation order and the
            // trapezoidal rule's spectrally small error: measured ≤ 3e-13, bound 1e-12.
            Tolerance.Close(full, windowed, 0, 1e-12, $"n={n} n·x²={nx2}");
        }
    }

    public static TheoryData<string> SmirnovTailCases => Oracle.CaseIds("smirnov_tail");

    [Theory]
    [MemberData(nameof(SmirnovTailCases))]
    public void SmirnovSf_OneSidedTailRegion_MatchesScipy(string id)
    {
        // SciPy sums the tail in double-double arithmetic up to n = 10^6 (Oracles/generate_smirnov_tail.py):
        // full, windowed and trapezoidal sums alike measure ≤ 4.3e-13 relative against it; bound 1e-12.
        // kstwo.sf is twice the tail there, and the asymptotic two-sample p-value reports it.
        var c = Oracle.Case("smirnov_tail", id);
        long n = c.GetProperty("n").GetInt64();
        double x = c.GetProperty("x").GetDouble();
        Tolerance.Close(c.GetProperty("smirnov").GetDouble(), SmirnovDistribution.Sf(n, x), 0, 1e-12, $"smirnov {id}");
        Tolerance.Close(c.GetProperty("kstwo_sf").GetDouble(), KolmogorovDistribution.Sf(n, x), 0, 1e-12, $"kstwo.sf {id}");
    }

    [Fact]
    public void SmirnovSf_AboveScipysSummationLimit_StaysCloseToScipysApproximation()
    {
        // SciPy replaces the sum above n = 10^6 by exp(−(6nx+1)²/(18n)); its relative error there is
        // ~1e-6·(10^6/n) at n·x² = 2.2 and ~4e-3·(10^6/n) at n·x² = 100 (docs/detectors-ks.md).
        foreach (long n in new long[] { 2_000_000, 50_000_000, 1_000_000_000 })
        {
            foreach (double nx2 in new[] { 2.2, 9, 100 })
            {
                double x = Math.Sqrt(nx2 / n);
                double approx = Math.Exp(-Math.Pow(6 * n * x + 1, 2) / 18 / n);
                double bound = 5e-5 * nx2 * 1e6 / n;
                Tolerance.Close(approx, SmirnovDistribution.Sf(n, x), 0, bound, $"n={n} n·x²={nx2}");
            }
        }
    }

    [Theory]
    [InlineData(10)]
    [InlineData(50)]
    [InlineData(140)]
    public void DurbinMatrix_SmallN_AgreesWithPomeranz(int n)
    {
        // Two independent exact algorithms (matrix power vs recursion) over the n ≤ 140 regions.
        foreach (double nx2 in new[] { 0.2, 0.5, 0.754693, 1.0, 2.2, 4.0 })
        {
            double x = Math.Sqrt(nx2 / n);
            if (n * x <= 1)
            {
                continue;
            }

            // Both are exact up to rounding; measured differences ≤ 1e-14.
            Tolerance.Close(PomeranzRecursion.Cdf(n, x), DurbinMatrix.Cdf(n, x), 1e-13, 0, $"n={n} n·x²={nx2}");
        }
    }

    [Theory]
    [InlineData(200)]
    [InlineData(1_000)]
    public void Sf_LargeNDurbinRegion_AgreesWithPomeranz(int n)
    {
        // n > 140 and n·x^1.5 ≤ 1.4: kstwo.sf = 1 − Durbin CDF. No oracle case lands here, so compare with
        // Pomeranz's recursion, which is still stable at these n and x.
        foreach (double nx15 in new[] { 0.8, 1.0, 1.35 })
        {
            double x = Math.Pow(nx15 / n, 2.0 / 3);
            double expected = 1 - PomeranzRecursion.Cdf(n, x);

            // Exact methods on both sides: measured ≤ 1e-14 absolute.
            Tolerance.Close(expected, KolmogorovDistribution.Sf(n, x), 1e-13, 0, $"n={n} n·x^1.5={nx15}");
        }
    }

    [Fact]
    public void PelzGood_ModerateN_IsWithinItsPublishedAccuracy()
    {
        // Pelz–Good is an asymptotic series; at n = 1000 its error against an exact method is ~4e-8
        // (Simard and L'Ecuyer 2011 report ~1e-7 at worst for n > 140).
        foreach (double nx2 in new[] { 0.2, 0.5, 1.0, 1.5, 2.2 })
        {
            double x = Math.Sqrt(nx2 / 1000);
            Tolerance.Close(DurbinMatrix.Cdf(1000, x), PelzGood.Cdf(1000, x), 1e-7, 0, $"n·x²={nx2}");
        }
    }

    [Fact]
    public void Sf_SampleSizeOne_IsTwiceTheUpperTail()
    {
        // D₁ = max(U, 1 − U): P(D₁ ≥ x) = 1 for x ≤ ½ and 2(1 − x) above.
        Assert.Equal(1.0, KolmogorovDistribution.Sf(1, 0.3));
        Assert.Equal(1.0, KolmogorovDistribution.Sf(1, 0.5));
        Tolerance.Close(0.5, KolmogorovDistribution.Sf(1, 0.75), 0, 1e-15, "x=0.75");
        Assert.Equal(0.0, KolmogorovDistribution.Sf(1, 1.0));
    }

    [Fact]
    public void LogFactorialOverPower_MatchesDirectSumOfLogs()
    {
        foreach (int n in new[] { 141, 500, 5000 })
        {
            double direct = 0;
            for (int i = 1; i <= n; i++)
            {
                direct += Math.Log((double)i / n);
            }

            // The direct sum carries up to ~n·1e-14 of accumulated rounding (measured 2e-11 at n = 5000).
            Tolerance.Close(direct, KolmogorovDistribution.LogFactorialOverPower(n), n * 1e-14, 0, $"n={n}");
        }
    }

    /// <summary>
    /// x·Σ_v C(n,v)(x+v/n)^(v−1)(1−x−v/n)^(n−v) for x = p/q, in exact rationals (v from 0 while
    /// 1 − x − v/n &gt; 0), converted to double at the end.
    /// </summary>
    private static double ExactSmirnovSf(int n, int p, int q)
    {
        // With a = pn + vq and b = qn − pn − vq, x + v/n = a/(qn) and 1 − x − v/n = b/(qn). Over the
        // common denominator q·(qn)^n: the v = 0 term (1 − x)^n is b^n·q, and a v ≥ 1 term
        // (p/q)·C(n,v)·a^(v−1)·b^(n−v)/(qn)^(n−1) is p·C(n,v)·a^(v−1)·b^(n−v)·qn.
        BigInteger qn = (BigInteger)q * n;
        BigInteger numerator = BigInteger.Zero;
        BigInteger binomial = BigInteger.One;
        for (int v = 0; v <= n; v++)
        {
            BigInteger a = (BigInteger)p * n + (BigInteger)v * q;
            BigInteger b = qn - (BigInteger)p * n - (BigInteger)v * q;
            if (b <= 0)
            {
                break;
            }

            numerator += v == 0
                ? BigInteger.Pow(b, n) * q
                : p * binomial * BigInteger.Pow(a, v - 1) * BigInteger.Pow(b, n - v) * qn;
            binomial = binomial * (n - v) / (v + 1);
        }

        return Ratio(numerator, BigInteger.Pow(qn, n) * q);
    }

    private static double Ratio(BigInteger numerator, BigInteger denominator)
    {
        // Scale to 64 significant bits, then one correctly rounded division of two doubles is plenty.
        long shift = (long)denominator.GetBitLength() - (long)numerator.GetBitLength() + 64;
        BigInteger scaled = shift >= 0 ? (numerator << (int)shift) / denominator : numerator / denominator;
        return Math.ScaleB((double)scaled, (int)-Math.Max(shift, 0));
    }
}
