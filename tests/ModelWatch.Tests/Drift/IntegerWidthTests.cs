using ModelWatch.Drift;
using ModelWatch.Internal;
using ModelWatch.Tests.TestSupport;

namespace ModelWatch.Tests.Drift;

/// <summary>
/// The count-based detectors work in 64-bit integers when the totals are below 2^31 and in 128-bit
/// ones above: both widths give the same bits (the products are exact in either, and an integer
/// converts to the same double from either), checked here against the 128-bit arithmetic alone.
/// </summary>
public sealed class IntegerWidthTests
{
    [Fact]
    public void PsiSum_In64BitIntegers_IsBitForBitThe128BitSum()
    {
        var rng = new SplitMix64(23);
        for (int trial = 0; trial < 2_000; trial++)
        {
            var (r, c) = RandomCounts(ref rng, bins: 1 + (trial % 30), scale: trial % 3 == 0 ? 1L << 30 : 5_000);
            long nr = r.Sum(), nc = c.Sum();
            if (nr == 0 || nc == 0 || nr >= int.MaxValue || nc >= int.MaxValue)
            {
                continue;
            }

            var shares = new double[r.Length];
            Assert.Equal(Int128Psi(r, nr, c, nc), PopulationStabilityIndex.Sum(r, nr, c, nc, shares));
        }
    }

    [Fact]
    public void KsLatticeStatistic_In64BitIntegers_IsThe128BitStatistic()
    {
        var rng = new SplitMix64(29);
        for (int trial = 0; trial < 2_000; trial++)
        {
            var (r, c) = RandomCounts(ref rng, bins: 1 + (trial % 120), scale: trial % 3 == 0 ? 1L << 26 : 5_000);
            long n = r.Sum(), m = c.Sum();
            if (n == 0 || m == 0 || n >= int.MaxValue || m >= int.MaxValue)
            {
                continue;
            }

            Int128 diff = 0, max = 0, min = 0;
            for (int b = 0; b < r.Length; b++)
            {
                diff += ((Int128)r[b] * m) - ((Int128)c[b] * n);
                max = diff > max ? diff : max;
                min = diff < min ? diff : min;
            }

            var statistic = KsLatticeStatistic.FromBinnedCounts(r, c, n, m);
            Assert.Equal(max, statistic.PlusNumerator);
            Assert.Equal(-min, statistic.MinusNumerator);
        }
    }

    private static (long[] Reference, long[] Current) RandomCounts(ref SplitMix64 rng, int bins, long scale)
    {
        var r = new long[bins];
        var c = new long[bins];
        for (int b = 0; b < bins; b++)
        {
            r[b] = (long)(rng.NextUniform() * scale / bins) * (rng.NextUniform() < 0.1 ? 0 : 1);
            c[b] = (long)(rng.NextUniform() * scale / bins) * (rng.NextUniform() < 0.1 ? 0 : 1);
        }

        return (r, c);
    }

    /// <summary>PSI's sum with every product in 128-bit integers (the arithmetic for totals of any size).</summary>
    private static double Int128Psi(long[] r, long nr, long[] c, long nc)
    {
        var sum = default(CompensatedSum);
        for (int i = 0; i < r.Length; i++)
        {
            long ri = r[i], ci = c[i];
            double cs = ci == 0 ? PopulationStabilityIndex.ZeroShareReplacement : (double)ci / nc;
            if (ri > 0 && ci > 0)
            {
                Int128 d = ((Int128)ci * nr) - ((Int128)ri * nc);
                if (d == 0)
                {
                    continue;
                }

                double dd = (double)d;
                sum.Add(dd / (double)((Int128)nc * nr) * PopulationStabilityIndex.LogOnePlus(dd / (double)((Int128)ri * nc)));
            }
            else
            {
                double rs = ri == 0 ? PopulationStabilityIndex.ZeroShareReplacement : (double)ri / nr;
                sum.Add((cs - rs) * Math.Log(cs / rs));
            }
        }

        return sum.Value;
    }
}
