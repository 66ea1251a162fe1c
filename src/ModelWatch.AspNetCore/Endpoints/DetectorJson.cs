namespace ModelWatch.AspNetCore.Endpoints;

/// <summary>One detector's result.</summary>
internal sealed record DetectorJson(
    string Detector,
    double? Statistic,
    double? PValue,
    double? Threshold,
    string Basis,
    bool IsDrift,
    long ReferenceCount,
    long CurrentCount);
