using ModelWatch.Estimation;

namespace ModelWatch.Monitoring;

/// <summary>
/// One window's multivariate drift: the mean PCA reconstruction error of its rows against the reference's
/// principal subspace (<see cref="ModelBuilder.DetectMultivariateDrift(ReconstructionDrift)"/>), as NannyML's
/// data-reconstruction drift reports it per chunk.
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(MonitoringJsonConverter))]
public sealed class MultivariateDriftResult
{
    internal MultivariateDriftResult()
    {
    }

    /// <summary>
    /// Gets the mean reconstruction error with its sampling error (the errors' sample std / √rows), the
    /// ± 3 sampling-error band and the thresholds from the reference's chunks; <see cref="ChunkMetric.Alert"/>
    /// is set when the error is not strictly between the thresholds.
    /// </summary>
    public ChunkMetric ReconstructionError { get; internal init; } = null!;

    /// <summary>Gets the number of rows whose error the mean covers.</summary>
    public long Rows { get; internal init; }

    /// <summary>Gets the number of rows that could not be scored (an infinite numeric value) and are left out.</summary>
    public long SkippedRows { get; internal init; }

    /// <summary>Gets the number of principal components the reference kept.</summary>
    public int ComponentCount { get; internal init; }

    /// <summary>
    /// Gets a value indicating whether the detector, fitted on a production reference, is still setting its
    /// thresholds from the first windows after it (<see cref="ModelBuilder.DetectMultivariateDriftFromProduction(int, double)"/>):
    /// the error is reported, without thresholds or verdict.
    /// </summary>
    public bool IsCalibrating { get; internal init; }

    /// <summary>Gets a value indicating whether the window drifted: its error is outside the reference's thresholds.</summary>
    public bool IsDrift => ReconstructionError.Alert;

    /// <summary>The window's result, or null without a detector or a scored row.</summary>
    /// <param name="definition">The layout's detector.</param>
    /// <param name="calibration">The thresholds of a detector fitted on a production reference; null when the detector brings its own.</param>
    /// <param name="sums">The window's sums.</param>
    internal static MultivariateDriftResult? From(MultivariateDriftDefinition? definition, MultivariateCalibration? calibration, in ReconstructionSums sums)
    {
        if (definition is null || sums.Rows == 0)
        {
            return null;
        }

        double value = sums.Mean;
        double samplingError = sums.StandardDeviation / Math.Sqrt(sums.Rows);
        bool calibrating = calibration is { Thresholds: null };
        var thresholds = calibration?.Thresholds ?? definition.Detector.Thresholds;
        return new MultivariateDriftResult
        {
            ReconstructionError = new ChunkMetric
            {
                Value = value,
                SamplingError = double.IsNaN(samplingError) ? null : samplingError,
                LowerConfidenceBound = double.IsNaN(samplingError) ? null : Math.Max(value - (3 * samplingError), 0),
                UpperConfidenceBound = double.IsNaN(samplingError) ? null : value + (3 * samplingError),
                LowerThreshold = thresholds.Lower,
                UpperThreshold = thresholds.Upper,
                Alert = !calibrating && thresholds.IsNotStrictlyInside(value),
            },
            Rows = sums.Rows,
            SkippedRows = sums.Skipped,
            ComponentCount = definition.Detector.ComponentCount,
            IsCalibrating = calibrating,
        };
    }
}
