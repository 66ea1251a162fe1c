using ModelWatch.Drift;

namespace ModelWatch.Monitoring;

/// <summary>A per-feature choice of detector and threshold.</summary>
public sealed class FeatureDriftOptions
{
    /// <summary>
    /// Gets or sets the detector that decides the feature's verdict (null: the default for the
    /// feature's kind and window size).
    /// </summary>
    /// <remarks>
    /// In configuration, a <see cref="DriftDetectorKind"/> name in any case; <c>Ks</c> and <c>Psi</c>
    /// are accepted as short names of <see cref="DriftDetectorKind.KolmogorovSmirnov"/> and
    /// <see cref="DriftDetectorKind.PopulationStabilityIndex"/>.
    /// </remarks>
    /// <value>The default value is null.</value>
    public DriftDetectorKind? Detector { get; set; }

    /// <summary>Gets or sets the threshold (null: the detector's default from <see cref="DriftOptions"/>).</summary>
    /// <value>The default value is null.</value>
    public double? Threshold { get; set; }
}
