namespace ModelWatch.Drift;

/// <summary>A drift threshold calibrated from the reference's own variation.</summary>
/// <param name="Threshold">Mean + k·standard deviation of the chunk statistics.</param>
/// <param name="Mean">The mean of the chunk statistics.</param>
/// <param name="StandardDeviation">The sample standard deviation (n − 1) of the chunk statistics.</param>
/// <param name="Chunks">The number of chunks.</param>
public readonly record struct CalibratedThreshold(double Threshold, double Mean, double StandardDeviation, int Chunks);
