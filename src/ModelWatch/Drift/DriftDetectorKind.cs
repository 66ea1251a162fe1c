namespace ModelWatch.Drift;

/// <summary>The drift detectors a <see cref="DriftDetectorPolicy"/> can choose.</summary>
public enum DriftDetectorKind
{
    /// <summary>Two-sample Kolmogorov–Smirnov test (numeric; p-value).</summary>
    KolmogorovSmirnov = 0,

    /// <summary>Population Stability Index (numeric or categorical; effect size).</summary>
    PopulationStabilityIndex = 1,

    /// <summary>Chi-squared test of homogeneity (categorical; p-value).</summary>
    ChiSquared = 2,

    /// <summary>Jensen–Shannon distance (numeric bins or categorical; effect size).</summary>
    JensenShannon = 3,

    /// <summary>Normalized Wasserstein-1 distance (numeric; effect size).</summary>
    Wasserstein = 4,
}
