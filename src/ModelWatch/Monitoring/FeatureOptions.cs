namespace ModelWatch.Monitoring;

/// <summary>One feature of a model.</summary>
public sealed class FeatureOptions
{
    /// <summary>Gets or sets the feature's name.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Gets or sets the feature's kind: <c>Numeric</c> or <c>Categorical</c>.</summary>
    /// <value>The default value is "Numeric".</value>
    public string Kind { get; set; } = "Numeric";
}
