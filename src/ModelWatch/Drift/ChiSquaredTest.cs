using MathNet.Numerics;
using ModelWatch.Internal;

namespace ModelWatch.Drift;

/// <summary>
/// Chi-squared tests for drift in a categorical feature: Pearson's test of homogeneity (default)
/// or Evidently's goodness of fit against the reference.
/// </summary>
/// <remarks>
/// <para>
/// Categories with a zero count in both samples are dropped first; K is the number left and the
/// degrees of freedom are K − 1. With fewer than 2 categories left no test is possible and the
/// result is statistic 0, 0 degrees of freedom, p = 1 (documented, not an error).
/// </para>
/// <para>
/// A category present on one side only is sound in the homogeneity form: its column total is
/// positive, so every expected count is positive. In the goodness-of-fit form a category absent
/// from the reference has expected count 0, which makes the statistic +∞ and p = 0.
/// </para>
/// <para>
/// The p-value is the regularized upper incomplete gamma function Q(dof/2, χ²/2) evaluated
/// directly (scipy's <c>chi2.sf</c>), not 1 − CDF, so p-values far below 1e-16 keep their
/// relative accuracy (down to about 1e-300, where doubles underflow).
/// </para>
/// </remarks>
public static class ChiSquaredTest
{
    /// <summary>The detector name used in <see cref="DriftResult.Detector"/>.</summary>
    public const string DetectorName = "chi_squared";

    /// <summary>The default significance level: 0.05.</summary>
    public const double DefaultSignificanceLevel = 0.05;

    /// <summary>Tests counts aligned by category (index i of both spans is the same category).</summary>
    /// <param name="referenceCounts">Reference count per category; non-negative, not all zero.</param>
    /// <param name="currentCounts">Current count per category, aligned with <paramref name="referenceCounts"/>.</param>
    /// <param name="form">The form of the test. The default is <see cref="ChiSquaredForm.Homogeneity"/>.</param>
    /// <returns>The statistic, degrees of freedom and p-value.</returns>
    /// <exception cref="ArgumentException">The spans differ in length, hold a negative count, or total zero.</exception>
    public static ChiSquaredResult FromCounts(
        ReadOnlySpan<long> referenceCounts, ReadOnlySpan<long> currentCounts, ChiSquaredForm form = ChiSquaredForm.Homogeneity)
    {
        CheckForm(form);
        return Compute(AlignedCounts.FromSpans(referenceCounts, currentCounts), form);
    }

    /// <summary>Tests two category → count maps over the union of their categories.</summary>
    /// <param name="reference">Reference count per category; non-negative, not all zero.</param>
    /// <param name="current">Current count per category; non-negative, not all zero.</param>
    /// <param name="form">The form of the test. The default is <see cref="ChiSquaredForm.Homogeneity"/>.</param>
    /// <returns>The statistic, degrees of freedom and p-value.</returns>
    /// <exception cref="ArgumentException">A map holds a negative count or totals zero.</exception>
    public static ChiSquaredResult FromCategoryCounts(
        IReadOnlyDictionary<string, long> reference, IReadOnlyDictionary<string, long> current, ChiSquaredForm form = ChiSquaredForm.Homogeneity)
    {
        CheckForm(form);
        return Compute(AlignedCounts.FromMaps(reference, current), form);
    }

    /// <summary>Counts raw labels and tests them over the union of their categories.</summary>
    /// <param name="reference">Reference labels; null labels are missing values, excluded and counted.</param>
    /// <param name="current">Current labels; null labels are missing values, excluded and counted.</param>
    /// <param name="form">The form of the test. The default is <see cref="ChiSquaredForm.Homogeneity"/>.</param>
    /// <returns>The statistic, degrees of freedom and p-value.</returns>
    /// <exception cref="ArgumentException">A sample is empty or holds only null labels.</exception>
    public static ChiSquaredResult FromLabels(
        ReadOnlySpan<string?> reference, ReadOnlySpan<string?> current, ChiSquaredForm form = ChiSquaredForm.Homogeneity)
    {
        CheckForm(form);
        return Compute(AlignedCounts.FromLabels(reference, current), form);
    }

    /// <summary>The upper tail probability P(χ²_dof ≥ statistic): Q(dof/2, statistic/2).</summary>
    internal static double UpperTail(double statistic, int dof)
    {
        if (dof == 0 || statistic <= 0)
        {
            return 1;
        }

        if (double.IsPositiveInfinity(statistic))
        {
            return 0;
        }

        return SpecialFunctions.GammaUpperRegularized(dof / 2.0, statistic / 2.0);
    }

    private static ChiSquaredResult Compute(AlignedCounts counts, ChiSquaredForm form)
    {
        ReadOnlySpan<long> r = counts.Reference, c = counts.Current;
        long a = counts.Counts.Reference, b = counts.Counts.Current;

        // With row totals a (reference) and b (current), the deviation O − E in column j is
        // ±d_j / (a + b) with d_j = r_j·b − c_j·a, an exact integer. Summing (O − E)²/E over both rows
        // gives χ² = Σ d_j² / (a·b·t_j), t_j = r_j + c_j (homogeneity); for goodness of fit,
        // E_j = r_j·b/a gives χ² = Σ d_j² / (a·b·r_j). Every term is >= 0 and formed from exact
        // integers, so the sum is accurate to a few ulps.
        var sum = default(CompensatedSum);
        int used = 0;
        bool infinite = false;
        double ab = (double)((Int128)a * b);
        for (int j = 0; j < r.Length; j++)
        {
            long t = r[j] + c[j];
            if (t == 0)
            {
                continue;
            }

            used++;
            double d = (double)(((Int128)r[j] * b) - ((Int128)c[j] * a));
            if (form == ChiSquaredForm.GoodnessOfFit)
            {
                if (r[j] == 0)
                {
                    infinite = true;
                    continue;
                }

                sum.Add(d * d / (ab * r[j]));
            }
            else
            {
                sum.Add(d * d / (ab * t));
            }
        }

        // With fewer than 2 categories used no test is possible: statistic 0, no degrees of freedom, p = 1.
        var result = new ChiSquaredResult
        {
            Statistic = used < 2 ? 0 : infinite ? double.PositiveInfinity : sum.Value,
            CategoriesUsed = used,
            Form = form,
            Counts = counts.Counts,
        };
        return result with { PValue = UpperTail(result.Statistic, result.DegreesOfFreedom) };
    }

    private static void CheckForm(ChiSquaredForm form)
    {
        if (form is not (ChiSquaredForm.Homogeneity or ChiSquaredForm.GoodnessOfFit))
        {
            throw new ArgumentOutOfRangeException(nameof(form), form, "Unknown chi-squared form.");
        }
    }
}
