namespace ModelWatch.Drift;

/// <summary>The outcome of a chi-squared test between reference and current category counts.</summary>
public readonly struct ChiSquaredResult
{
    /// <summary>Gets Pearson's χ² statistic (+∞ in the goodness-of-fit form when a category is new).</summary>
    public double Statistic { get; internal init; }

    /// <summary>Gets the degrees of freedom: used categories − 1; 0 when fewer than 2 categories were observed.</summary>
    public int DegreesOfFreedom => CategoriesUsed < 2 ? 0 : CategoriesUsed - 1;

    /// <summary>Gets the upper tail probability of χ² with <see cref="DegreesOfFreedom"/> degrees of freedom.</summary>
    public double PValue { get; internal init; }

    /// <summary>Gets the number of categories with a nonzero count in at least one sample.</summary>
    public int CategoriesUsed { get; internal init; }

    /// <summary>Gets the form of the test.</summary>
    public ChiSquaredForm Form { get; internal init; }

    /// <summary>Gets the number of observations used and of labels excluded as missing (null), per sample.</summary>
    public SampleCounts Counts { get; internal init; }

    /// <summary>Converts to the shared result shape: drift when <see cref="PValue"/> &lt; <paramref name="alpha"/>.</summary>
    /// <param name="alpha">The significance level, in (0, 1). The default is 0.05.</param>
    /// <returns>The shared result, detector <c>chi_squared</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="alpha"/> is not in (0, 1).</exception>
    public DriftResult ToDriftResult(double alpha = ChiSquaredTest.DefaultSignificanceLevel) =>
        DriftResult.FromPValue(ChiSquaredTest.DetectorName, Statistic, PValue, alpha, Counts);
}
