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

    /// <summary><see cref="KolmogorovSmirnov.FromBinnedCounts"/> with the p-value a verdict against thresholds in [<paramref name="lowest"/>, <paramref name="highest"/>] needs.</summary>
    public static KsResult FromBinnedCounts(ReadOnlySpan<long> referenceCounts, ReadOnlySpan<long> currentCounts, double lowest, double highest)
    {
        var asymptotic = KolmogorovSmirnov.FromBinnedCounts(referenceCounts, currentCounts, KsMethod.Asymptotic);
        long n = asymptotic.Counts.Reference, m = asymptotic.Counts.Current;
        if (Decides(asymptotic.PValue, n, m, lowest, highest) || Math.Max(n, m) > KolmogorovSmirnov.AutoExactLimit)
        {
            return asymptotic;
        }

        return asymptotic with { PValue = KolmogorovSmirnov.PValue(asymptotic.Statistic, n, m, KsMethod.Exact), Method = KsMethod.Exact };
    }

    /// <summary>Whether an asymptotic p-value decides a verdict against thresholds in [<paramref name="lowest"/>, <paramref name="highest"/>] alone.</summary>
    public static bool Decides(double asymptoticPValue, long n, long m, double lowest, double highest) =>
        Math.Min(n, m) >= MinimumSize && lowest >= LowestThreshold && highest <= HighestThreshold
        && (asymptoticPValue < lowest / Margin || asymptoticPValue > highest * Margin);
}
