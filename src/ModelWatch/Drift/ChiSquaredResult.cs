using ModelWatch.Internal;

namespace ModelWatch.Drift;

/// <summary>The outcome of a chi-squared test between reference and current category counts.</summary>
/// <param name="Statistic">Pearson's χ² statistic (+∞ in the goodness-of-fit form when a category is new).</param>
/// <param name="DegreesOfFreedom">Used categories − 1; 0 when fewer than 2 categories were observed.</param>
/// <param name="PValue">The upper tail probability of χ² with <paramref name="DegreesOfFreedom"/> degrees of freedom.</param>
/// <param name="CategoriesUsed">Categories with a nonzero count in at least one sample.</param>
/// <param name="Form">The form of the test.</param>
/// <param name="ReferenceCount">Reference observations used.</param>
/// <param name="CurrentCount">Current observations used.</param>
/// <param name="ReferenceMissingCount">Reference labels excluded as missing (null).</param>
/// <param name="CurrentMissingCount">Current labels excluded as missing (null).</param>
public readonly record struct ChiSquaredResult(
    double Statistic,
    int DegreesOfFreedom,
    double PValue,
    int CategoriesUsed,
    ChiSquaredForm Form,
    long ReferenceCount,
    long CurrentCount,
    long ReferenceMissingCount,
    long CurrentMissingCount)
{
    /// <summary>Converts to the shared result shape: drift when <see cref="PValue"/> &lt; <paramref name="alpha"/>.</summary>
    /// <param name="alpha">The significance level, in (0, 1). The default is 0.05.</param>
    /// <returns>The shared result, detector <c>chi_squared</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="alpha"/> is not in (0, 1).</exception>
    public DriftResult ToDriftResult(double alpha = ChiSquaredTest.DefaultSignificanceLevel)
    {
        ThresholdGuard.RequireSignificanceLevel(alpha);
        return new DriftResult
        {
            Detector = ChiSquaredTest.DetectorName,
            Statistic = Statistic,
            PValue = PValue,
            Threshold = alpha,
            Basis = DriftDecisionBasis.PValue,
            IsDrift = PValue < alpha,
            ReferenceCount = ReferenceCount,
            CurrentCount = CurrentCount,
        };
    }
}
