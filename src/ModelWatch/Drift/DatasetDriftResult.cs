using System.Collections.Immutable;

namespace ModelWatch.Drift;

/// <summary>The dataset-level drift verdict: the share of drifted features against a threshold.</summary>
/// <param name="FeatureCount">The number of features evaluated.</param>
/// <param name="DriftedCount">The number of features judged drifted (after any p-value correction).</param>
/// <param name="DriftedShare"><paramref name="DriftedCount"/> / <paramref name="FeatureCount"/>.</param>
/// <param name="ShareThreshold">The share at or above which the dataset counts as drifted.</param>
/// <param name="IsDrift">Whether <paramref name="DriftedShare"/> ≥ <paramref name="ShareThreshold"/>.</param>
/// <param name="Correction">The multiple-testing correction applied to p-value verdicts.</param>
/// <param name="FeatureIsDrift">Each feature's verdict after correction, aligned with the input.</param>
public readonly record struct DatasetDriftResult(
    int FeatureCount,
    int DriftedCount,
    double DriftedShare,
    double ShareThreshold,
    bool IsDrift,
    MultipleTestingCorrection Correction,
    ImmutableArray<bool> FeatureIsDrift);
