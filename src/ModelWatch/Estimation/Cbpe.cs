namespace ModelWatch.Estimation;

/// <summary>
/// Confidence-based performance estimation: a classifier's performance on data without labels,
/// estimated from its own (calibrated) probabilities, as NannyML's <c>CBPE</c> computes it
/// (<c>nannyml/performance_estimation/confidence_based/cbpe.py</c>).
/// </summary>
/// <remarks>
/// <para>
/// Fitting reads a labelled reference: the sampling-error components and, from the realized
/// performance of each reference chunk, the thresholds (mean ± 3·std, within the metric's range);
/// then it decides per class whether to calibrate and fits an isotonic calibrator. Estimating reads
/// the model's scores and decisions only: with calibrated probabilities p, the expected confusion matrix
/// of a chunk is TP = Σ p·[ŷ = 1], FP = Σ (1 − p)·[ŷ = 1], FN = Σ p·[ŷ = 0], TN = Σ (1 − p)·[ŷ = 0].
/// </para>
/// <para>
/// The estimate is right only while the calibration learned on the reference holds: it follows
/// covariate shift but cannot see a change of P(y | x) (concept shift). See docs/estimation.md.
/// </para>
/// </remarks>
public sealed class Cbpe
{
    private static readonly CbpeMetric[] BinaryMetrics = Enum.GetValues<CbpeMetric>();

    private static readonly CbpeMetric[] MulticlassMetrics =
        [CbpeMetric.RocAuc, CbpeMetric.F1, CbpeMetric.Precision, CbpeMetric.Recall, CbpeMetric.Specificity, CbpeMetric.Accuracy];

    private Cbpe(BinaryCbpe? binary, MulticlassCbpe? multiclass, int classCount)
    {
        Binary = binary;
        Multiclass = multiclass;
        ClassCount = classCount;
    }

    /// <summary>Gets the number of classes: 2 for a binary model.</summary>
    public int ClassCount { get; }

    /// <summary>Gets whether the scores are calibrated: one entry for a binary model, one per class for a multiclass one.</summary>
    public IReadOnlyList<bool> Calibrated =>
        Binary is { } binary ? [binary.Calibrator is not null] : [.. Multiclass!.Calibrators.Select(c => c is not null)];

    internal BinaryCbpe? Binary { get; }

    internal MulticlassCbpe? Multiclass { get; }

    /// <summary>Fits CBPE on a labelled reference.</summary>
    /// <param name="reference">The reference: scores or probabilities, decisions and labels.</param>
    /// <param name="options">Calibration, chunking and metrics.</param>
    /// <returns>The fitted estimator.</returns>
    /// <exception cref="ArgumentException">
    /// A metric does not apply to a multiclass model, or split indices are out of range.
    /// </exception>
    public static Cbpe Fit(CbpeReference reference, CbpeOptions options)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.Chunking);
        CbpeMetric[] available = reference.IsBinary ? BinaryMetrics : MulticlassMetrics;
        CbpeMetric[] metrics = [.. (options.Metrics ?? available).Distinct()];
        foreach (CbpeMetric metric in metrics)
        {
            if (!available.Contains(metric))
            {
                throw new ArgumentException($"{metric} is not estimated for a multiclass model.", nameof(options));
            }
        }

        RequireSplits(options, reference);
        return reference.IsBinary
            ? new Cbpe(BinaryCbpe.Fit(reference, options, metrics), null, 2)
            : new Cbpe(null, MulticlassCbpe.Fit(reference, options, metrics), reference.ClassCount);
    }

    /// <summary>Estimates a binary model's performance per chunk of unlabelled data.</summary>
    /// <param name="scores">The model's probability of the positive class per row, in [0, 1].</param>
    /// <param name="predictions">The model's decision per row, 0 or 1.</param>
    /// <returns>One record per chunk, in row order.</returns>
    /// <exception cref="InvalidOperationException">The estimator was fitted on a multiclass reference.</exception>
    /// <exception cref="ArgumentException">The arrays are empty or of different lengths, or hold values out of range.</exception>
    public IReadOnlyList<CbpeChunk> Estimate(double[] scores, int[] predictions)
    {
        if (Binary is null)
        {
            throw new InvalidOperationException($"This estimator was fitted on a {ClassCount}-class reference: pass one row of probabilities per prediction.");
        }

        CbpeInput.RequireBinary(scores, predictions, nameof(scores), nameof(predictions));
        return Binary.Estimate(scores, predictions);
    }

    /// <summary>Estimates a multiclass model's performance per chunk of unlabelled data.</summary>
    /// <param name="probabilities">Per row, the probability of each class, in the reference's class order.</param>
    /// <param name="predictions">The model's predicted class index per row.</param>
    /// <returns>One record per chunk, in row order.</returns>
    /// <exception cref="InvalidOperationException">The estimator was fitted on a binary reference.</exception>
    /// <exception cref="ArgumentException">The arrays are empty or of different lengths, rows are of the wrong width, or values are out of range.</exception>
    public IReadOnlyList<CbpeChunk> Estimate(double[][] probabilities, int[] predictions)
    {
        if (Multiclass is null)
        {
            throw new InvalidOperationException("This estimator was fitted on a binary reference: pass one score per prediction.");
        }

        CbpeInput.RequireMulticlass(probabilities, predictions, ClassCount, nameof(probabilities), nameof(predictions));
        return Multiclass.Estimate(probabilities, predictions);
    }

    private static void RequireSplits(CbpeOptions options, CbpeReference reference)
    {
        if (options.SplitTestIndices is { } splits)
        {
            RequireFolds(splits, reference.RowCount, nameof(options));
        }

        if (options.ClassSplitTestIndices is { } perClass)
        {
            if (perClass.Count != reference.ClassCount)
            {
                throw new ArgumentException($"{perClass.Count} lists of splits for {reference.ClassCount} classes: give one per class.", nameof(options));
            }

            foreach (IReadOnlyList<int[]> folds in perClass)
            {
                RequireFolds(folds, reference.RowCount, nameof(options));
            }
        }
    }

    private static void RequireFolds(IReadOnlyList<int[]> folds, int rows, string paramName)
    {
        if (folds.Count == 0)
        {
            throw new ArgumentException("The list of split test rows is empty.", paramName);
        }

        foreach (int[] fold in folds)
        {
            if (fold is null || fold.Length == 0 || fold.Length >= rows)
            {
                throw new ArgumentException("Each split needs at least one test row and one training row.", paramName);
            }

            foreach (int row in fold)
            {
                if ((uint)row >= (uint)rows)
                {
                    throw new ArgumentException($"Split test row {row} is not a reference row in [0, {rows - 1}].", paramName);
                }
            }
        }
    }
}
