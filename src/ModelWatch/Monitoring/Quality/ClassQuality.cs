namespace ModelWatch.Monitoring;

/// <summary>Precision, recall and F1 of one class (one-vs-rest).</summary>
/// <param name="ClassIndex">The class index.</param>
/// <param name="Support">Outcomes whose true class is this one.</param>
/// <param name="Predicted">Labeled predictions of this class.</param>
/// <param name="Precision">Correct among predicted (NaN when the class was never predicted).</param>
/// <param name="Recall">Correct among true (NaN when the class never occurred).</param>
/// <param name="F1">Harmonic mean of precision and recall (0 when both are 0; NaN when either is NaN).</param>
public sealed record ClassQuality(int ClassIndex, long Support, long Predicted, double Precision, double Recall, double F1);
