namespace ModelWatch.Monitoring;

/// <summary>A monitored model version.</summary>
public readonly record struct ModelInfo
{
    /// <summary>Gets the model's name.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the version.</summary>
    public required string Version { get; init; }

    /// <summary>Gets whether this is the model's current version.</summary>
    public required bool IsCurrent { get; init; }

    /// <summary>Gets whether the version has a reference (drift can be evaluated).</summary>
    public required bool HasReference { get; init; }
}
