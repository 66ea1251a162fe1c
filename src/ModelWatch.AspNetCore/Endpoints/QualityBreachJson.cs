namespace ModelWatch.AspNetCore.Endpoints;

/// <summary>A quality limit a window broke.</summary>
internal sealed record QualityBreachJson(string Metric, double? Value, double? Limit, double? Baseline);
