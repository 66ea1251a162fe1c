namespace ModelWatch.Drift;

/// <summary>A drift statistic of a current sample against a reference sample (larger means more different).</summary>
/// <param name="reference">The reference sample.</param>
/// <param name="current">The current sample.</param>
/// <returns>The statistic, e.g. <c>(r, c) =&gt; PopulationStabilityIndex.Compute(r, c).Value</c>.</returns>
internal delegate double DriftStatistic(ReadOnlySpan<double> reference, ReadOnlySpan<double> current);
