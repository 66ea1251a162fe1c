namespace ModelWatch.Monitoring;

/// <summary>A monitored model version.</summary>
/// <param name="Name">The model's name.</param>
/// <param name="Version">The version.</param>
/// <param name="IsCurrent">Whether this is the model's current version.</param>
/// <param name="HasReference">Whether the version has a reference (drift can be evaluated).</param>
public readonly record struct ModelInfo(string Name, string Version, bool IsCurrent, bool HasReference);
