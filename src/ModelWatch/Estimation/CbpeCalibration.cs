namespace ModelWatch.Estimation;

/// <summary>Whether CBPE calibrates the model's scores on the reference before estimating.</summary>
public enum CbpeCalibration
{
    /// <summary>
    /// NannyML's rule, per class: no calibration for a single-class reference or a reference ROC AUC
    /// above 0.999; otherwise calibrate when it lowers the expected calibration error on held-out splits.
    /// </summary>
    Auto,

    /// <summary>Always calibrate (except a single-class reference, which has nothing to fit).</summary>
    Always,

    /// <summary>Never calibrate: the scores are taken as probabilities.</summary>
    Never,
}
