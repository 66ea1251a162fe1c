namespace ModelWatch.Drift;

/// <summary>The kind of a monitored feature, which decides the applicable drift detectors.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(DriftJsonConverter))]
public enum FeatureKind
{
    /// <summary>A numeric (continuous or ordinal) feature.</summary>
    Numeric = 0,

    /// <summary>A categorical feature (labels).</summary>
    Categorical = 1,
}
