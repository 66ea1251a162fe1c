namespace ModelWatch.AspNetCore.Endpoints;

/// <summary>A monitored version of a model.</summary>
internal sealed record ModelVersionJson(string Version, bool IsCurrent, bool HasReference);
