namespace ModelWatch.Drift;

/// <summary>The Jensen–Shannon divergence and distance between a reference and a current distribution.</summary>
public readonly struct JensenShannonResult
{
    /// <summary>Gets √(divergence), the Jensen–Shannon distance (a metric).</summary>
    public double Distance => Math.Sqrt(Divergence);

    /// <summary>Gets JSD = ½·KL(P‖M) + ½·KL(Q‖M), M = (P + Q)/2, in the unit of <see cref="Base"/>; never negative.</summary>
    public double Divergence { get; internal init; }

    /// <summary>Gets the logarithm base.</summary>
    public JensenShannonBase Base { get; internal init; }

    /// <summary>Gets the number of observations per sample (0 when the input was weights rather than counts) and of values excluded as missing (NaN, or null labels).</summary>
    public SampleCounts Counts { get; internal init; }

    /// <summary>Converts to the shared result shape: drift when <see cref="Distance"/> ≥ <paramref name="threshold"/>.</summary>
    /// <param name="threshold">The distance threshold; finite and non-negative. The default is <see cref="JensenShannon.DefaultThreshold"/> (0.1).</param>
    /// <returns>The shared result, detector <c>jensen_shannon</c>, statistic = distance, no p-value.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threshold"/> is negative or not finite.</exception>
    public DriftResult ToDriftResult(double threshold = JensenShannon.DefaultThreshold) =>
        DriftResult.FromStatistic(JensenShannon.DetectorName, Distance, threshold, Counts);
}
