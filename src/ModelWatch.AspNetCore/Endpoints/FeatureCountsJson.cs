namespace ModelWatch.AspNetCore.Endpoints;

/// <summary>A column's data-quality counts.</summary>
internal sealed record FeatureCountsJson(long Count, long Missing, long NonFinite, long OutOfRange, long Unseen);
