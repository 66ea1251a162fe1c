namespace ModelWatch.Drift;

/// <summary>How a detector's statistic and p-value relate to the ones computed from the raw samples.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(DriftJsonConverter))]
public enum Exactness
{
    /// <summary>
    /// Computed from values counted into bins or summarised by a sketch: within
    /// <see cref="DriftResult.StatisticBound"/> of the value the raw samples would give.
    /// </summary>
    Bounded = 0,

    /// <summary>
    /// Equal (to floating-point rounding) to the value the raw samples would give, e.g. SciPy's
    /// <c>ks_2samp</c> on the same rows; for detectors defined on bins (PSI, chi-squared,
    /// Jensen–Shannon) the statistic of those bins, which is their definition.
    /// </summary>
    Exact = 1,
}
