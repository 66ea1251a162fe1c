namespace ModelWatch.Drift;

/// <summary>What a <see cref="DriftResult"/> verdict compared with its threshold.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(DriftJsonConverter))]
public enum DriftDecisionBasis
{
    /// <summary>Drift when the p-value is below the threshold (a significance level).</summary>
    PValue = 0,

    /// <summary>Drift when the statistic is at or above the threshold (an effect size).</summary>
    Statistic = 1,
}
