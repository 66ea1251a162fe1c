namespace ModelWatch.Drift;

/// <summary>The Wasserstein-1 (earth mover's) distance between a reference and a current sample.</summary>
public readonly struct WassersteinResult
{
    /// <summary>Gets W1 = ∫ |U(x) − V(x)| dx over the two empirical CDFs, in the feature's unit.</summary>
    public double Distance { get; internal init; }

    /// <summary>Gets W1 / max(<see cref="ReferenceStandardDeviation"/>, 0.001): unit-free (Evidently's drift statistic).</summary>
    public double Normalized => Distance / Math.Max(ReferenceStandardDeviation, WassersteinDistance.MinimumScale);

    /// <summary>Gets the population (ddof = 0) standard deviation of the reference, weighted when weights were given.</summary>
    public double ReferenceStandardDeviation { get; internal init; }

    /// <summary>Gets the number of observations used and of NaN values excluded, per sample.</summary>
    public SampleCounts Counts { get; internal init; }

    /// <summary>Converts to the shared result shape: drift when <see cref="Normalized"/> ≥ <paramref name="threshold"/>.</summary>
    /// <param name="threshold">The threshold on the normalized distance; finite and non-negative. The default is <see cref="WassersteinDistance.DefaultThreshold"/> (0.1).</param>
    /// <returns>The shared result, detector <c>wasserstein</c>, statistic = <see cref="Normalized"/>, no p-value.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threshold"/> is negative or not finite.</exception>
    public DriftResult ToDriftResult(double threshold = WassersteinDistance.DefaultThreshold) =>
        DriftResult.FromStatistic(WassersteinDistance.DetectorName, Normalized, threshold, Counts);
}
