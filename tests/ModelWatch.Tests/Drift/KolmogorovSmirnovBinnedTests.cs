using ModelWatch.Drift;
using ModelWatch.Tests.TestSupport;

namespace ModelWatch.Tests.Drift;

/// <summary>
/// <see cref="KolmogorovSmirnov.FromBinnedCounts"/>: the statistic over bin boundaries and its documented
/// bound D_bins ≤ D_raw ≤ D_bins + max_b max(r_b/n, c_b/m).
/// </summary>
public sealed class KolmogorovSmirnovBinnedTests
{
    [Fact]
    public void FromBinnedCounts_OneBinPerDistinctValue_EqualsTheRawTest()
    {
        var rng = new SplitMix64(11);
        double[] reference = Rounded(ref rng, 300, 0.0);
        double[] current = Rounded(ref rng, 200, 0.3);
        double[] edges = reference.Concat(current).Distinct().Order().ToArray();
        var (r, c) = (Bin(reference, edges), Bin(current, edges));

        var raw = KolmogorovSmirnov.TwoSample(reference, current);
        var binned = KolmogorovSmirnov.FromBinnedCounts(r, c);

        Assert.Equal(raw.StatisticNumerator, binned.StatisticNumerator);
        Assert.Equal(raw.Statistic, binned.Statistic);
        Assert.Equal(raw.DPlus, binned.DPlus);
        Assert.Equal(raw.DMinus, binned.DMinus);
        Assert.Equal(raw.PValue, binned.PValue);
        Assert.Equal(raw.Method, binned.Method);
        Assert.Equal(0, binned.Counts.ReferenceMissing);
    }

    [Fact]
    public void FromBinnedCounts_CoarseBins_StatisticStaysWithinTheDocumentedBound()
    {
        // 300 seeded trials over sizes, shifts, scale changes and bin layouts. The inequality is checked
        // exactly, on integer numerators over n·m: bins·n·m ≤ raw·n·m ≤ bins·n·m + max_b max(r_b·m, c_b·n).
        var rng = new SplitMix64(2024);
        int tight = 0;
        for (int trial = 0; trial < 300; trial++)
        {
            int n = 20 + (int)(rng.Next() % 2000);
            int m = 20 + (int)(rng.Next() % 2000);
            double shift = (rng.NextUniform() - 0.5) * 0.6;
            double scale = 0.7 + rng.NextUniform() * 0.6;
            double[] reference = Normals(ref rng, n, 0, 1);
            double[] current = Normals(ref rng, m, shift, scale);

            // Reference-quantile edges (the ModelWatch window layout) or equal-width edges.
            int binCount = 2 + (int)(rng.Next() % 63);
            double[] edges = trial % 2 == 0 ? QuantileEdges(reference, binCount) : UniformEdges(-3, 3, binCount);
            long[] r = Bin(reference, edges);
            long[] c = Bin(current, edges);

            var raw = KolmogorovSmirnov.TwoSample(reference, current, KsMethod.Exact);
            var binned = KolmogorovSmirnov.FromBinnedCounts(r, c, KsMethod.Exact);
            Int128 slack = 0;
            for (int b = 0; b < r.Length; b++)
            {
                Int128 movement = Int128.Max((Int128)r[b] * m, (Int128)c[b] * n);
                slack = Int128.Max(slack, movement);
            }

            Assert.True(binned.StatisticNumerator <= raw.StatisticNumerator, $"trial {trial}: D_bins > D_raw");
            Assert.True(raw.StatisticNumerator <= binned.StatisticNumerator + slack, $"trial {trial}: bound violated");
            if (raw.StatisticNumerator == binned.StatisticNumerator)
            {
                tight++;
            }

            // D_bins ≤ D_raw and the exact p-value decreases in D: binned p-values are conservative.
            Assert.True(binned.PValue >= raw.PValue, $"trial {trial}: p_bins {binned.PValue} < p_raw {raw.PValue}");
        }

        Assert.InRange(tight, 1, 299); // both equality and strict loss of D occur in these trials
    }

