using ModelWatch.Internal;

namespace ModelWatch.Drift;

/// <summary>The Wasserstein-1 (earth mover's) distance between a reference and a current sample.</summary>
/// <param name="Distance">W1 = ∫ |U(x) − V(x)| dx over the two empirical CDFs, in the feature's unit.</param>
/// <param name="Normalized">W1 / max(<paramref name="ReferenceStandardDeviation"/>, 0.001): unit-free (Evidently's drift statistic).</param>
/// <param name="ReferenceStandardDeviation">The population (ddof = 0) standard deviation of the reference, weighted when weights were given.</param>
/// <param name="ReferenceCount">Reference observations used.</param>
/// <param name="CurrentCount">Current observations used.</param>
/// <param name="ReferenceMissingCount">Reference values excluded as NaN.</param>
/// <param name="CurrentMissingCount">Current values excluded as NaN.</param>
public readonly record struct WassersteinResult(
    double Distance,
    double Normalized,
    double ReferenceStandardDeviation,
    long ReferenceCount,
    long CurrentCount,
    long ReferenceMissingCount,
    long CurrentMissingCount)
{
    /// <summary>Converts to the shared result shape: drift when <see cref="Normalized"/> ≥ <paramref name="threshold"/>.</summary>
    /// <param name="threshold">The threshold on the normalized distance; finite and non-negative. The default is <see cref="WassersteinDistance.DefaultThreshold"/> (0.1).</param>
    /// <returns>The shared result, detector <c>wasserstein</c>, statistic = <see cref="Normalized"/>, no p-value.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threshold"/> is negative or not finite.</exception>
    public DriftResult ToDriftResult(double threshold = WassersteinDistance.DefaultThreshold)
    {
        ThresholdGuard.RequireStatisticThreshold(threshold);
        return new DriftResult
        {
            Detector = WassersteinDistance.DetectorName,
            Statistic = Normalized,
            PValue = null,
            Threshold = threshold,
            Basis = DriftDecisionBasis.Statistic,
            IsDrift = Normalized >= threshold,
            ReferenceCount = ReferenceCount,
            CurrentCount = CurrentCount,
        };
    }
}
