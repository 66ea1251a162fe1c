namespace ModelWatch.AspNetCore.Endpoints;

/// <summary>The window's data-quality counts, summed over its columns where per column.</summary>
internal sealed record DataQualityJson(long Predictions, long SchemaViolations, long FailedPredictions, long Missing, long NonFinite, long OutOfRange, long Unseen);
