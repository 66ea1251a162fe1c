namespace ModelWatch.Monitoring;

/// <summary>
/// Instrument names and attribute keys of the <see cref="ModelWatchMeter"/>, named per
/// OpenTelemetry's conventions (exporters add suffixes: Prometheus shows
/// <c>modelwatch_predictions_total</c>, <c>modelwatch_feature_drift_score_ratio</c>…).
/// </summary>
public static class ModelWatchInstruments
{
    /// <summary>Predictions recorded (ObservableCounter, <c>{prediction}</c>).</summary>
    public const string Predictions = "modelwatch.predictions";

    /// <summary>Timed inference latency (Histogram, <c>s</c>).</summary>
    public const string PredictionDuration = "modelwatch.prediction.duration";

    /// <summary>Invalid input values by <see cref="ErrorType"/> (ObservableCounter, <c>{value}</c>).</summary>
    public const string InputInvalid = "modelwatch.input.invalid";

    /// <summary>Predictions whose inference failed (ObservableCounter, <c>{error}</c>).</summary>
    public const string PredictionErrors = "modelwatch.prediction.errors";

    /// <summary>Missing values per feature (ObservableCounter, <c>{value}</c>).</summary>
    public const string FeatureMissing = "modelwatch.feature.missing";

    /// <summary>The latest window's statistic per feature and detector (ObservableGauge, <c>1</c>).</summary>
    public const string FeatureDriftScore = "modelwatch.feature.drift.score";

    /// <summary>The latest window's p-value per feature and detector, where defined (ObservableGauge, <c>1</c>).</summary>
    public const string FeatureDriftPValue = "modelwatch.feature.drift.pvalue";

    /// <summary>The latest window's verdict per feature: 0 stable, 1 drifting (ObservableGauge, <c>1</c>).</summary>
    public const string FeatureDriftStatus = "modelwatch.feature.drift.status";

    /// <summary>Drift alerts raised (Counter, <c>{alert}</c>).</summary>
    public const string DriftAlerts = "modelwatch.drift.alerts";

    /// <summary>Model evaluations that failed (Counter, <c>{evaluation}</c>).</summary>
    public const string EvaluationErrors = "modelwatch.evaluation.errors";

    /// <summary>Alert handlers and retraining triggers that failed or timed out (Counter, <c>{call}</c>).</summary>
    public const string HandlerErrors = "modelwatch.handler.errors";

    /// <summary>Attribute: the model's name.</summary>
    public const string ModelName = "modelwatch.model.name";

    /// <summary>Attribute: the model's version.</summary>
    public const string ModelVersion = "modelwatch.model.version";

    /// <summary>Attribute: the feature's name.</summary>
    public const string FeatureName = "modelwatch.feature.name";

    /// <summary>Attribute: the detector's name (<c>ks</c>, <c>psi</c>, <c>chi_squared</c>, <c>jensen_shannon</c>, <c>wasserstein</c>).</summary>
    public const string DetectorName = "modelwatch.detector.name";

    /// <summary>Attribute: the kind of invalid input or failure (OpenTelemetry's <c>error.type</c>).</summary>
    public const string ErrorType = "error.type";
}
