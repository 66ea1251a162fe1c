using ModelWatch.Internal;

namespace ModelWatch.Drift;

/// <summary>
/// The one result shape every drift detector produces, so reports, metrics and alerts treat all
/// detectors alike.
/// </summary>
/// <remarks>
/// <para>
/// How the verdict was reached is in <see cref="Basis"/>: for <see cref="DriftDecisionBasis.PValue"/>
/// drift means <see cref="PValue"/> &lt; <see cref="Threshold"/> (the significance level); for
/// <see cref="DriftDecisionBasis.Statistic"/> drift means <see cref="Statistic"/> ≥ <see cref="Threshold"/>
/// (an effect size such as PSI, a Jensen–Shannon distance or a normalized Wasserstein distance).
/// </para>
/// <para>A p-value is reported whenever the detector defines one, even when the verdict uses the statistic.</para>
/// </remarks>
[System.Text.Json.Serialization.JsonConverter(typeof(DriftJsonConverter))]
public readonly struct DriftResult
{
    /// <summary>Gets the detector's name, e.g. <c>ks</c>, <c>psi</c>, <c>chi_squared</c>, <c>jensen_shannon</c>, <c>wasserstein</c>.</summary>
    public string Detector { get; internal init; }

    /// <summary>Gets the detector's statistic (D, PSI, χ², JS distance, W1…).</summary>
    public double Statistic { get; internal init; }

    /// <summary>Gets the p-value, or <see langword="null"/> when the detector defines none.</summary>
    public double? PValue { get; internal init; }

    /// <summary>Gets the threshold the verdict compares against; see <see cref="Basis"/>.</summary>
    public double Threshold { get; internal init; }

    /// <summary>Gets what the verdict compared with <see cref="Threshold"/>.</summary>
    public DriftDecisionBasis Basis { get; internal init; }

    /// <summary>Gets a value indicating whether the detector judged the current data to have drifted.</summary>
    public bool IsDrift { get; internal init; }

    /// <summary>Gets whether <see cref="Statistic"/> and <see cref="PValue"/> are exact or bounded approximations.</summary>
    public Exactness Exactness { get; internal init; }

    /// <summary>
    /// Gets, for a <see cref="Exactness.Bounded"/> result, the most the <see cref="Statistic"/> can differ
    /// from the one computed from the raw samples; <see langword="null"/> when exact or when no bound is known.
    /// </summary>
    public double? StatisticBound { get; internal init; }

    /// <summary>Gets the number of reference observations used (after exclusions).</summary>
    public long ReferenceCount { get; internal init; }

    /// <summary>Gets the number of current observations used (after exclusions).</summary>
    public long CurrentCount { get; internal init; }

    /// <summary>A test's verdict: drift when <paramref name="pValue"/> &lt; <paramref name="alpha"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="alpha"/> is not in (0, 1).</exception>
    internal static DriftResult FromPValue(string detector, double statistic, double pValue, double alpha, SampleCounts counts)
    {
        ThresholdGuard.RequireSignificanceLevel(alpha);
        return Verdict(detector, statistic, pValue, alpha, DriftDecisionBasis.PValue, pValue < alpha, counts);
    }

    /// <summary>An effect size's verdict: drift when <paramref name="statistic"/> ≥ <paramref name="threshold"/>; no p-value.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threshold"/> is negative or not finite.</exception>
    internal static DriftResult FromStatistic(string detector, double statistic, double threshold, SampleCounts counts)
    {
        ThresholdGuard.RequireStatisticThreshold(threshold);
        return Verdict(detector, statistic, null, threshold, DriftDecisionBasis.Statistic, statistic >= threshold, counts);
    }

    /// <summary>
    /// This result marked as an approximation whose statistic is within <paramref name="bound"/> of the
    /// raw samples' (the verdict and p-value stay those of the approximate statistic).
    /// </summary>
    internal DriftResult Bounded(double bound) => this with { Exactness = Exactness.Bounded, StatisticBound = bound };

    /// <summary>A verdict on a statistic computed from the data it is defined on: <see cref="Exactness.Exact"/>.</summary>
    private static DriftResult Verdict(
        string detector, double statistic, double? pValue, double threshold, DriftDecisionBasis basis, bool isDrift, SampleCounts counts) => new()
    {
        Detector = detector,
        Statistic = statistic,
        PValue = pValue,
        Threshold = threshold,
        Basis = basis,
        IsDrift = isDrift,
        Exactness = Exactness.Exact,
        ReferenceCount = counts.Reference,
        CurrentCount = counts.Current,
    };
}
