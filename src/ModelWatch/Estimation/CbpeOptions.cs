namespace ModelWatch.Estimation;

/// <summary>Options of <see cref="Cbpe.Fit"/>.</summary>
public sealed class CbpeOptions
{
    /// <summary>Gets or sets whether the scores are calibrated on the reference.</summary>
    /// <value>The default value is <see cref="CbpeCalibration.Auto"/>.</value>
    public CbpeCalibration Calibration { get; set; } = CbpeCalibration.Auto;

    /// <summary>
    /// Gets or sets, for <see cref="CbpeCalibration.Auto"/> on a binary reference, the test rows (0-based
    /// reference rows) of each held-out split; the training rows are the rest.
    /// </summary>
    /// <value>
    /// The default value is <see langword="null"/>: ten seeded stratified splits of ⌈n/10⌉ test rows,
    /// which are not scikit-learn's, so a borderline reference may be decided differently from NannyML.
    /// Pass NannyML's <c>StratifiedShuffleSplit(n_splits=10, test_size=0.1, random_state=42)</c> folds
    /// to reproduce its decision exactly.
    /// </value>
    public IReadOnlyList<int[]>? SplitTestIndices { get; set; }

    /// <summary>
    /// Gets or sets, for <see cref="CbpeCalibration.Auto"/> on a multiclass reference, the held-out test
    /// rows of each class's decision (one list of splits per class, in class order; NannyML stratifies each
    /// class's one-vs-rest target separately).
    /// </summary>
    /// <value>The default value is <see langword="null"/>: seeded stratified splits, as for <see cref="SplitTestIndices"/>.</value>
    public IReadOnlyList<IReadOnlyList<int[]>>? ClassSplitTestIndices { get; set; }

    /// <summary>Gets or sets how the reference and the analysed data are cut into chunks.</summary>
    /// <value>The default value is <see cref="Estimation.Chunking.Default"/> (10 chunks).</value>
    public Chunking Chunking { get; set; } = Chunking.Default;

    /// <summary>Gets or sets the metrics to estimate.</summary>
    /// <value>
    /// The default value is <see langword="null"/>: all eleven metrics for a binary model; ROC AUC, F1,
    /// precision, recall, specificity and accuracy for a multiclass one.
    /// </value>
    public IReadOnlyList<CbpeMetric>? Metrics { get; set; }

    /// <summary>Gets or sets per-class calibration decisions that replace the <see cref="Calibration"/> rule (tests reproduce NannyML's recorded decisions with it).</summary>
    internal IReadOnlyList<bool>? CalibrationDecisions { get; set; }
}
