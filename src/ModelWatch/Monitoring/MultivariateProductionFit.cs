namespace ModelWatch.Monitoring;

/// <summary>
/// Multivariate drift fitted on a production reference: the PCA from the co-moments gathered with the
/// reference, then thresholds from the first <paramref name="CalibrationWindows"/> complete windows after it.
/// </summary>
/// <param name="CalibrationWindows">The windows whose mean errors set the thresholds (NannyML's reference chunks).</param>
/// <param name="VarianceToKeep">The share of variance the principal components keep.</param>
internal sealed record MultivariateProductionFit(int CalibrationWindows, double VarianceToKeep);
