using System.Collections.Immutable;

namespace ModelWatch.Drift;

/// <summary>
/// The Population Stability Index of a current sample or profile against a reference, with the bins
/// it was computed over.
/// </summary>
/// <remarks>
/// Counts and shares are aligned by bin. For numeric data the bins are given by
/// <see cref="InteriorEdges"/>; for categorical data by <see cref="Categories"/> followed by one
/// last "unseen" bucket for current categories absent from the reference. Shares are count / total
/// with exact zeros replaced by <see cref="PopulationStabilityIndex.ZeroShareReplacement"/>.
/// </remarks>
public sealed class PsiResult
{
    internal PsiResult()
    {
    }

    /// <summary>Gets the PSI: Σ over bins of (current share − reference share) · ln(current share / reference share).</summary>
    public double Value { get; internal init; }

    /// <summary>Gets the customary band of <see cref="Value"/>.</summary>
    public PsiBand Band => PopulationStabilityIndex.Classify(Value);

    /// <summary>Gets the interior bin edges (numeric data); empty when the result came from counts alone or from categories.</summary>
    public ImmutableArray<double> InteriorEdges { get; internal init; }

    /// <summary>
    /// Gets the reference categories in ordinal order (categorical data; empty otherwise). The count
    /// and share arrays hold one more entry, last, for categories unseen in the reference.
    /// </summary>
    public ImmutableArray<string> Categories { get; internal init; }

    /// <summary>Gets the reference count per bin.</summary>
    public ImmutableArray<long> ReferenceCounts { get; internal init; }

    /// <summary>Gets the current count per bin.</summary>
    public ImmutableArray<long> CurrentCounts { get; internal init; }

    /// <summary>Gets the reference share per bin, after zero replacement.</summary>
    public ImmutableArray<double> ReferenceShares { get; internal init; }

    /// <summary>Gets the current share per bin, after zero replacement.</summary>
    public ImmutableArray<double> CurrentShares { get; internal init; }

    /// <summary>Gets the number of observations used and of values excluded as missing (NaN, or null labels), per sample.</summary>
    public SampleCounts Counts { get; internal init; }

    /// <summary>Converts to the shared result shape: drift when <see cref="Value"/> ≥ <paramref name="threshold"/>.</summary>
    /// <param name="threshold">The PSI threshold; finite and non-negative. The default is <see cref="PopulationStabilityIndex.DefaultThreshold"/> (0.1).</param>
    /// <returns>The shared result, detector <c>psi</c>, no p-value.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threshold"/> is negative or not finite.</exception>
    public DriftResult ToDriftResult(double threshold = PopulationStabilityIndex.DefaultThreshold) =>
        DriftResult.FromStatistic(PopulationStabilityIndex.DetectorName, Value, threshold, Counts);
}
