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

    [Fact]
    public void TailApproximation_IsWithinItsFactorOfTheAsymptoticPValue_WhereverTheShortcutMayApply()
    {
        // Effective sizes of samples of 100 to 10,000 values a side; N·x² from the one-sided branch
        // to where the approximation falls below the lowest threshold the screen serves.
        double lowest = double.MaxValue, highest = 0;
        int points = 0;
        for (long size = 50; size <= 5_000; size = Math.Max(size + 1, (long)(size * 1.07)))
        {
            for (double t = 2.2; t <= 8.0; t += 0.05)
            {
                double x = Math.Sqrt(t / size);
                if (x >= 0.5)
                {
                    continue;
                }

                double ratio = KolmogorovDistribution.Sf(size, x) / KsVerdictScreen.TailApproximation(size, x);
                lowest = Math.Min(lowest, ratio);
                highest = Math.Max(highest, ratio);
                points++;
            }
        }

        output.WriteLine($"{points} (N, x) points: asymptotic p / approximation in [{lowest:F4}, {highest:F4}]");
        Assert.InRange(lowest, 1 / KsVerdictScreen.TailApproximationFactor, KsVerdictScreen.TailApproximationFactor);
        Assert.InRange(highest, 1 / KsVerdictScreen.TailApproximationFactor, KsVerdictScreen.TailApproximationFactor);
    }

    [Fact]
    public void SurelyUndecided_NeverClaimsAStatisticTheAsymptoticPValueWouldDecide_OverSizesAndStatistics()
    {
        long[] sizes = [100, 101, 150, 317, 1_000, 4_096, 5_000, 7_919, 10_000];
        int claimed = 0;
        foreach (long n in sizes)
        {
            foreach (long m in sizes.Where(m => m >= n))
            {
                double scale = Math.Sqrt(KolmogorovSmirnov.EffectiveSize(n, m));
                for (double lambda = 0.5; lambda <= 2.9; lambda += 0.01)
                {
                    double d = lambda / scale;
                    double asymptotic = KolmogorovSmirnov.PValue(d, n, m, KsMethod.Asymptotic);
                    foreach (double alpha in Levels)
                    {
                        foreach (int tests in Tests)
                        {
                            if (KsVerdictScreen.SurelyUndecided(d, n, m, alpha / tests, alpha))
                            {
                                claimed++;
                                Assert.False(
                                    KsVerdictScreen.Decides(asymptotic, n, m, alpha / tests, alpha),
                                    $"n = {n}, m = {m}, D = {d}: the shortcut skips an asymptotic p {asymptotic} that decides at [{alpha / tests}, {alpha}]");
                            }
                        }
                    }
                }
            }
        }

        output.WriteLine($"{claimed} (size, D, level) points go straight to the exact p-value");
        Assert.True(claimed > 100);
    }

    [Fact]
    public void FromBinnedCounts_WithTheShortcut_GivesWhatTheAsymptoticThenExactPathGave()
    {
        // A 5,000-value window against a 4,096-value reference over 100 bins, shifted bin by bin so
        // D walks across the one-sided branch, near and far from the thresholds.
        var rng = new ModelWatch.Tests.TestSupport.SplitMix64(17);
        var reference = new long[100];
        for (int i = 0; i < 4_096; i++)
        {
            reference[Math.Clamp((int)((rng.NextNormal() * 20) + 50), 0, 99)]++;
        }

        int shortcuts = 0;
        for (int shift = 0; shift <= 40; shift++)
        {
            var current = new long[100];
            for (int i = 0; i < 5_000; i++)
            {
                current[Math.Clamp((int)((rng.NextNormal() * 20) + 50 + (shift * 0.1)), 0, 99)]++;
            }

            foreach (int tests in Tests)
            {
                double lowest = 0.05 / tests;
                var statistic = KolmogorovSmirnov.BinnedStatistic(reference, current);
                var asymptotic = KolmogorovSmirnov.FromBinnedCounts(reference, current, KsMethod.Asymptotic);
                var exact = KolmogorovSmirnov.FromBinnedCounts(reference, current, KsMethod.Exact);
                var before = KsVerdictScreen.Decides(asymptotic.PValue, 4_096, 5_000, lowest, 0.05)
                    ? asymptotic
                    : asymptotic with { PValue = KolmogorovSmirnov.PValue(asymptotic.Statistic, 4_096, 5_000, KsMethod.Exact), Method = KsMethod.Exact };
                var screened = KsVerdictScreen.FromBinnedCounts(reference, current, lowest, 0.05);
                shortcuts += KsVerdictScreen.SurelyUndecided(statistic.Statistic, 4_096, 5_000, lowest, 0.05) ? 1 : 0;
                Assert.Equal(before.PValue, screened.PValue);
                Assert.Equal(before.Method, screened.Method);
                Assert.Equal(before.Statistic, screened.Statistic);
                Assert.Equal(before.StatisticErrorBound, screened.StatisticErrorBound);
                Assert.Equal(exact.PValue < lowest, screened.PValue < lowest);
            }
        }

        output.WriteLine($"{shortcuts} of {41 * Tests.Length} screened without the asymptotic p-value");
        Assert.True(shortcuts > 0);
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
