namespace ModelWatch.Drift;

/// <summary>
/// Chooses the default drift detector for a feature from its kind and the current sample size, and
/// gives each detector's default threshold.
/// </summary>
/// <remarks>
/// <para>
/// Why the switch: a p-value measures evidence, not size. With thousands of observations a
/// two-sample test flags shifts too small to matter — the most common complaint about drift
/// tools. At n = m = 5,000 the KS test at α = 0.05 rejects when D ≥ 1.36·√(2/5000) ≈ 0.027,
/// i.e. a mean shift of about 0.07σ, whose PSI is about 0.005, twenty times below the 0.1 at which
/// PSI starts calling a change "moderate". Below that size the effect sizes are themselves noisy
/// (PSI's expected value under no drift is about (bins − 1)·(1/n + 1/m), 0.02 at n = m = 1,000 with
/// 10 bins), while the tests are well calibrated, so small samples keep the p-value tests.
/// </para>
/// <para>
/// Defaults: at or below <see cref="LargeSampleThreshold"/> (5,000 current observations) numeric
/// features use Kolmogorov–Smirnov and categorical features chi-squared (α = 0.05); above it,
/// numeric features use PSI (threshold 0.1; computable from binned profiles, unlike an exact
/// Wasserstein distance) and categorical features the Jensen–Shannon distance (base 2,
/// threshold 0.1). A runtime still reports the p-value of a test where it computes one.
/// </para>
/// </remarks>
internal sealed class DriftDetectorPolicy
{
    /// <summary>The default <see cref="LargeSampleThreshold"/>: 5,000 current observations.</summary>
    public const long DefaultLargeSampleThreshold = 5_000;

    private readonly long _largeSampleThreshold = DefaultLargeSampleThreshold;

    /// <summary>Gets the default policy.</summary>
    public static DriftDetectorPolicy Default { get; } = new();

    /// <summary>Gets the current sample size above which effect sizes decide instead of p-values; at least 1.</summary>
    /// <value>The default value is 5,000.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public long LargeSampleThreshold
    {
        get => _largeSampleThreshold;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            _largeSampleThreshold = value;
        }
    }

    /// <summary>Gets the detector for numeric features at or below <see cref="LargeSampleThreshold"/>.</summary>
    /// <value>The default value is <see cref="DriftDetectorKind.KolmogorovSmirnov"/>.</value>
    public DriftDetectorKind NumericSmallSample { get; init; } = DriftDetectorKind.KolmogorovSmirnov;

    /// <summary>Gets the detector for numeric features above <see cref="LargeSampleThreshold"/>.</summary>
    /// <value>The default value is <see cref="DriftDetectorKind.PopulationStabilityIndex"/>.</value>
    public DriftDetectorKind NumericLargeSample { get; init; } = DriftDetectorKind.PopulationStabilityIndex;

    /// <summary>Gets the detector for categorical features at or below <see cref="LargeSampleThreshold"/>.</summary>
    /// <value>The default value is <see cref="DriftDetectorKind.ChiSquared"/>.</value>
    public DriftDetectorKind CategoricalSmallSample { get; init; } = DriftDetectorKind.ChiSquared;

    /// <summary>Gets the detector for categorical features above <see cref="LargeSampleThreshold"/>.</summary>
    /// <value>The default value is <see cref="DriftDetectorKind.JensenShannon"/>.</value>
    public DriftDetectorKind CategoricalLargeSample { get; init; } = DriftDetectorKind.JensenShannon;

    /// <summary>Chooses the detector for a feature.</summary>
    /// <param name="kind">The feature's kind.</param>
    /// <param name="currentCount">The number of current observations; non-negative.</param>
    /// <returns>The detector to use.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is unknown or <paramref name="currentCount"/> is negative.</exception>
    public DriftDetectorKind Select(FeatureKind kind, long currentCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(currentCount);
        bool large = currentCount > LargeSampleThreshold;
        return kind switch
        {
            FeatureKind.Numeric => large ? NumericLargeSample : NumericSmallSample,
            FeatureKind.Categorical => large ? CategoricalLargeSample : CategoricalSmallSample,
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown feature kind."),
        };
    }

    /// <summary>Gets what a detector's verdict compares with its threshold.</summary>
    /// <param name="detector">The detector.</param>
    /// <returns><see cref="DriftDecisionBasis.PValue"/> for tests, <see cref="DriftDecisionBasis.Statistic"/> for effect sizes.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="detector"/> is unknown.</exception>
    public static DriftDecisionBasis BasisOf(DriftDetectorKind detector) => detector switch
    {
        DriftDetectorKind.KolmogorovSmirnov or DriftDetectorKind.ChiSquared => DriftDecisionBasis.PValue,
        DriftDetectorKind.PopulationStabilityIndex or DriftDetectorKind.JensenShannon or DriftDetectorKind.Wasserstein => DriftDecisionBasis.Statistic,
        _ => throw new ArgumentOutOfRangeException(nameof(detector), detector, "Unknown detector."),
    };

    /// <summary>Gets a detector's default threshold.</summary>
    /// <param name="detector">The detector.</param>
    /// <returns>0.05 (α) for the tests; 0.1 for PSI, the Jensen–Shannon distance (base 2) and the normalized Wasserstein distance.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="detector"/> is unknown.</exception>
    public static double DefaultThreshold(DriftDetectorKind detector) => detector switch
    {
        DriftDetectorKind.KolmogorovSmirnov => 0.05,
        DriftDetectorKind.ChiSquared => ChiSquaredTest.DefaultSignificanceLevel,
        DriftDetectorKind.PopulationStabilityIndex => PopulationStabilityIndex.DefaultThreshold,
        DriftDetectorKind.JensenShannon => JensenShannon.DefaultThreshold,
        DriftDetectorKind.Wasserstein => WassersteinDistance.DefaultThreshold,
        _ => throw new ArgumentOutOfRangeException(nameof(detector), detector, "Unknown detector."),
    };
}
