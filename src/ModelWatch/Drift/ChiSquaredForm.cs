namespace ModelWatch.Drift;

/// <summary>Which chi-squared test compares the current categories with the reference.</summary>
public enum ChiSquaredForm
{
    /// <summary>
    /// Pearson's test of homogeneity on the 2 × K table (reference row, current row): both samples
    /// are treated as random. The recommended form; it equals <c>scipy.stats.chi2_contingency(correction=False)</c>.
    /// </summary>
    Homogeneity = 0,

    /// <summary>
    /// Goodness of fit of the current counts against expected = reference count · n_cur / n_ref
    /// (Evidently's form): the reference is treated as the exact truth, which overstates significance
    /// when the reference is small. A category seen in the current sample but never in the
    /// reference makes the statistic +∞ and the p-value 0.
    /// </summary>
    GoodnessOfFit = 1,
}