    [Fact]
    public void FromBinnedCounts_EverythingInOneBin_AttainsTheBound()
    {
        // All reference values below all current values, all in one bin: D_raw = 1, D_bins = 0, and the
        // bound 0 + max(n/n, m/m) = 1 holds with equality, so it cannot be tightened in general.
        var raw = KolmogorovSmirnov.TwoSample([1, 2, 3], [4, 5]);
        var binned = KolmogorovSmirnov.FromBinnedCounts([3], [2]);

        Assert.Equal(1.0, raw.Statistic);
        Assert.Equal(0.0, binned.Statistic);
        Assert.Equal(1.0, binned.PValue);
    }

    [Fact]
    public void FromBinnedCounts_LargeCounts_UsesAsymptoticAndRejectsExact()
    {
        long[] r = [400_000_000, 300_000_000, 300_000_000];
        long[] c = [380_000_000, 310_000_000, 310_000_000];
        var result = KolmogorovSmirnov.FromBinnedCounts(r, c);

        Assert.Equal(KsMethod.Asymptotic, result.Method);
        // 2·10^16 / 10^18 through the big-integer rounding path: exactly the double nearest 0.02.
        Assert.Equal(0.02, result.Statistic);
        Assert.Equal(0.0, result.PValue); // N·D² = 2·10^5: the tail underflows
        Assert.Throws<ArgumentOutOfRangeException>("method", () => KolmogorovSmirnov.FromBinnedCounts(r, c, KsMethod.Exact));
    }

    [Fact]
    public void FromBinnedCounts_InvalidCounts_ThrowNamingTheArgument()
    {
        Assert.Throws<ArgumentException>("referenceCounts", () => KolmogorovSmirnov.FromBinnedCounts([], []));
        Assert.Throws<ArgumentException>("currentCounts", () => KolmogorovSmirnov.FromBinnedCounts([1, 2], [1]));
        Assert.Throws<ArgumentException>("referenceCounts", () => KolmogorovSmirnov.FromBinnedCounts([1, -2], [1, 1]));
        Assert.Throws<ArgumentException>("currentCounts", () => KolmogorovSmirnov.FromBinnedCounts([1, 2], [-1, 1]));
        Assert.Throws<ArgumentException>("referenceCounts", () => KolmogorovSmirnov.FromBinnedCounts([0, 0], [1, 1]));
        Assert.Throws<ArgumentException>("currentCounts", () => KolmogorovSmirnov.FromBinnedCounts([1, 1], [0, 0]));
        Assert.Throws<ArgumentException>("referenceCounts", () => KolmogorovSmirnov.FromBinnedCounts([long.MaxValue, 1], [1, 1]));
    }

    /// <summary>Counts per right-closed bin (e[k−1], e[k]] over interior edges, outer bins open.</summary>
    private static long[] Bin(double[] values, double[] edges)
    {
        var counts = new long[edges.Length + 1];
        foreach (double v in values)
        {
            int k = Array.BinarySearch(edges, v);
            counts[k >= 0 ? k : ~k]++; // a value equal to an edge falls in the lower bin
        }

        return counts;
    }

    private static double[] QuantileEdges(double[] reference, int bins)
    {
        double[] sorted = reference.Order().ToArray();
        return Enumerable.Range(1, bins - 1).Select(k => sorted[(int)((long)(sorted.Length - 1) * k / bins)]).Distinct().ToArray();
    }

    private static double[] UniformEdges(double lo, double hi, int bins) =>
        Enumerable.Range(1, bins - 1).Select(k => lo + (hi - lo) * k / bins).ToArray();

    private static double[] Normals(ref SplitMix64 rng, int count, double shift, double scale)
    {
        var values = new double[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = shift + scale * rng.NextNormal();
        }

        return values;
    }

    private static double[] Rounded(ref SplitMix64 rng, int count, double shift)
    {
        double[] values = Normals(ref rng, count, shift, 1);
        for (int i = 0; i < count; i++)
        {
            values[i] = Math.Round(values[i], 1); // many ties within and across samples
        }

        return values;
    }
}
