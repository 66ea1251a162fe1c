using ModelWatch.Drift;
using Xunit.Abstractions;

namespace ModelWatch.Tests.Drift;

/// <summary>
/// <see cref="KsVerdictScreen"/>: where the asymptotic p-value decides alone, the exact p-value
/// (SciPy's, Oracles/ks_two_sample.json, and <see cref="KsMethod.Exact"/>, proven equal to it)
/// gives the same verdict at every threshold the verdict may use.
/// </summary>
public sealed class KsVerdictScreenTests(ITestOutputHelper output)
{
    // Significance levels, each alone and spread over 20 tests by a correction.
    private static readonly double[] Levels = [1e-4, 1e-3, 0.01, 0.05, 0.1, 0.2, 0.25];
    private static readonly int[] Tests = [1, 20];

    [Fact]
    public void AsymptoticDecides_OnlyWhereTheExactPValueIsOnTheSameSide_OverSizesAndStatistics()
    {
        long[] sizes = [100, 101, 128, 150, 200, 317, 500, 1_000, 2_000, 4_096, 5_000, 7_919, 10_000];
        int decided = 0, checkedPoints = 0;
        double lowest = double.MaxValue, highest = 0;
        foreach (long n in sizes)
        {
            foreach (long m in sizes.Where(m => m >= n))
            {
                double scale = Math.Sqrt(KolmogorovSmirnov.EffectiveSize(n, m));
                for (double lambda = 0.5; lambda <= 2.9; lambda += 0.03)
                {
                    // D on the lattice of attainable values, as the runtime's D from counts is.
                    long gcd = (long)System.Numerics.BigInteger.GreatestCommonDivisor(n, m);
                    double lcm = (double)n / gcd * m;
                    double d = Math.Round(lambda / scale * lcm) / lcm;
                    if (d <= 0 || d >= 1)
                    {
                        continue;
                    }

                    double exact = KolmogorovSmirnov.PValue(d, n, m, KsMethod.Exact);
                    double asymptotic = KolmogorovSmirnov.PValue(d, n, m, KsMethod.Asymptotic);
                    if (exact is > 1e-7 and < 0.5)
                    {
                        lowest = Math.Min(lowest, asymptotic / exact);
                        highest = Math.Max(highest, asymptotic / exact);
                    }

                    foreach (double alpha in Levels)
                    {
                        foreach (int tests in Tests)
                        {
                            checkedPoints++;
                            if (!KsVerdictScreen.Decides(asymptotic, n, m, alpha / tests, alpha))
                            {
                                continue;
                            }

                            decided++;
                            foreach (double threshold in new[] { alpha / tests, alpha })
                            {
                                Assert.True(
                                    asymptotic < threshold == exact < threshold,
                                    $"n = {n}, m = {m}, D = {d}: asymptotic p {asymptotic} decides against {threshold}, exact p {exact} does not agree");
                            }
                        }
                    }
                }
            }
        }

        output.WriteLine($"{checkedPoints} (size, D, level) points, {decided} decided by the asymptotic p-value; asymptotic / exact p in [{lowest:F3}, {highest:F3}] where the exact p is in (1e-7, 0.5)");
        Assert.True(decided > checkedPoints / 2, "the screen should spare most exact computations");
        Assert.InRange(lowest, 1 / KsVerdictScreen.Margin, KsVerdictScreen.Margin);
        Assert.InRange(highest, 1 / KsVerdictScreen.Margin, KsVerdictScreen.Margin);
    }

    [Fact]
    public void ScipyOracle_EveryCaseWithEnoughValues_SameVerdictAsScipysExactPValue()
    {
        int compared = 0;
        foreach (var c in KsOracleCase.All())
        {
            if (Math.Min(c.N1, c.N2) < KsVerdictScreen.MinimumSize || c.PExactScipy is not { } exact)
            {
                continue;
            }

            double asymptotic = KolmogorovSmirnov.PValue(c.Statistic, c.N1, c.N2, KsMethod.Asymptotic);
            foreach (double alpha in Levels)
            {
                foreach (int tests in Tests)
                {
                    if (KsVerdictScreen.Decides(asymptotic, c.N1, c.N2, alpha / tests, alpha))
                    {
                        compared++;
                        Assert.Equal(exact < alpha, asymptotic < alpha);
                        Assert.Equal(exact < alpha / tests, asymptotic < alpha / tests);
                    }
                }
            }
        }

        output.WriteLine($"{compared} oracle verdicts decided by the asymptotic p-value, all equal to SciPy's exact ones");
        Assert.True(compared > 100);
    }

    [Fact]
    public void FromBinnedCounts_NearTheLevel_IsTheExactPValue_FarFromIt_TheAsymptoticOne()
    {
        long[] reference = [50, 50, 50, 50, 50, 50, 50, 50, 50, 50];
        long[] near = [42, 50, 50, 50, 50, 50, 50, 50, 50, 58];     // p near 0.05? checked below either way
        long[] far = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100];

        foreach (long[] current in new[] { near, far, reference })
        {
            var screened = KsVerdictScreen.FromBinnedCounts(reference, current, 0.05, 0.05);
            var auto = KolmogorovSmirnov.FromBinnedCounts(reference, current, KsMethod.Auto);
            var asymptotic = KolmogorovSmirnov.FromBinnedCounts(reference, current, KsMethod.Asymptotic);
            Assert.Equal(auto.Statistic, screened.Statistic);
            Assert.Equal(auto.StatisticErrorBound, screened.StatisticErrorBound);
            bool decided = KsVerdictScreen.Decides(asymptotic.PValue, 500, current.Sum(), 0.05, 0.05);
            Assert.Equal(decided ? asymptotic.PValue : auto.PValue, screened.PValue);
            Assert.Equal(auto.PValue < 0.05, screened.PValue < 0.05);
        }
    }

    [Theory]
    [InlineData(1e-7, 0.05)]
    [InlineData(0.01, 0.3)]
    public void ThresholdsOutsideTheMeasuredRange_AlwaysGetTheExactPValue(double lowest, double highest)
    {
        Assert.False(KsVerdictScreen.Decides(1e-12, 1_000, 1_000, lowest, highest));
        Assert.False(KsVerdictScreen.Decides(0.9, 1_000, 1_000, lowest, highest));
    }

    [Fact]
    public void SmallSamples_AlwaysGetTheExactPValue()
    {
        long[] reference = [10, 10, 10, 10, 10, 10, 10, 10, 10, 9];   // 99 values
        long[] current = [30, 20, 10, 10, 10, 5, 5, 5, 3, 2];
        var screened = KsVerdictScreen.FromBinnedCounts(reference, current, 0.05, 0.05);
        Assert.Equal(KolmogorovSmirnov.FromBinnedCounts(reference, current, KsMethod.Exact).PValue, screened.PValue);
        Assert.Equal(KsMethod.Exact, screened.Method);
    }
}
