namespace ModelWatch.Estimation;

/// <summary>A performance metric CBPE estimates.</summary>
public enum CbpeMetric
{
    /// <summary>Area under the ROC curve (macro one-vs-rest for multiclass).</summary>
    RocAuc,

    /// <summary>F1 score (macro for multiclass).</summary>
    F1,

    /// <summary>Precision (macro for multiclass).</summary>
    Precision,

    /// <summary>Recall (macro for multiclass).</summary>
    Recall,

    /// <summary>Specificity, TN / (TN + FP) (macro for multiclass).</summary>
    Specificity,

    /// <summary>Accuracy.</summary>
    Accuracy,

    /// <summary>Average precision (binary only; no sampling error).</summary>
    AveragePrecision,

    /// <summary>Number of true positives (binary only).</summary>
    TruePositive,

    /// <summary>Number of true negatives (binary only).</summary>
    TrueNegative,

    /// <summary>Number of false positives (binary only).</summary>
    FalsePositive,

    /// <summary>Number of false negatives (binary only).</summary>
    FalseNegative,
}
