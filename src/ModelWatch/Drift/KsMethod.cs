namespace ModelWatch.Drift;

/// <summary>How <see cref="KolmogorovSmirnov"/> computes the two-sided p-value.</summary>
public enum KsMethod
{
    /// <summary>
    /// <see cref="Exact"/> when max(n, m) ≤ 10,000, otherwise <see cref="Asymptotic"/> (SciPy's rule for
    /// <c>ks_2samp(method='auto')</c>). Unlike SciPy, the exact computation never fails numerically, so
    /// Auto never falls back to the asymptotic form below that size.
    /// </summary>
    Auto = 0,

    /// <summary>
    /// The exact permutation distribution of D under H0 for continuous data: P(D ≥ d) over all
    /// C(n+m, n) equally likely interleavings of the two samples.
    /// </summary>
    Exact = 1,

    /// <summary>
    /// SciPy's asymptotic form <c>kstwo.sf(D, round(n·m/(n+m)))</c>: the exact distribution of the
    /// <em>one-sample</em> two-sided statistic at the effective size N = round-half-even(n·m/(n+m)), not
    /// the Kolmogorov limit.
    /// </summary>
    Asymptotic = 2,
}
