namespace ModelWatch.Drift;

/// <summary>A drift threshold calibrated from the reference's own variation (<see cref="ThresholdCalibration"/>).</summary>
internal readonly struct CalibratedThreshold
{
    /// <summary>Gets the threshold: <see cref="Mean"/> + <see cref="Sigmas"/>·<see cref="StandardDeviation"/> of the chunk statistics.</summary>
    public double Threshold => Mean + (Sigmas * StandardDeviation);

    /// <summary>Gets the mean of the chunk statistics.</summary>
    public double Mean { get; internal init; }

    /// <summary>Gets the sample standard deviation (n − 1) of the chunk statistics.</summary>
    public double StandardDeviation { get; internal init; }

    /// <summary>Gets k, how many standard deviations the threshold lies above the mean.</summary>
    public double Sigmas { get; internal init; }

    /// <summary>Gets the number of chunks.</summary>
    public int Chunks { get; internal init; }
}
