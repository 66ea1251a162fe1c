namespace ModelWatch.Estimation;

/// <summary>CBPE's estimates for one chunk of the analysed data.</summary>
public sealed class CbpeChunk
{
    internal CbpeChunk()
    {
    }

    /// <summary>Gets the chunk: key, index, first and last row, row count.</summary>
    public DataChunk Chunk { get; internal init; } = null!;

    /// <summary>Gets, per estimated metric, its value, sampling error, confidence band, thresholds and alert.</summary>
    public IReadOnlyDictionary<CbpeMetric, ChunkMetric> Metrics { get; internal init; } = null!;

    /// <summary>Whether a metric counts rows (a confusion-matrix cell) rather than being a rate in [0, 1].</summary>
    internal static bool IsCount(CbpeMetric metric) =>
        metric is CbpeMetric.TruePositive or CbpeMetric.TrueNegative or CbpeMetric.FalsePositive or CbpeMetric.FalseNegative;

    /// <summary>
    /// A metric's record: the band value ± 3·SE clipped to the metric's range ([0, 1] for rates, [0, ∞)
    /// for counts; NaN propagates, as with NumPy), and the strictly-outside alert on the estimate.
    /// </summary>
    internal static ChunkMetric Metric(CbpeMetric metric, double value, double? samplingError, ThresholdBounds thresholds)
    {
        double upperLimit = IsCount(metric) ? double.PositiveInfinity : 1;
        return new ChunkMetric
        {
            Value = value,
            SamplingError = samplingError,
            LowerConfidenceBound = samplingError is { } se ? Math.Max(0, value - (3 * se)) : null,
            UpperConfidenceBound = samplingError is { } se2 ? Math.Min(upperLimit, value + (3 * se2)) : null,
            LowerThreshold = thresholds.Lower,
            UpperThreshold = thresholds.Upper,
            Alert = thresholds.IsStrictlyOutside(value),
        };
    }
}
