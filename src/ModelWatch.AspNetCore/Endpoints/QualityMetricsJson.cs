namespace ModelWatch.AspNetCore.Endpoints;

/// <summary>The realised quality metrics; null where the task does not define one or no outcome allows it.</summary>
internal sealed record QualityMetricsJson(
    double? Accuracy,
    double? Precision,
    double? Recall,
    double? F1,
    double? LogLoss,
    double? BrierScore,
    double? ExpectedCalibrationError,
    double? RocAuc,
    double? MeanAbsoluteError,
    double? RootMeanSquaredError,
    double? MeanAbsolutePercentageError,
    double? RSquared,
    double? MeanError);
