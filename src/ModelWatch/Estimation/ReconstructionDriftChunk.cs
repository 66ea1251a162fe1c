namespace ModelWatch.Estimation;

/// <summary>The mean PCA reconstruction error of one chunk, with its sampling error, thresholds and alert.</summary>
public sealed class ReconstructionDriftChunk
{
    internal ReconstructionDriftChunk()
    {
    }

    /// <summary>Gets the chunk: key, index, first and last row, row count.</summary>
    public DataChunk Chunk { get; internal init; } = null!;

    /// <summary>
    /// Gets the chunk's mean reconstruction error with its sampling error (the std of the rows' errors
    /// over √n; NaN for a one-row chunk), band (not below 0), thresholds from the reference chunks and alert
    /// (the error is not strictly between the thresholds).
    /// </summary>
    public ChunkMetric ReconstructionError { get; internal init; } = null!;
}
