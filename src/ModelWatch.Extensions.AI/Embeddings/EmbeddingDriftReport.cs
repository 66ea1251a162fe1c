namespace ModelWatch.Extensions.AI;

/// <summary>
/// The row-based embedding drift methods for one closed window against the reference: mean-vector
/// distance (all vectors, streamed), MMD² and the domain classifier (seeded samples). The share of
/// drifted components is the ModelWatch model's own dataset drift (<c>DriftReport.Dataset</c>), as
/// the projected components are its features.
/// </summary>
public sealed class EmbeddingDriftReport
{
    internal EmbeddingDriftReport()
    {
    }

    /// <summary>Gets the embedding model's name.</summary>
    public string ModelName { get; internal init; } = "";

    /// <summary>Gets when the window closed and was evaluated.</summary>
    public DateTimeOffset EvaluatedAt { get; internal init; }

    /// <summary>Gets the vectors the reference holds.</summary>
    public long ReferenceVectors { get; internal init; }

    /// <summary>Gets the vectors logged in the window.</summary>
    public long CurrentVectors { get; internal init; }

    /// <summary>Gets the rows sampled from the reference and from the window for MMD² and the classifier.</summary>
    public (int Reference, int Current) SampledRows { get; internal init; }

    /// <summary>Gets a value indicating whether the window had enough vectors (20 a side) to be evaluated; when not, the statistics are NaN.</summary>
    public bool IsEvaluated { get; internal init; }

    /// <summary>Gets the distance between the reference's and the window's mean vectors.</summary>
    public double MeanDistance { get; internal init; } = double.NaN;

    /// <summary>Gets a value indicating whether the mean-vector distance exceeds its threshold.</summary>
    public bool IsMeanDistanceDrift { get; internal init; }

    /// <summary>Gets the unbiased MMD² with the RBF kernel.</summary>
    public double Mmd2 { get; internal init; } = double.NaN;

    /// <summary>Gets the kernel's bandwidth (median heuristic).</summary>
    public double MmdBandwidth { get; internal init; } = double.NaN;

    /// <summary>Gets the MMD² permutation p-value, NaN unless <see cref="ModelWatchEmbeddingOptions.MmdPermutations"/> is set.</summary>
    public double MmdPValue { get; internal init; } = double.NaN;

    /// <summary>Gets a value indicating whether MMD² calls drift (above its threshold, or a p-value below its level).</summary>
    public bool IsMmdDrift { get; internal init; }

    /// <summary>Gets the domain classifier's held-out ROC AUC.</summary>
    public double ClassifierAuc { get; internal init; } = double.NaN;

    /// <summary>Gets the AUC threshold used: max(the configured floor, the 95th percentile under random relabellings).</summary>
    public double ClassifierThreshold { get; internal init; } = double.NaN;

    /// <summary>Gets a value indicating whether the domain classifier calls drift.</summary>
    public bool IsClassifierDrift { get; internal init; }

    /// <summary>Gets a value indicating whether the window drifts by the domain classifier, Evidently's default embedding method.</summary>
    public bool IsDrift => IsClassifierDrift;
}
