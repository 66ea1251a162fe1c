namespace ModelWatch.Drift;

/// <summary>
/// The two-sample KS test when only its verdict needs the exact p-value (a monitored window): the
/// asymptotic p-value where it is clearly outside the range of thresholds the verdict may compare it
/// with — [α, α] alone, [α/k, α] under a Bonferroni or Benjamini–Hochberg correction over k tests —
/// SciPy's <c>auto</c> p-value (exact up to 10,000 values a side) near or inside it.
/// </summary>
/// <remarks>
/// <para>
/// The exact p-value costs up to about 150 µs at 5,000 values a side, the asymptotic one (the
/// one-sample distribution at the effective size, <see cref="KsMethod.Asymptotic"/>) about a
/// microsecond; a pass over thousands of models × features spends nearly all its time on the
/// former, though almost every p-value is far from α.
/// </para>
/// <para>
/// The rule: with both samples of at least <see cref="MinimumSize"/> values and thresholds within
/// [<see cref="LowestThreshold"/>, <see cref="HighestThreshold"/>], an asymptotic p-value
/// below lowest/<see cref="Margin"/> or above highest·<see cref="Margin"/> is the result; otherwise
/// the exact one is computed. Under a correction this keeps every verdict: a screened p-value is
/// below α/k or above α in both views, so the number of p-values below any threshold the step-up
/// procedure compares with (all in [α/k, α]) is the same. It gives the exact verdict because the ratio of the asymptotic to the exact
/// p-value stays within [0.63, 1.37] at these sizes wherever the exact p-value lies in (10⁻⁷, 0.5),
/// well inside [1/<see cref="Margin"/>, <see cref="Margin"/>] (KsVerdictScreenTests measure it over a
/// grid of sizes and statistics, and check every verdict against the exact p-value and against
/// SciPy's in Oracles/ks_two_sample.json). The
/// screened p-value is the asymptotic value; reports label it (and D from bins) as bounded.
/// </para>
/// </remarks>
internal static class KsVerdictScreen
{
    /// <summary>The fewest values either sample needs before the asymptotic p-value may decide.</summary>
    public const long MinimumSize = 100;

    /// <summary>How far (as a factor) the asymptotic p-value must be from the thresholds to decide alone.</summary>
    public const double Margin = 2.0;

    /// <summary>The lowest threshold the screen serves: below it the ratio was not measured, so the p-value is exact.</summary>
    public const double LowestThreshold = 1e-6;

    /// <summary>The highest threshold the screen serves, for the same reason.</summary>
    public const double HighestThreshold = 0.25;

    /// <summary>
    /// Where <see cref="KolmogorovDistribution.Sf"/> takes its costly branch, 2·P(D⁺ₙ ≥ x) by the
    /// Birnbaum–Tingey sum (tens of microseconds), the asymptotic p-value is within this factor of
    /// <see cref="TailApproximation"/> (KsVerdictScreenTests measure the ratio over the whole region).
    /// </summary>
    public const double TailApproximationFactor = 2.0;

    /// <summary>
    /// n·x² from which <see cref="KolmogorovDistribution.Sf"/> sums the one-sided tail at N &gt; 140 (at smaller N
    /// from 4, after Pomeranz's recursion); the shortcut's factor is measured from here at every N it serves.
    /// </summary>
    private const double OneSidedTailFrom = 2.2;

    /// <summary><see cref="KolmogorovSmirnov.FromBinnedCounts"/> with the p-value a verdict against thresholds in [<paramref name="lowest"/>, <paramref name="highest"/>] needs.</summary>
    /// <remarks>
    /// Where the exact p-value is going to be computed anyway (<see cref="SurelyUndecided"/>), the
    /// asymptotic one is not computed first: the result is the same, for less.
    /// </remarks>
    public static KsResult FromBinnedCounts(ReadOnlySpan<long> referenceCounts, ReadOnlySpan<long> currentCounts, double lowest, double highest)
    {
        var statistic = KolmogorovSmirnov.BinnedStatistic(referenceCounts, currentCounts);
        long n = statistic.ReferenceCount, m = statistic.CurrentCount;
        bool exactFeasible = Math.Max(n, m) <= KolmogorovSmirnov.AutoExactLimit;
        if (exactFeasible && SurelyUndecided(statistic.Statistic, n, m, lowest, highest))
        {
            return KolmogorovSmirnov.FromBinnedStatistic(statistic, referenceCounts, currentCounts, KsMethod.Exact);
        }

        var asymptotic = KolmogorovSmirnov.FromBinnedStatistic(statistic, referenceCounts, currentCounts, KsMethod.Asymptotic);
        if (!exactFeasible || Decides(asymptotic.PValue, n, m, lowest, highest))
        {
            return asymptotic;
        }

        return KolmogorovSmirnov.FromBinnedStatistic(statistic, referenceCounts, currentCounts, KsMethod.Exact);
    }

    /// <summary>
    /// Whether <see cref="Decides"/> is sure to be false for the statistic <paramref name="d"/>, without
    /// the asymptotic p-value: the sizes or thresholds are outside the screen's range, or D lies where
    /// the asymptotic p-value is 2·P(D⁺ ≥ x) at the effective size N (N·x² ≥ 2.2, x &lt; ½) and
    /// <see cref="TailApproximation"/> places it, with <see cref="TailApproximationFactor"/> to spare, inside
    /// [lowest/<see cref="Margin"/>, highest·<see cref="Margin"/>].
    /// </summary>
    public static bool SurelyUndecided(double d, long n, long m, double lowest, double highest)
    {
        if (!(Math.Min(n, m) >= MinimumSize && lowest >= LowestThreshold && highest <= HighestThreshold))
        {
            return true;
        }

        double size = KolmogorovSmirnov.EffectiveSize(n, m);
        double t = size * d * d;
        if (t < OneSidedTailFrom || d >= 0.5)
        {
            return false; // Pelz–Good, Durbin or Pomeranz: cheaper to compute than to bound
        }

        double approximation = TailApproximation(size, d);
        return approximation / TailApproximationFactor >= lowest / Margin && approximation * TailApproximationFactor <= highest * Margin;
    }

    /// <summary>
    /// 2·exp(−(6N·x + 1)²/(18N)): twice Smirnov's one-sided tail with its first finite-size corrections
    /// (the approximation SciPy's <c>smirnov</c> switches to above N = 10⁶, see <see cref="SmirnovDistribution"/>),
    /// a few multiplications where the sum takes hundreds of terms.
    /// </summary>
    public static double TailApproximation(double size, double x)
    {
        double u = (6 * size * x) + 1;
        return 2 * Math.Exp(-(u * u) / (18 * size));
    }

    /// <summary>Whether an asymptotic p-value decides a verdict against thresholds in [<paramref name="lowest"/>, <paramref name="highest"/>] alone.</summary>
    public static bool Decides(double asymptoticPValue, long n, long m, double lowest, double highest) =>
        Math.Min(n, m) >= MinimumSize && lowest >= LowestThreshold && highest <= HighestThreshold
        && (asymptoticPValue < lowest / Margin || asymptoticPValue > highest * Margin);
}
