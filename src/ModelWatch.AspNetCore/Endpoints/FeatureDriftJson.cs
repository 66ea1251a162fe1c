namespace ModelWatch.AspNetCore.Endpoints;

/// <summary>One column of a drift report.</summary>
internal sealed record FeatureDriftJson(
    string Name,
    string Kind,
    bool IsPrediction,
    bool IsDrift,
    DetectorJson? Verdict,
    IReadOnlyList<DetectorJson> Detectors,
    FeatureCountsJson Counts,
    double? Mean,
    double? StandardDeviation,
    double? Min,
    double? Max,
    IReadOnlyList<double> BinEdges,
    IReadOnlyList<string> Categories,
    IReadOnlyList<long> ReferenceCounts,
    IReadOnlyList<long> CurrentCounts);
