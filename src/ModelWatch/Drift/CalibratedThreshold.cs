namespace ModelWatch.Drift;

/// <summary>A drift threshold calibrated from the reference's own variation (<see cref="ThresholdCalibration"/>).</summary>
public readonly record struct CalibratedThreshold
{
    /// <summary>Gets the threshold: <see cref="Mean"/> + k·<see cref="StandardDeviation"/> of the chunk statistics.</summary>
    public required double Threshold { get; init; }

    /// <summary>Gets the mean of the chunk statistics.</summary>
    public required double Mean { get; init; }

    /// <summary>Gets the sample standard deviation (n − 1) of the chunk statistics.</summary>
    public required double StandardDeviation { get; init; }

    /// <summary>Gets the number of chunks.</summary>
    public required int Chunks { get; init; }
}
