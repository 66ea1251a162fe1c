namespace ModelWatch.Drift;

/// <summary>The outcome of a two-sided two-sample Kolmogorov–Smirnov test.</summary>
/// <remarks>
/// D = sup |F_ref(x) − F_cur(x)| over the right-continuous empirical CDFs, evaluated at every pooled
/// value after all values tied there (SciPy's convention). See <see cref="KolmogorovSmirnov"/> for the
/// conventions and the p-value methods.
/// </remarks>
public readonly struct KsResult
{
    /// <summary>Gets D = max(<see cref="DPlus"/>, <see cref="DMinus"/>), the largest absolute difference of the two empirical CDFs, in [0, 1].</summary>
    /// <value>The exact lattice value D = h/lcm(n, m), correctly rounded to a double (rounding keeps the order of D⁺ and D⁻).</value>
    public double Statistic => Math.Max(DPlus, DMinus);

    /// <summary>Gets the two-sided p-value P(D ≥ observed) under H0, in [0, 1].</summary>
    public double PValue { get; internal init; }

    /// <summary>Gets the method actually used for <see cref="PValue"/>: never <see cref="KsMethod.Auto"/>.</summary>
    public KsMethod Method { get; internal init; }

    /// <summary>Gets the numbers of values used, n and m, and of NaN values excluded, per sample.</summary>
    public SampleCounts Counts { get; internal init; }

    /// <summary>Gets D⁺ = max(F_ref − F_cur) ≥ 0 (the reference CDF above the current one).</summary>
    public double DPlus { get; internal init; }

    /// <summary>Gets D⁻ = max(F_cur − F_ref) ≥ 0 (the current CDF above the reference one).</summary>
    public double DMinus { get; internal init; }

    /// <summary>
    /// Gets how far <see cref="Statistic"/> may be from the D of the raw samples: 0 for raw samples;
    /// for binned counts D_raw lies in [D, D + bound]; for quantile sketches |D − D_raw| ≤ bound =
    /// ε_ref + ε_cur, the sketches' rank-error bounds.
    /// </summary>
    public double StatisticErrorBound { get; internal init; }

    /// <summary>Gets D's exact numerator over n·m (D = numerator / (n·m)).</summary>
    internal Int128 StatisticNumerator { get; init; }

    /// <summary>
    /// Converts to the detector-independent <see cref="DriftResult"/>: detector <c>ks</c>, verdict
    /// "drift" when <see cref="PValue"/> &lt; <paramref name="alpha"/>.
    /// </summary>
    /// <param name="alpha">The significance level, in (0, 1). The default is 0.05.</param>
    /// <returns>
    /// The shared result shape with <see cref="DriftDecisionBasis.PValue"/> as its basis:
    /// <see cref="Exactness.Exact"/> when <see cref="StatisticErrorBound"/> is 0 (raw samples, or sketches
    /// that still hold every value), otherwise <see cref="Exactness.Bounded"/> with that bound.
    /// </returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="alpha"/> is not in (0, 1).</exception>
    public DriftResult ToDriftResult(double alpha = 0.05)
    {
        var result = DriftResult.FromPValue("ks", Statistic, PValue, alpha, Counts);
        return StatisticErrorBound > 0 ? result.Bounded(StatisticErrorBound) : result;
    }
}
