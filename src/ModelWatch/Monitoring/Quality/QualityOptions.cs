using System.ComponentModel.DataAnnotations;

namespace ModelWatch.Monitoring;

/// <summary>
/// How a model's outcomes (late ground truth) are joined and scored, and when quality alerts fire.
/// Bound from configuration as <c>ModelWatch:Models:{name}:Quality</c>.
/// </summary>
public sealed class QualityOptions
{
    /// <summary>Gets or sets the model's task, which decides how outcomes are scored.</summary>
    /// <value>The default value is <see cref="ModelTask.None"/> (outcomes are not tracked).</value>
    public ModelTask Task { get; set; } = ModelTask.None;

    /// <summary>Gets or sets the number of classes of a multiclass model (class indexes 0 … Classes − 1).</summary>
    /// <value>The default value is 0 (must be set for multiclass models).</value>
    [Range(0, 1_024)]
    public int Classes { get; set; }

    /// <summary>
    /// Gets the names of a classifier's classes in class-index order (<c>Quality:ClassNames</c>, e.g.
    /// <c>["drizzle", "fog", "rain", "snow", "sun"]</c>): reports and the dashboard show them where they
    /// would show a class index. One non-empty, distinct name per class (<see cref="Classes"/> of a
    /// multiclass model, two for a binary one).
    /// </summary>
    /// <value>The default value is an empty list (classes are shown by index).</value>
    public IList<string> ClassNames { get; } = [];

    /// <summary>Gets or sets the score at or above which a binary model predicts class 1.</summary>
    /// <value>The default value is 0.5.</value>
    [Range(0.0, 1.0)]
    public double DecisionThreshold { get; set; } = 0.5;

    /// <summary>
    /// Gets or sets how many predictions logged with an id are held for their outcome at most; beyond it the
    /// oldest is evicted (and counted). Memory is about 100 bytes per held prediction plus its id string.
    /// </summary>
    /// <value>The default value is 100,000.</value>
    [Range(1, 100_000_000)]
    public int MaxPendingPredictions { get; set; } = 100_000;

    /// <summary>Gets or sets how long a prediction waits for its outcome (and an early outcome for its prediction).</summary>
    /// <value>The default value is 30 days.</value>
    public TimeSpan PendingTimeToLive { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Gets or sets the number of equal-width score bins over [0, 1] from which binary ROC AUC is computed (its error bound shrinks as they grow).</summary>
    /// <value>The default value is 200.</value>
    [Range(2, 100_000)]
    public int ScoreBins { get; set; } = 200;

    /// <summary>Gets or sets the number of equal-width confidence bins of the expected calibration error.</summary>
    /// <value>The default value is 10.</value>
    [Range(1, 1_000)]
    public int CalibrationBins { get; set; } = 10;

    /// <summary>Gets or sets the fewest outcomes a window needs before its metrics are compared with thresholds.</summary>
    /// <value>The default value is 30.</value>
    [Range(1, 1_000_000_000)]
    public long MinimumOutcomes { get; set; } = 30;

    /// <summary>Gets or sets the change detector fed with the error stream.</summary>
    /// <value>The default value is <see cref="ConceptDriftDetector.Adwin"/>.</value>
    public ConceptDriftDetector ConceptDrift { get; set; } = ConceptDriftDetector.Adwin;

    /// <summary>Gets or sets the confidence δ of ADWIN (smaller: fewer false alarms, later detection).</summary>
    /// <value>The default value is 0.002.</value>
    [Range(1e-12, 0.5)]
    public double AdwinDelta { get; set; } = 0.002;

    /// <summary>
    /// Gets or sets how many of the first evaluated arrival windows form the reference period, the
    /// baseline against which drops are measured when a threshold gives no baseline of its own.
    /// </summary>
    /// <value>The default value is 1.</value>
    [Range(1, 1_000)]
    public int BaselineWindows { get; set; } = 1;

    /// <summary>Gets the quality thresholds; a window that breaks any of them counts as degraded.</summary>
    public IList<QualityThresholdOptions> Thresholds { get; } = [];

    /// <summary>The performance estimator fitted on a labelled reference (code only: <see cref="ModelBuilder.EstimatePerformance(Estimation.CbpeReference, Estimation.CbpeOptions?)"/>).</summary>
    internal Estimation.Cbpe? Estimator;
}
