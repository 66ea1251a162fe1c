using ModelWatch.Drift;

namespace ModelWatch.Monitoring;

/// <summary>One feature of a model.</summary>
public sealed class FeatureOptions
{
    /// <summary>Gets or sets the feature's name.</summary>
    /// <value>The default value is the empty string.</value>
    public string Name { get; set; } = string.Empty;

    /// <summary>Gets or sets the feature's kind.</summary>
    /// <value>The default value is <see cref="FeatureKind.Numeric"/>.</value>
    public FeatureKind Kind { get; set; } = FeatureKind.Numeric;
}
