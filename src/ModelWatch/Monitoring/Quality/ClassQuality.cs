namespace ModelWatch.Monitoring;

/// <summary>
/// Precision, recall and F1 of one class (one-vs-rest). A ratio with nothing to divide by is 0, as
/// scikit-learn's <c>zero_division=0</c> gives it.
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(MonitoringJsonConverter))]
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

    /// <summary>Gets correct among predicted (0 when the class was never predicted).</summary>
    public double Precision { get; internal init; }

    /// <summary>Gets correct among true (0 when the class never occurred).</summary>
    public double Recall { get; internal init; }

    /// <summary>Gets the harmonic mean of precision and recall, 2·TP / (predicted + support) (0 when the class neither occurs nor is predicted).</summary>
    public double F1 { get; internal init; }
}
