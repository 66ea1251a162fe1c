using System.ComponentModel.DataAnnotations;
using ModelWatch.Drift;

namespace ModelWatch.Monitoring;

/// <summary>Which detectors decide drift and with which thresholds.</summary>
public sealed class DriftOptions
{
    /// <summary>The largest <see cref="ExactSamplesUpTo"/>: 1,000,000 values (8 MB per numeric column per accumulator).</summary>
    public const int MaxExactSamples = 1_000_000;

    /// <summary>
    /// Gets or sets the window size from which verdicts use an effect size (PSI, Jensen–Shannon)
    /// instead of a p-value: at large sizes p-value tests flag negligible shifts. P-values are still reported.
    /// </summary>
    /// <value>The default value is 5,000.</value>
    [Range(1L, long.MaxValue)]
    public long LargeSampleThreshold { get; set; } = 5_000;

    /// <summary>Gets or sets the significance level of p-value tests.</summary>
    /// <value>The default value is 0.05.</value>
    [Range(1e-300, 0.5)]
    public double PValueThreshold { get; set; } = 0.05;

    /// <summary>Gets or sets the PSI at which a feature counts as drifted (the "moderate" band starts here).</summary>
    /// <value>The default value is 0.1.</value>
    [Range(1e-9, 100.0)]
    public double PsiThreshold { get; set; } = 0.1;

    /// <summary>Gets or sets the PSI of a major shift.</summary>
    /// <value>The default value is 0.25.</value>
    [Range(1e-9, 100.0)]
    public double PsiMajorThreshold { get; set; } = 0.25;

    /// <summary>Gets or sets the Jensen–Shannon distance (base 2) at which a feature counts as drifted.</summary>
    /// <value>The default value is 0.1.</value>
    [Range(1e-9, 1.0)]
    public double JensenShannonThreshold { get; set; } = 0.1;

    /// <summary>Gets or sets the normalized Wasserstein distance at which a feature counts as drifted.</summary>
    /// <value>The default value is 0.1.</value>
    [Range(1e-9, 1e6)]
    public double WassersteinThreshold { get; set; } = 0.1;

    /// <summary>Gets or sets the multiple-testing correction across features for p-value tests.</summary>
    /// <value>The default value is <see cref="MultipleTestingCorrection.None"/>.</value>
    public MultipleTestingCorrection Correction { get; set; } = MultipleTestingCorrection.None;

    /// <summary>Gets or sets the share of drifted features at which the whole model counts as drifted.</summary>
    /// <value>The default value is 0.5.</value>
    [Range(1e-9, 1.0)]
    public double DatasetDriftShare { get; set; } = 0.5;

    /// <summary>
    /// Gets or sets how many raw values per numeric column each window keeps so that a window with at
    /// most that many values is tested exactly: KS (D and p-value as SciPy's <c>ks_2samp</c>) and
    /// Wasserstein on the raw samples, <see cref="Exactness.Exact"/>, instead of from bin counts. It
    /// needs a reference that keeps its values (one whose columns hold at most this many values and were
    /// built from every value); otherwise results stay <see cref="Exactness.Bounded"/>.
    /// </summary>
    /// <value>
    /// The default value is 0 (off). Memory: this × 8 bytes per numeric column per window accumulator
    /// (docs/runtime.md, "Exact samples"); at most <see cref="MaxExactSamples"/>.
    /// </value>
    public int ExactSamplesUpTo { get; set; }

    /// <summary>The multivariate drift detector fitted on a reference (code only: <see cref="ModelBuilder.DetectMultivariateDrift(Estimation.ReconstructionDrift)"/>).</summary>
    internal Estimation.ReconstructionDrift? Multivariate;

    /// <summary>Multivariate drift fitted on the production reference (code only: <see cref="ModelBuilder.DetectMultivariateDriftFromProduction(int, double)"/>).</summary>
    internal MultivariateProductionFit? MultivariateProduction;

    /// <summary>Gets per-feature overrides by feature name.</summary>
    public IDictionary<string, FeatureDriftOptions> Features { get; } = new Dictionary<string, FeatureDriftOptions>(StringComparer.Ordinal);
}
