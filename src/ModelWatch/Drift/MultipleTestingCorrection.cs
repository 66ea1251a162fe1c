namespace ModelWatch.Drift;

/// <summary>How p-values of many features are adjusted before a dataset-level verdict.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(DriftJsonConverter))]
public enum MultipleTestingCorrection
{
    /// <summary>No adjustment: each feature at its own significance level.</summary>
    None = 0,

    /// <summary>Bonferroni: p·m, capped at 1. Controls the family-wise error rate; conservative.</summary>
    Bonferroni = 1,

    /// <summary>
    /// Benjamini–Hochberg step-up ("Controlling the false discovery rate", JRSS B 57(1), 1995):
    /// controls the expected share of false discoveries among the features flagged.
    /// </summary>
    BenjaminiHochberg = 2,
}
