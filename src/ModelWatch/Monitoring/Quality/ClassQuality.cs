namespace ModelWatch.Monitoring;

/// <summary>Precision, recall and F1 of one class (one-vs-rest).</summary>
public sealed class ClassQuality
{
    /// <summary>Gets the class index.</summary>
    public required int ClassIndex { get; init; }

    /// <summary>Gets outcomes whose true class is this one.</summary>
    public required long Support { get; init; }

    /// <summary>Gets labeled predictions of this class.</summary>
    public required long Predicted { get; init; }

    /// <summary>Gets correct among predicted (NaN when the class was never predicted).</summary>
    public required double Precision { get; init; }

    /// <summary>Gets correct among true (NaN when the class never occurred).</summary>
    public required double Recall { get; init; }

    /// <summary>Gets harmonic mean of precision and recall (0 when both are 0; NaN when either is NaN).</summary>
    public required double F1 { get; init; }
}
