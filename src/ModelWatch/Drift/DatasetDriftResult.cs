using System.Collections.Immutable;

namespace ModelWatch.Drift;

/// <summary>The dataset-level drift verdict: the share of drifted features against a threshold.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(DriftJsonConverter))]
public readonly struct DatasetDriftResult
{
    /// <summary>Gets the number of features evaluated.</summary>
    public int FeatureCount { get; internal init; }

    /// <summary>Gets the number of features judged drifted (after any p-value correction).</summary>
    public int DriftedCount { get; internal init; }

    /// <summary>Gets <see cref="DriftedCount"/> / <see cref="FeatureCount"/>.</summary>
    public double DriftedShare => (double)DriftedCount / FeatureCount;

    /// <summary>Gets the share at or above which the dataset counts as drifted.</summary>
    public double ShareThreshold { get; internal init; }

    /// <summary>Gets a value indicating whether <see cref="DriftedShare"/> ≥ <see cref="ShareThreshold"/>.</summary>
    public bool IsDrift => DriftedShare >= ShareThreshold;

    /// <summary>Gets the multiple-testing correction applied to p-value verdicts.</summary>
    public MultipleTestingCorrection Correction { get; internal init; }

    /// <summary>Gets each feature's verdict after correction, aligned with the input.</summary>
    public ImmutableArray<bool> FeatureIsDrift { get; internal init; }
}
