namespace ModelWatch.Monitoring;

/// <summary>Precision, recall and F1 of one class (one-vs-rest).</summary>
public sealed class ClassQuality
{
    internal ClassQuality()
    {
    }

    /// <summary>Gets the class index.</summary>
    public int ClassIndex { get; internal init; }

    /// <summary>Gets outcomes whose true class is this one.</summary>
    public long Support { get; internal init; }

    /// <summary>Gets labeled predictions of this class.</summary>
    public long Predicted { get; internal init; }

    /// <summary>Gets correct among predicted (NaN when the class was never predicted).</summary>
    public double Precision { get; internal init; }

    /// <summary>Gets correct among true (NaN when the class never occurred).</summary>
    public double Recall { get; internal init; }

    /// <summary>Gets harmonic mean of precision and recall (0 when both are 0; NaN when either is NaN).</summary>
    public double F1 { get; internal init; }
}
