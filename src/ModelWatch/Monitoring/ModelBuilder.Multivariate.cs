using ModelWatch.Estimation;

namespace ModelWatch.Monitoring;

public sealed partial class ModelBuilder
{
    /// <summary>
    /// Detects drift across features by PCA reconstruction error (docs/estimation.md), fitted now on
    /// reference rows: a change in how the features vary together raises the error even when no single
    /// feature's distribution moves. Every logged row's error is computed on the logging path; reports
    /// then carry, per window, the mean error with its sampling error, ± 3 sampling-error bands and the
    /// thresholds from the reference's chunks (<see cref="DriftReport.Multivariate"/>); a window outside
    /// them is drifted, raising the model's drift alert with the usual hysteresis.
    /// </summary>
    /// <param name="numericRows">The reference's numeric features, one array per row in the order they are
    /// logged (NaN = missing); an empty array per row for a model without numeric features.</param>
    /// <param name="categoricalRows">The reference's categorical features, in the order they are logged (null = missing).</param>
    /// <param name="options">Variance to keep and the reference's chunking (the thresholds come from its chunks:
    /// choose chunks about as large as a window, e.g. <c>Chunking.BySize(n)</c>); null for the defaults.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">The reference rows or the options are invalid (see <see cref="ReconstructionDrift.Fit"/>).</exception>
    public ModelBuilder DetectMultivariateDrift(double[][] numericRows, string?[][] categoricalRows, ReconstructionDriftOptions? options = null) =>
        DetectMultivariateDrift(ReconstructionDrift.Fit(numericRows, categoricalRows, options ?? new ReconstructionDriftOptions()));

    /// <summary>Detects drift across features with a detector already fitted on reference rows.</summary>
    /// <param name="detector">The fitted detector (<see cref="ReconstructionDrift.Fit"/>); its columns must be the model's
    /// numeric features then its categorical features, in the order they are logged (checked when the model is built).</param>
    /// <returns>This builder.</returns>
    public ModelBuilder DetectMultivariateDrift(ReconstructionDrift detector)
    {
        ArgumentNullException.ThrowIfNull(detector);
        Options.Drift.Multivariate = detector;
        Options.Drift.MultivariateProduction = null;
        return this;
    }

    /// <summary>
    /// Detects drift across features by PCA reconstruction error fitted on the model's production reference
    /// (<see cref="ReferenceFromFirstPredictions(long)"/> or <see cref="ReferenceFromFirstPeriod(TimeSpan)"/>) without holding
    /// its rows: while the reference is gathered, the windows keep the co-moments of the encoded features
    /// (docs/estimation.md, "A production reference"); when it is complete the components are fitted from them,
    /// and the first <paramref name="calibrationWindows"/> complete windows after it set the thresholds (mean ± 3
    /// std of their errors, as NannyML sets them from reference chunks). Until then reports carry the error and
    /// <see cref="MultivariateDriftResult.IsCalibrating"/>, and no verdict.
    /// </summary>
    /// <param name="calibrationWindows">Windows that set the thresholds, 2 to 1,000; the default is NannyML's 10 reference chunks.</param>
    /// <param name="varianceToKeep">The share of the reference's variance the components keep, in (0, 1).</param>
    /// <returns>This builder.</returns>
    /// <remarks>A categorical feature may have at most 64 categories in the reference; with more, multivariate drift stays off for the model version and a warning is logged.</remarks>
    public ModelBuilder DetectMultivariateDriftFromProduction(int calibrationWindows = 10, double varianceToKeep = 0.65)
    {
        Options.Drift.MultivariateProduction = new MultivariateProductionFit(calibrationWindows, varianceToKeep);
        Options.Drift.Multivariate = null;
        return this;
    }
}
