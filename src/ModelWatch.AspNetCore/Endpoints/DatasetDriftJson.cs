namespace ModelWatch.AspNetCore.Endpoints;

/// <summary>The dataset-level verdict.</summary>
internal sealed record DatasetDriftJson(int FeatureCount, int DriftedCount, double? DriftedShare, double? ShareThreshold, bool IsDrift, string Correction);
