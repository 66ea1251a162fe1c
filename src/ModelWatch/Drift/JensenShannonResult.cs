using ModelWatch.Internal;

namespace ModelWatch.Drift;

/// <summary>The Jensen–Shannon divergence and distance between a reference and a current distribution.</summary>
/// <param name="Distance">√(divergence), the Jensen–Shannon distance (a metric).</param>
/// <param name="Divergence">JSD = ½·KL(P‖M) + ½·KL(Q‖M), M = (P + Q)/2, in the unit of <paramref name="Base"/>; never negative.</param>
/// <param name="Base">The logarithm base.</param>
/// <param name="ReferenceCount">Reference observations (0 when the input was weights rather than counts).</param>
/// <param name="CurrentCount">Current observations (0 when the input was weights rather than counts).</param>
/// <param name="ReferenceMissingCount">Reference values excluded as missing (NaN, or null labels).</param>
/// <param name="CurrentMissingCount">Current values excluded as missing (NaN, or null labels).</param>
public readonly record struct JensenShannonResult(
    double Distance,
    double Divergence,
    JensenShannonBase Base,
    long ReferenceCount,
    long CurrentCount,
    long ReferenceMissingCount,
    long CurrentMissingCount)
{
    /// <summary>Converts to the shared result shape: drift when <see cref="Distance"/> ≥ <paramref name="threshold"/>.</summary>
    /// <param name="threshold">The distance threshold; finite and non-negative. The default is <see cref="JensenShannon.DefaultThreshold"/> (0.1).</param>
    /// <returns>The shared result, detector <c>jensen_shannon</c>, statistic = distance, no p-value.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threshold"/> is negative or not finite.</exception>
    public DriftResult ToDriftResult(double threshold = JensenShannon.DefaultThreshold)
    {
        ThresholdGuard.RequireStatisticThreshold(threshold);
        return new DriftResult
        {
            Detector = JensenShannon.DetectorName,
            Statistic = Distance,
            PValue = null,
            Threshold = threshold,
            Basis = DriftDecisionBasis.Statistic,
            IsDrift = Distance >= threshold,
            ReferenceCount = ReferenceCount,
            CurrentCount = CurrentCount,
        };
    }
}
