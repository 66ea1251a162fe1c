namespace ModelWatch.AspNetCore.Endpoints;

/// <summary>Whether a drift alert and a quality alert are active for the model's current version.</summary>
internal sealed record AlertsJson(bool Drift, bool Quality);
