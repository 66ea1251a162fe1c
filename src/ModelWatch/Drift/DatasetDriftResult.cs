using System.Collections.Immutable;

namespace ModelWatch.Drift;

/// <summary>The dataset-level drift verdict: the share of drifted features against a threshold.</summary>
public readonly record struct DatasetDriftResult
{
    /// <summary>Gets the number of features evaluated.</summary>
    public required int FeatureCount { get; init; }

    /// <summary>Gets the number of features judged drifted (after any p-value correction).</summary>
    public required int DriftedCount { get; init; }

    /// <summary>Gets <see cref="DriftedCount"/> / <see cref="FeatureCount"/>.</summary>
    public required double DriftedShare { get; init; }

    /// <summary>Gets the share at or above which the dataset counts as drifted.</summary>
    public required double ShareThreshold { get; init; }

    /// <summary>Gets a value indicating whether <see cref="DriftedShare"/> ≥ <see cref="ShareThreshold"/>.</summary>
    public required bool IsDrift { get; init; }

    /// <summary>Gets the multiple-testing correction applied to p-value verdicts.</summary>
    public required MultipleTestingCorrection Correction { get; init; }

    /// <summary>Gets each feature's verdict after correction, aligned with the input.</summary>
    public required ImmutableArray<bool> FeatureIsDrift { get; init; }
}
