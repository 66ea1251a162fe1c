namespace ModelWatch.Monitoring;

/// <summary>A monitored model version.</summary>
public readonly struct ModelInfo
{
    /// <summary>Gets the model's name.</summary>
    public string Name { get; internal init; }

    /// <summary>Gets the version.</summary>
    public string Version { get; internal init; }

    /// <summary>Gets whether this is the model's current version.</summary>
    public bool IsCurrent { get; internal init; }

    /// <summary>Gets whether the version has a reference (drift can be evaluated).</summary>
    public bool HasReference { get; internal init; }

    /// <summary>Gets whether the version is segmented (<see cref="SegmentOptions"/>).</summary>
    [System.Diagnostics.CodeAnalysis.Experimental("MW0004")]
    public bool IsSegmented { get; internal init; }
}
