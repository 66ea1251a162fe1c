using ModelWatch.Drift;

namespace ModelWatch.Monitoring;

/// <summary>A per-feature choice of detector and threshold.</summary>
public sealed class FeatureDriftOptions
{
    /// <summary>
    /// Gets or sets the detector that decides the feature's verdict (null: the default for the
    /// feature's kind and window size).
    /// </summary>
    /// <value>The default value is null.</value>
    public DriftDetectorKind? Detector { get; set; }

    /// <summary>Gets or sets the threshold (null: the detector's default from <see cref="DriftOptions"/>).</summary>
    /// <value>The default value is null.</value>
    public double? Threshold { get; set; }
}
