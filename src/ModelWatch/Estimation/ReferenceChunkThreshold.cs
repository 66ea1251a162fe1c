namespace ModelWatch.Estimation;

/// <summary>
/// Thresholds from reference chunks: mean ± k·std of one value per reference chunk, clipped to the
/// quantity's range. NannyML's <c>StandardDeviationThreshold</c> with <c>calculate_threshold_values</c>
/// (<c>nannyml/thresholds.py</c>), used there for every estimated and realized metric.
/// </summary>
/// <remarks>
/// NaN chunk values are ignored; the standard deviation is the population one (divided by the count).
/// It is computed in two passes, so a large common offset (values near 1e8 differing by 1e-2) does
/// not cancel the spread away as the one-pass sum-of-squares formula would.
/// </remarks>
public sealed class ReferenceChunkThreshold
{
    /// <summary>Gets the multiplier k of the lower threshold, mean − k·std; <see langword="null"/> for no lower threshold.</summary>
    /// <value>The default value is 3.</value>
    public double? LowerMultiplier { get; init; } = 3;

    /// <summary>Gets the multiplier k of the upper threshold, mean + k·std; <see langword="null"/> for no upper threshold.</summary>
    /// <value>The default value is 3.</value>
    public double? UpperMultiplier { get; init; } = 3;

    /// <summary>Gets the smallest meaningful value: a lower threshold at or below it is replaced by it (or removed, see <see cref="OverrideUsingNone"/>).</summary>
    /// <value>The default value is <see langword="null"/> (no limit).</value>
    public double? LowerLimit { get; init; }

    /// <summary>Gets the largest meaningful value: an upper threshold at or above it is replaced by it (or removed, see <see cref="OverrideUsingNone"/>).</summary>
    /// <value>The default value is <see langword="null"/> (no limit).</value>
    public double? UpperLimit { get; init; }

    /// <summary>Gets a value indicating whether a threshold beyond its limit is removed instead of set to the limit.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool OverrideUsingNone { get; init; }

    /// <summary>The policy of estimated rates (accuracy, F1, ROC AUC…): mean ± 3·std within [0, 1].</summary>
    internal static ReferenceChunkThreshold Rate { get; } = new() { LowerLimit = 0, UpperLimit = 1 };

    /// <summary>The policy of estimated confusion-matrix counts: mean ± 3·std, not below 0.</summary>
    internal static ReferenceChunkThreshold Count { get; } = new() { LowerLimit = 0 };

    /// <summary>The policy of the PCA reconstruction error: mean ± 3·std, no lower threshold at or below 0.</summary>
    internal static ReferenceChunkThreshold ReconstructionError { get; } = new() { LowerLimit = 0, OverrideUsingNone = true };

    /// <summary>Computes the thresholds from one value per reference chunk.</summary>
    /// <param name="chunkValues">The values of the reference chunks; NaN values are ignored.</param>
    /// <returns>
    /// The thresholds; a side is <see langword="null"/> when its multiplier is, or when it passed its
    /// limit and <see cref="OverrideUsingNone"/> is set; both are NaN when every value is NaN.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="chunkValues"/> is null.</exception>
    public ThresholdBounds Compute(IReadOnlyList<double> chunkValues)
    {
        ArgumentNullException.ThrowIfNull(chunkValues);
        (double mean, double std) = MeanAndPopulationStd(chunkValues);

        double? lower = mean - (std * LowerMultiplier);
        double? upper = mean + (std * UpperMultiplier);

        // NaN thresholds stay NaN: the comparisons below are false for NaN, as in NumPy.
        if (LowerLimit is { } lowerLimit && lower <= lowerLimit)
        {
            lower = OverrideUsingNone ? null : lowerLimit;
        }

        if (UpperLimit is { } upperLimit && upper >= upperLimit)
        {
            upper = OverrideUsingNone ? null : upperLimit;
        }

        return new ThresholdBounds { Lower = lower, Upper = upper };
    }

    /// <summary>NumPy's <c>nanmean</c> and <c>nanstd</c> (ddof 0), two-pass.</summary>
    internal static (double Mean, double Std) MeanAndPopulationStd(IReadOnlyList<double> values)
    {
        double sum = 0;
        int count = 0;
        foreach (double v in values)
        {
            if (!double.IsNaN(v))
            {
                sum += v;
                count++;
            }
        }

        if (count == 0)
        {
            return (double.NaN, double.NaN);
        }

        double mean = sum / count;
        double squares = 0;
        foreach (double v in values)
        {
            if (!double.IsNaN(v))
            {
                double d = v - mean;
                squares += d * d;
            }
        }

        return (mean, Math.Sqrt(squares / count));
    }
}
