namespace ModelWatch.Estimation;

/// <summary>
/// One quantity of one chunk (an estimated metric, a reconstruction error) with its sampling error,
/// confidence band, thresholds from the reference chunks, and alert.
/// </summary>
public sealed class ChunkMetric
{
    internal ChunkMetric()
    {
    }

    /// <summary>Gets the value; NaN where the quantity is undefined for this chunk.</summary>
    public double Value { get; internal init; }

    /// <summary>Gets the standard error of <see cref="Value"/>, or <see langword="null"/> when none is computed.</summary>
    public double? SamplingError { get; internal init; }

    /// <summary>Gets the lower end of the band <see cref="Value"/> − 3·<see cref="SamplingError"/>, clipped to the quantity's range; <see langword="null"/> without a sampling error.</summary>
    public double? LowerConfidenceBound { get; internal init; }

    /// <summary>Gets the upper end of the band <see cref="Value"/> + 3·<see cref="SamplingError"/>, clipped to the quantity's range; <see langword="null"/> without a sampling error.</summary>
    public double? UpperConfidenceBound { get; internal init; }

    /// <summary>Gets the lower threshold from the reference chunks, or <see langword="null"/> when there is none.</summary>
    public double? LowerThreshold { get; internal init; }

    /// <summary>Gets the upper threshold from the reference chunks, or <see langword="null"/> when there is none.</summary>
    public double? UpperThreshold { get; internal init; }

    /// <summary>Gets a value indicating whether <see cref="Value"/> breaks the thresholds under the quantity's alert rule.</summary>
    public bool Alert { get; internal init; }
}
