namespace ModelWatch.Monitoring;

/// <summary>A per-feature choice of detector and threshold.</summary>
public sealed class FeatureDriftOptions
{
    /// <summary>
    /// Gets or sets the detector: <c>Ks</c>, <c>Psi</c>, <c>ChiSquared</c>, <c>JensenShannon</c> or
    /// <c>Wasserstein</c> (null: the default for the feature's kind and window size).
    /// </summary>
    public string? Detector { get; set; }

    /// <summary>Gets or sets the threshold (null: the detector's default from <see cref="DriftOptions"/>).</summary>
    public double? Threshold { get; set; }
}
