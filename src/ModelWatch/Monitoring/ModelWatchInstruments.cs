namespace ModelWatch.Monitoring;

/// <summary>
/// Instrument names and attribute keys of the <see cref="ModelWatchMeter"/>, named per
/// OpenTelemetry's conventions (exporters add suffixes: Prometheus shows
/// <c>modelwatch_predictions_total</c>, <c>modelwatch_feature_drift_score</c>…).
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

    /// <summary>
    /// Predictions in sub-windows dropped unevaluated because windows closed faster than the
    /// evaluator reported them; they stay in <see cref="Predictions"/> (ObservableCounter, <c>{prediction}</c>).
    /// </summary>
    public const string PredictionsUnevaluated = "modelwatch.predictions.unevaluated";

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

    /// <summary>Quality metrics of the latest closed outcome-arrival window by <see cref="QualityMetricName"/>, and the label-free estimates of the latest closed prediction-time window (<c>estimated_accuracy</c>, <c>estimated_precision</c>, <c>estimated_recall</c>, <c>estimated_specificity</c>, <c>estimated_f1</c>, <c>estimated_roc_auc</c>) (ObservableGauge, <c>1</c>).</summary>
    public const string ModelQuality = "modelwatch.model.quality";

    /// <summary>The latest window's mean PCA reconstruction error, for models that detect multivariate drift (ObservableGauge, <c>1</c>).</summary>
    public const string MultivariateDrift = "modelwatch.model.multivariate_drift";

    /// <summary>Outcomes recorded by <see cref="OutcomeStatus"/> (ObservableCounter, <c>{outcome}</c>).</summary>
    public const string Outcomes = "modelwatch.outcomes";

    /// <summary>Predictions waiting for their outcome (ObservableUpDownCounter, <c>{prediction}</c>).</summary>
    public const string OutcomesPending = "modelwatch.outcomes.pending";

    /// <summary>Quality alerts raised (Counter, <c>{alert}</c>).</summary>
    public const string QualityAlerts = "modelwatch.quality.alerts";

    /// <summary>Snapshots that could not be saved or read, by <see cref="ErrorType"/> (Counter, <c>{operation}</c>).</summary>
    public const string StoreErrors = "modelwatch.store.errors";

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

    /// <summary>Attribute: the quality metric (<c>accuracy</c>, <c>f1</c>, <c>log_loss</c>, <c>roc_auc</c>, <c>mean_absolute_error</c>, <c>estimated_accuracy</c>…).</summary>
    public const string QualityMetricName = "modelwatch.quality.metric";

    /// <summary>Attribute: what became of an outcome or prediction (<c>joined</c>, <c>early</c>, <c>unknown</c>, <c>duplicate</c>, <c>evicted</c>, <c>expired</c>, <c>invalid</c>).</summary>
    public const string OutcomeStatus = "modelwatch.outcome.status";

    /// <summary>Attribute: the kind of invalid input or failure (OpenTelemetry's <c>error.type</c>).</summary>
    public const string ErrorType = "error.type";

    /// <summary>A segment's drift verdict in the latest window (ObservableGauge, <c>1</c>): 0 stable, 1 drifting; judged segments only.</summary>
    [System.Diagnostics.CodeAnalysis.Experimental("MW0004")]
    public const string SegmentDriftStatus = "modelwatch.segment.drift.status";

    /// <summary>A segment's predictions in the latest window (ObservableGauge, <c>{prediction}</c>).</summary>
    [System.Diagnostics.CodeAnalysis.Experimental("MW0004")]
    public const string SegmentPredictions = "modelwatch.segment.window.predictions";

    /// <summary>The share of judged segments that drifted in the latest window (ObservableGauge, <c>1</c>), per model.</summary>
    [System.Diagnostics.CodeAnalysis.Experimental("MW0004")]
    public const string SegmentDriftedShare = "modelwatch.segment.drifted_share";

    /// <summary>A segment's drift verdict per feature in the latest window (ObservableGauge, <c>1</c>; only with <c>Segments:FeatureMetrics</c>).</summary>
    [System.Diagnostics.CodeAnalysis.Experimental("MW0004")]
    public const string SegmentFeatureDriftStatus = "modelwatch.segment.feature.drift.status";

    /// <summary>A segment's verdict statistic per feature in the latest window (ObservableGauge, <c>1</c>; only with <c>Segments:FeatureMetrics</c>).</summary>
    [System.Diagnostics.CodeAnalysis.Experimental("MW0004")]
    public const string SegmentFeatureDriftScore = "modelwatch.segment.feature.drift.score";

    /// <summary>Segments admitted by weight in place of a lighter tracked segment, which then counts in <c>(other)</c> (Counter, <c>{segment}</c>), per model version.</summary>
    [System.Diagnostics.CodeAnalysis.Experimental("MW0004")]
    public const string SegmentReplacements = "modelwatch.segment.replacements";

    /// <summary>Attribute: the segment of a segmented model (docs/segments.md); at most <c>MaxSegments</c> + 1 values per model version.</summary>
    [System.Diagnostics.CodeAnalysis.Experimental("MW0004")]
    public const string SegmentName = "modelwatch.segment.name";
}
